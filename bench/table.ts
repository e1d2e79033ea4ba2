import type { BenchReport } from './report.js';
import type { TargetCheck } from './targets.js';

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const rate = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M/s` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k/s` : `${n.toFixed(0)}/s`);
const mib = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
const fixed = (n: number | null, digits = 4): string => (n === null ? 'n/a' : n.toFixed(digits));
const minutes = (seconds: number): string => `${(seconds / 60).toFixed(1)} min`;

interface Row {
  figure: string;
  value: string;
  detail: string;
  target: string;
  pass: string;
}

/** The printed summary: one row per figure with its target and pass/fail, then the machine. */
export function benchTable(report: BenchReport): string {
  const checks = new Map(report.targets.map((check) => [check.figure, check]));
  const verdict = (figure: string): Pick<Row, 'target' | 'pass'> => {
    const check: TargetCheck | undefined = checks.get(figure);
    if (check === undefined) return { target: '', pass: '' };
    // Smoke sizes say nothing about the targets: the column is left blank rather than a PASS/FAIL that means nothing.
    if (report.quick) return { target: check.target, pass: '' };
    return { target: check.target, pass: check.pass === null ? 'skip' : check.pass ? 'PASS' : 'FAIL' };
  };
  const { scoring, engine, peer, workers, memory } = report;
  const simpy = peer.simpy;
  const rows: Row[] = [
    { figure: 'scoring per-lead API', value: rate(scoring.perLeadPerSec), detail: `${count(scoring.leads)} leads, default rubric, 1 core`, target: '', pass: '' },
    { figure: 'scoring batch API', value: rate(scoring.batchPerSec), detail: 'scoreBatch over columns', ...verdict('scoring.batchPerSec') },
    { figure: 'scoring reference loop', value: rate(scoring.referencePerSec), detail: 'hand-inlined default rubric', target: '', pass: '' },
    { figure: 'batch / reference', value: `${scoring.batchVsReference.toFixed(2)}x`, detail: `median of ${scoring.rounds} per-round ratios (rates above: medians over rounds)`, ...verdict('scoring.batchVsReference') },
    { figure: 'engine Erlang A leads', value: rate(engine.erlangA.leadsPerSec), detail: `${count(engine.erlangA.leads)} leads/run, median of ${engine.erlangA.runs}, cpu share ${engine.erlangA.cpuShare.toFixed(2)}`, ...verdict('engine.erlangA.leadsPerSec') },
    { figure: 'engine Erlang A events', value: rate(engine.erlangA.eventsPerSec), detail: `${count(engine.erlangA.events)} events/run`, target: '', pass: '' },
    { figure: 'engine baseline leads', value: rate(engine.baseline.leadsPerSec), detail: `${count(engine.baseline.leads)} leads/run, ${engine.baseline.scaling}, median of ${engine.baseline.runs}, cpu share ${engine.baseline.cpuShare.toFixed(2)}`, ...verdict('engine.baseline.leadsPerSec') },
    { figure: 'engine baseline events', value: rate(engine.baseline.eventsPerSec), detail: `${count(engine.baseline.events)} events/run`, target: '', pass: '' },
    { figure: 'engine large team leads', value: rate(engine.largeTeam.leadsPerSec), detail: `${count(engine.largeTeam.leads)} leads/run, ${count(engine.largeTeam.reps)} reps, large-company.yaml over ${engine.largeTeam.horizonWeeks} weeks, median of ${engine.largeTeam.runs}, cpu share ${engine.largeTeam.cpuShare.toFixed(2)}`, target: '', pass: '' },
    { figure: '  50 replications, 2 workers', value: minutes((50 * engine.largeTeam.leads) / engine.largeTeam.leadsPerSec / workers.speedup2v1), detail: 'projected: 50 x its run time / the workers 2 vs 1 speed-up below', target: '', pass: '' },
    simpy.skipped
      ? { figure: 'SimPy peer (Erlang A)', value: 'skipped', detail: simpy.reason, ...verdict('peer.simpy.ratio') }
      : { figure: 'SimPy peer (Erlang A)', value: rate(simpy.leadsPerSec), detail: `${count(simpy.leads)} leads, SimPy ${simpy.simpyVersion}`, target: '', pass: '' },
    ...(simpy.skipped ? [] : [{ figure: 'handoff-sim / SimPy', value: `${simpy.ratio.toFixed(1)}x`, detail: '', ...verdict('peer.simpy.ratio') }]),
    { figure: 'workers 2 vs 1', value: `${workers.speedup2v1.toFixed(2)}x`, detail: `${workers.replications} reps of ${workers.scenario}: ${workers.seconds1.toFixed(2)} s vs ${workers.seconds2.toFixed(2)} s wall, ${workers.cpuSeconds1.toFixed(2)} vs ${workers.cpuSeconds2.toFixed(2)} cpu-s`, ...verdict('workers.speedup2v1') },
    ...(workers.fileAsIs === null
      ? []
      : [{ figure: '  (13-week file as is)', value: `${workers.fileAsIs.speedup2v1.toFixed(2)}x`, detail: `${workers.replications} reps: ${workers.fileAsIs.seconds1.toFixed(2)} s vs ${workers.fileAsIs.seconds2.toFixed(2)} s wall (warm-up of each worker weighs more)`, target: '', pass: '' }]),
    { figure: `peak RSS ${count(memory.leads1M)} leads`, value: mib(memory.rss1MBytes), detail: `fresh process, Erlang A, run took ${memory.seconds1M.toFixed(2)} s`, target: '', pass: '' },
    { figure: `peak RSS ${count(memory.leads10M)} leads`, value: mib(memory.rss10MBytes), detail: `fresh process, run took ${memory.seconds10M.toFixed(2)} s`, ...verdict('memory.rss10MBytes') },
    { figure: 'RSS growth (10x leads)', value: `${memory.growth.toFixed(2)}x`, detail: '', ...verdict('memory.rss10M/rss1M') },
  ];
  const header: Row = { figure: 'figure', value: 'value', detail: 'measured on', target: 'target', pass: 'result' };
  const widths = (Object.keys(header) as (keyof Row)[]).map((key) => Math.max(...[header, ...rows].map((row) => row[key].length)));
  const line = (row: Row): string =>
    [row.figure.padEnd(widths[0]!), row.value.padStart(widths[1]!), row.detail.padEnd(widths[2]!), row.target.padEnd(widths[3]!), row.pass].join('  ').trimEnd();
  const m = report.machine;
  const checks2 = simpy.skipped
    ? []
    : [
        `Erlang A check (service level / waiting / abandonment): SimPy ${fixed(simpy.serviceLevel)} / ${fixed(simpy.waitingProbability)} / ${fixed(simpy.abandonment)}, ` +
          `handoff-sim ${fixed(engine.erlangA.serviceLevel)} / ${fixed(engine.erlangA.waitingProbability)} / ${fixed(engine.erlangA.abandonment)}, ` +
          `formula ${fixed(simpy.erlangA.serviceLevel)} / ${fixed(simpy.erlangA.waitingProbability)} / ${fixed(simpy.erlangA.abandonment)}`,
      ];
  return [
    `handoff-sim bench${report.quick ? ' --quick (smoke sizes, not comparable to the targets)' : ''}`,
    `machine: ${m.cpuModel}, ${m.cores} cores, ${mib(m.memoryBytes)}, ${m.os}, Node ${m.node}`,
    `V8 inlining budget: ${report.inlining}`,
    `commit ${report.git.commit?.slice(0, 12) ?? 'unknown'}${report.git.dirty ? ' (+ uncommitted changes)' : ''}; 1-min load average ${report.load.start.toFixed(1)} at start, ${report.load.end.toFixed(1)} at end`,
    '',
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    ...checks2,
    report.quick
      ? `smoke sizes: targets not judged (npm run bench judges them); took ${report.durationSeconds.toFixed(1)} s`
      : `${report.targets.filter((t) => t.pass === true).length} of ${report.targets.length} targets pass; took ${report.durationSeconds.toFixed(1)} s`,
  ].join('\n');
}

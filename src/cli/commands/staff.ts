import type { CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { resolvePolicies } from '../../experiment/simulate.js';
import { runStaffing, type StaffingStudy } from '../../experiment/staffing.js';
import { SearchStopped, type StaffingReplication } from '../../experiment/staffing/saved.js';
import type { StaffingSummary } from '../../experiment/staffing/schema.js';
import { parseTarget } from '../../experiment/staffing/target.js';
import { checkResultsTarget } from '../../report/atomicFiles.js';
import { count, dollars, minutes, percent, plural, points, shareBound, signOf } from '../../report/format.js';
import { differentScenario } from '../../report/resumeFolder.js';
import { jsonText } from '../../report/json.js';
import { openStaffingFolder, readStaffingFolder, writeStaffingResults, writeStoppedStaffing, type StaffRequest } from '../../report/staffingFolder.js';
import { answerLines } from '../../report/staffingReport.js';
import { loadScenarioFile, type LoadedScenario } from '../../scenario/load.js';
import { withSeed } from '../../scenario/withSeed.js';
import { interruptSignal, withTimeLimit } from '../interrupt.js';
import { progressOptions, progressReporter, type ProgressArgs } from '../progress.js';
import { refuseChangedFlags } from '../resumeFlags.js';
import { checkSeconds, studyOptions } from '../studyFlags.js';
import { toolVersion } from '../version.js';
import { printKilledRuns, printWarnings } from '../warnings.js';
import { shellWord } from '../../shellWord.js';

interface StaffArgs extends ProgressArgs {
  scenario: string;
  target?: string[];
  role?: 'sdr' | 'ae';
  min?: number;
  max?: number;
  window?: 'launch' | 'all';
  confidence?: number;
  policy?: string;
  replications?: number;
  workers?: number;
  seed?: number;
  timeout?: number;
  jobTimeout?: number;
  resume?: string;
  maxOccupancy?: number;
  maxAbandonment?: number;
  shrinkage?: number;
  whatIfs?: boolean;
  json?: boolean;
  out?: string;
}

const pad = (text: string, width: number) => text.padStart(width);
const signedPoints = (value: number) => `${signOf(value)}${points(Math.abs(value), 'pts')}`;
const signedDollars = (value: number) => `${signOf(value)}${dollars(Math.abs(value))}`;

/** The terminal answer: per role the headcounts simulated, the recommendation, the formulas, then the what-ifs. */
export function staffingText(summary: StaffingSummary): string {
  const lines = [`Staffing ${summary.scenario} with policy "${summary.policy}" (${summary.window === 'launch' ? 'MQLs inside surge windows' : 'all MQLs'}, ${summary.replications} replications per headcount, seed ${summary.seed})`, ''];
  for (const search of summary.searches) {
    const role = search.role.toUpperCase();
    lines.push(`${role}s: varying pod "${search.pod}" (${search.current} in the scenario), range ${search.min}-${search.max}, simulated ${search.tried.join(', ')} in that order`);
    lines.push(`  ${pad(`${role}s`, 5)}  ${pad(`${search.targets[0]} mean`, 26)}  ${pad('95% CI', 15)}  ${pad('lower bd', 8)}  meets  ${pad('util', 6)}  ${pad('rep-hours', 9)}  ${pad('pipeline', 9)}`);
    for (const point of summary.curve.filter((entry) => entry.role === search.role)) {
      const band = point.ci95 === null ? '-' : `${shareBound(point.ci95[0])}-${shareBound(point.ci95[1])}`;
      lines.push(`  ${pad(String(point.headcount), 5)}  ${pad(percent(point.mean), 26)}  ${pad(band, 15)}  ${pad(shareBound(point.lowerBound), 8)}  ${point.holds ? 'yes  ' : 'no   '}  ${pad(percent(point.utilization), 6)}  ${pad(count(point.openRepHours), 9)}  ${pad(dollars(point.pipeline.mean), 9)}`);
    }
    // Around the answer, or at the top of the range when there is none (does more still help?).
    for (const gain of summary.marginal.filter((entry) => entry.role === search.role && (search.recommended === null ? entry.to === Math.max(...search.tried) : entry.to === search.recommended || entry.from === search.recommended))) {
      const targets = Object.entries(gain.perRep.targets).map(([target, interval]) => `${target} ${interval === null ? '-' : `${signedPoints(interval.mean)} (${signedPoints(interval.ci95[0])} to ${signedPoints(interval.ci95[1])})`}`);
      lines.push(`  Each ${role} from ${gain.from} to ${gain.to}: ${targets.join(', ')}, pipeline ${signedDollars(gain.perRep.pipeline.mean)} (${signedDollars(gain.perRep.pipeline.ci95[0])} to ${signedDollars(gain.perRep.pipeline.ci95[1])}), ${count(gain.perRep.openRepHours)} rep-hours`);
    }
    const analytic = summary.analytic[search.role];
    for (const target of analytic?.targets ?? []) {
      const i = target.inputs;
      const staffed = (name: string, value: { servers: number; scheduled: number } | null) => `${name} ${value === null ? '-' : `${value.scheduled} (${value.servers} on duty)`}`;
      lines.push(`  Formulas for ${target.target}: ${[staffed('Erlang C', target.erlangC), staffed('Erlang A', target.erlangA), staffed('square-root', target.squareRoot)].join(', ')}${target.note === null ? '' : ` [${target.note}]`}`);
      if (i !== null) lines.push(`    inputs: ${i.leadsInWindow.toFixed(1)} leads / ${i.openHours.toFixed(1)} open h = ${i.arrivalRatePerHour.toFixed(2)}/h, work ${i.workDistribution}, patience ${i.meanPatienceMinutes === null ? 'none' : minutes(i.meanPatienceMinutes)}, shrinkage ${percent(i.shrinkage)}`);
    }
    lines.push('');
  }
  lines.push(...answerLines(summary), summary.comparison);
  if (summary.whatIfs !== null) {
    const team = Object.entries(summary.whatIfs.team).map(([pod, n]) => `${pod} ${n}`).join(', ');
    lines.push('', `Surge what-ifs at ${team} (difference vs ${summary.whatIfs.baseline}, paired, 95% CI):`);
    for (const row of summary.whatIfs.rows) {
      const targets = row.targets.map((stats) => `${stats.target} ${percent(stats.mean)}${stats.vsBaseline === null ? '' : ` (${signedPoints(stats.vsBaseline.mean)}, ${signedPoints(stats.vsBaseline.ci95[0])} to ${signedPoints(stats.vsBaseline.ci95[1])})`}`).join('; ');
      const pipeline = `pipeline ${dollars(row.pipeline.mean)}${row.pipeline.vsBaseline === null ? '' : ` (${signedDollars(row.pipeline.vsBaseline.mean)})`}`;
      lines.push(`  ${row.label.padEnd(34)} ${row.policy.padEnd(28)} ${targets}; ${pipeline}`);
    }
  }
  return lines.join('\n');
}

export const staffCommand: CommandModule<object, StaffArgs> = {
  command: 'staff <scenario>',
  describe: 'Find the smallest SDR/AE headcount that meets response targets with confidence, next to Erlang C/A',
  builder: (yargs) =>
    yargs
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('target', { type: 'string', array: true, describe: '"<tier>:<fraction>@<duration>", e.g. "hot:0.85@5m" (durations 20s, 5m, 1h, 1d); repeat for several, all must hold' })
      .option('role', { choices: ['sdr', 'ae'] as const, describe: 'role whose headcount to vary (default: the role each target\u2019s tier routes to)' })
      .option('min', { type: 'number', describe: 'smallest headcount to consider (default 1)' })
      .option('max', { type: 'number', describe: 'largest headcount to consider (default: the larger of 2x today, today + 10, 2x the Erlang answer)' })
      .option('window', { choices: ['launch', 'all'] as const, describe: 'launch: only MQLs created inside surge windows; all (default): the whole measured period' })
      .option('confidence', { type: 'number', describe: 'one-sided confidence that the target holds (default 0.95)' })
      .option('policy', { type: 'string', describe: 'policy to staff for (default: the scenario\u2019s first)' })
      .option('replications', { type: 'number', describe: 'replications per headcount (default: the scenario\u2019s)' })
      .option('workers', { type: 'number', describe: 'worker threads (default: available cores)' })
      .option('seed', { type: 'number', describe: 'override the scenario seed' })
      .option('timeout', { type: 'number', describe: 'stop cleanly after this many seconds, keeping the finished replications for --resume' })
      .option('job-timeout', studyOptions['job-timeout'])
      .option('resume', { type: 'string', describe: 'finish a stopped search in this results folder (its flags come from its manifest)' })
      .option('max-occupancy', { type: 'number', describe: 'Erlang staffing: largest acceptable rep occupancy (default no cap)' })
      .option('max-abandonment', { type: 'number', describe: 'Erlang A staffing: largest acceptable share going cold (default no cap)' })
      .option('shrinkage', { type: 'number', describe: 'Erlang staffing: share of scheduled reps off duty (default: the pod\u2019s absenceRate)' })
      .option('what-ifs', { type: 'boolean', describe: 'run the surge what-ifs at the recommended team (the default; --no-what-ifs skips them)' })
      .option('json', { type: 'boolean', describe: 'print summary.json to stdout instead of the tables' })
      .option('out', { type: 'string', describe: 'results folder (default results/<scenario>-staff-<UTC timestamp>)' })
      .options(progressOptions),
  handler: async (args) => {
    checkSeconds([['--timeout', args.timeout], ['--job-timeout', args.jobTimeout]]);
    const saved = args.resume === undefined ? undefined : readStaffingFolder(args.resume);
    if (saved !== undefined && args.out !== undefined) throw new UsageError('--resume writes into the folder being resumed; drop --out');
    if (saved === undefined) checkResultsTarget(args.out);
    const loaded = loadScenarioFile(args.scenario);
    printWarnings(args.scenario, loaded.warnings);
    const request = saved?.request ?? requestOf(args, loaded);
    const seeded = withSeed(loaded, request.seed);
    if (saved !== undefined) refuseChanges(saved, args, seeded);
    const targets = request.targets.map(parseTarget);
    const base = { out: args.out, resumeInto: saved?.dir, request, command: process.argv.slice(2), version: toolVersion() };
    if (saved === undefined && args.out === undefined) printKilledRuns(seeded.scenario.name);
    const staged = openStaffingFolder(seeded, saved, base);
    const folder = staged === undefined ? base : { ...base, resumeInto: undefined, staged };
    const progress = progressReporter(args, 'staffing replications');
    // The handler stays until the results are written: a signal after the last replication must not kill the writing.
    const interrupt = interruptSignal();
    const stop = withTimeLimit(interrupt.signal, args.timeout);
    try {
      let study: StaffingStudy;
      try {
        study = await runStaffing(loaded, {
          targets,
          window: request.window,
          confidence: request.confidence,
          whatIfs: request.whatIfs,
          policy: request.policy,
          replications: request.replications,
          seed: request.seed,
          ...(request.role === undefined ? {} : { role: request.role }),
          ...(request.min === undefined ? {} : { min: request.min }),
          ...(request.max === undefined ? {} : { max: request.max }),
          ...(args.workers === undefined ? {} : { workers: args.workers }),
          ...(args.jobTimeout === undefined ? {} : { jobTimeoutMs: args.jobTimeout * 1000 }),
          caps: {
            ...(request.maxOccupancy === undefined ? {} : { maxOccupancy: request.maxOccupancy }),
            ...(request.maxAbandonment === undefined ? {} : { maxAbandonment: request.maxAbandonment }),
            ...(request.shrinkage === undefined ? {} : { shrinkage: request.shrinkage }),
          },
          signal: stop.signal,
          done: saved?.done,
          ...(staged === undefined ? {} : { onResult: (entry: StaffingReplication) => staged.append('replications.jsonl', `${JSON.stringify(entry)}\n`) }),
          ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
        }).finally(() => progress.stop());
      } catch (error) {
        if (!(error instanceof SearchStopped)) {
          staged?.abandon();
          throw error;
        }
        const interrupted = interrupt.signal.aborted;
        const dir = await writeStoppedStaffing(seeded, error.finished, interrupted ? 'interrupted' : 'time limit', folder);
        process.stderr.write(`${interrupted ? 'interrupted' : 'stopped at the time limit'} before the search finished: ${plural(error.finished.length, 'finished replication')} kept in ${dir} (manifest says complete: false)\nfinish it with: handoff staff ${shellWord(args.scenario)} --resume ${shellWord(dir)}\n`);
        process.exitCode = interrupted ? 130 : 3;
        return;
      }
      const dir = await writeStaffingResults(study, folder);
      if (args.json) {
        process.stdout.write(jsonText(study.summary));
        process.stderr.write(`Report: ${dir}/report.html\n`);
      } else process.stdout.write(`${staffingText(study.summary)}\n\nChart: ${dir}/charts/staffing-curve.svg\nReport: ${dir}/report.html\n`);
    } finally {
      stop.dispose();
      interrupt.dispose();
    }
  },
};

/** The search the flags ask for, defaults filled in (the scenario's first policy, its replications and seed). */
function requestOf(args: StaffArgs, loaded: LoadedScenario): StaffRequest {
  return {
    targets: args.target ?? [],
    ...(args.role === undefined ? {} : { role: args.role }),
    ...(args.min === undefined ? {} : { min: args.min }),
    ...(args.max === undefined ? {} : { max: args.max }),
    window: args.window ?? 'all',
    confidence: args.confidence ?? 0.95,
    policy: resolvePolicies(loaded, args.policy === undefined ? undefined : [args.policy])[0]!,
    replications: args.replications ?? loaded.scenario.replications,
    seed: args.seed ?? loaded.scenario.seed,
    whatIfs: args.whatIfs ?? true,
    ...(args.maxOccupancy === undefined ? {} : { maxOccupancy: args.maxOccupancy }),
    ...(args.maxAbandonment === undefined ? {} : { maxAbandonment: args.maxAbandonment }),
    ...(args.shrinkage === undefined ? {} : { shrinkage: args.shrinkage }),
  };
}

/** --resume runs the search the folder holds: a finished one, another scenario or a changed flag is refused. */
function refuseChanges(saved: ReturnType<typeof readStaffingFolder>, args: StaffArgs, seeded: LoadedScenario): void {
  if (saved.complete) throw new UsageError(`${saved.dir} holds a finished staff search (complete: true); there is nothing to resume`);
  const was = saved.request;
  refuseChangedFlags(saved.dir, [
    ['--target', args.target, was.targets],
    ['--role', args.role, was.role],
    ['--min', args.min, was.min],
    ['--max', args.max, was.max],
    ['--window', args.window, was.window],
    ['--confidence', args.confidence, was.confidence],
    ['--policy', args.policy, was.policy],
    ['--replications', args.replications, was.replications],
    ['--seed', args.seed, was.seed],
    ['--what-ifs', args.whatIfs, was.whatIfs],
    ['--max-occupancy', args.maxOccupancy, was.maxOccupancy],
    ['--max-abandonment', args.maxAbandonment, was.maxAbandonment],
    ['--shrinkage', args.shrinkage, was.shrinkage],
  ]);
  if (saved.scenarioHash !== seeded.hash) throw differentScenario(saved.dir, { file: saved.scenarioFile, hash: saved.scenarioHash }, seeded, 'search');
}

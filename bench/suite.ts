import { loadavg } from 'node:os';
import { raiseInliningBudget } from '../src/engine/inliningBudget.js';
import { BASELINE_FILE, bundledScenario } from './paths.js';
import { baselineBench, erlangABench, largeTeamBench } from './engine/suite.js';
import { gitState, machine } from './machine.js';
import { memoryBench } from './memory/peakRss.js';
import type { BenchReport } from './report.js';
import { loadResized } from './scenarios.js';
import { scoringBench } from './scoring/suite.js';
import { simpyPeer } from './simpy/peer.js';
import { FULL_SIZES, QUICK_SIZES } from './sizes.js';
import { checkTargets } from './targets.js';
import { workerSpeedup } from './workers/speedup.js';

export interface BenchOptions {
  quick: boolean;
  /** Progress lines (the CLI sends them to stderr so --json stdout stays one object). */
  log: (line: string) => void;
}

/** Runs every part of the bench in turn (in-process parts first, child processes last) and collects the figures. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const { log } = options;
  const sizes = options.quick ? QUICK_SIZES : FULL_SIZES;
  const startedAt = new Date();
  const started = process.hrtime.bigint();
  const loadAtStart = loadavg()[0]!;
  // As the CLI runs the engine (npm run bench does not start through it).
  const inlining = raiseInliningBudget();
  const seconds = (s: number): string => `${s.toFixed(2)} s`;

  log(`bench: scoring, ${sizes.scoringLeads.toLocaleString('en-US')} baseline-mix leads x 3 variants x ${sizes.scoringRounds} interleaved rounds (tinybench)...`);
  const scoring = await scoringBench(loadResized(bundledScenario(BASELINE_FILE), {}), { leads: sizes.scoringLeads, timeMs: sizes.scoringTimeMs, iterations: sizes.scoringIterations, rounds: sizes.scoringRounds });

  log(`bench: engine, Erlang A ~${sizes.erlangALeads.toLocaleString('en-US')} leads, warm-up + ${sizes.engineRuns} runs...`);
  const erlangA = await erlangABench(sizes.erlangALeads, sizes.engineRuns, (s) => log(`  run ${seconds(s)}`));

  log(`bench: engine, baseline over ${sizes.baselineWeeks} weeks, warm-up + ${sizes.engineRuns} runs...`);
  const baseline = await baselineBench(sizes.baselineWeeks, sizes.engineRuns, (s) => log(`  run ${seconds(s)}`));

  log(`bench: engine, large-company.yaml over ${sizes.largeTeamWeeks ?? 13} weeks, warm-up + ${sizes.largeTeamRuns} runs...`);
  const largeTeam = await largeTeamBench(sizes.largeTeamWeeks, sizes.largeTeamRuns, (s) => log(`  run ${seconds(s)}`));

  log(`bench: SimPy peer, ~${sizes.simpyLeads.toLocaleString('en-US')} leads...`);
  const simpy = simpyPeer(sizes.simpyLeads, erlangA.leadsPerSec, log);
  if (simpy.skipped) log(`  skipped: ${simpy.reason}`);

  log(`bench: workers, ${sizes.workerReplications} replications on 1 then 2 workers...`);
  const workers = await workerSpeedup(sizes.workerReplications, sizes.workerWeeks, !options.quick);

  log(`bench: peak RSS, ${sizes.memorySmallLeads.toLocaleString('en-US')} and ${sizes.memoryLargeLeads.toLocaleString('en-US')} leads in fresh processes...`);
  const memory = memoryBench(sizes.memorySmallLeads, sizes.memoryLargeLeads);

  const targets = checkTargets({
    batchPerSec: scoring.batchPerSec,
    batchVsReference: scoring.batchVsReference,
    erlangALeadsPerSec: erlangA.leadsPerSec,
    simpyRatio: simpy.skipped ? null : simpy.ratio,
    baselineLeadsPerSec: baseline.leadsPerSec,
    rss1MBytes: memory.rss1MBytes,
    rss10MBytes: memory.rss10MBytes,
    speedup2v1: workers.speedup2v1,
  });
  return {
    kind: 'handoff-sim-bench',
    quick: options.quick,
    startedAt: startedAt.toISOString(),
    durationSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    machine: machine(),
    git: gitState(),
    inlining,
    load: { start: loadAtStart, end: loadavg()[0]! },
    sizes,
    scoring,
    engine: { erlangA, baseline, largeTeam },
    peer: { simpy },
    workers,
    memory,
    targets,
  };
}

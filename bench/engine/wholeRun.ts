import { runReplication } from '../../src/experiment/runReplication.js';
import { deriveMetrics, type Metrics } from '../../src/metrics/derive.js';
import type { LoadedScenario } from '../../src/scenario/load.js';
import { freshCopy } from '../scenarios.js';
import { median } from './median.js';

export interface WholeRunFigures {
  /** Leads that arrived in the median-speed run (warm-up weeks included: they are simulated too). */
  leads: number;
  events: number;
  runs: number;
  secondsPerRun: number[];
  leadsPerSec: number;
  eventsPerSec: number;
  /** Median CPU seconds / wall seconds of a run: well under 1 means other processes took the core. */
  cpuShare: number;
  /** Metrics of the last timed run, so a fast engine can be seen to still compute the right thing. */
  metrics: Metrics;
}

/**
 * Times whole replications on this thread, end to end from a loaded scenario: each run gets a fresh cache
 * key, so building the world and policies is inside the timing; module loading is not. One untimed warm-up
 * run first lets the JIT settle; the figures are medians over `runs` timed runs (different replications).
 */
export async function timeWholeRuns(loaded: LoadedScenario, policy: string, runs: number, onRun?: (seconds: number) => void): Promise<WholeRunFigures> {
  await runReplication(freshCopy(loaded, 'warm-up'), policy, runs);
  const seconds: number[] = [];
  const leads: number[] = [];
  const events: number[] = [];
  const shares: number[] = [];
  let metrics: Metrics | undefined;
  for (let run = 0; run < runs; run++) {
    const copy = freshCopy(loaded, `run-${run}`);
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const result = await runReplication(copy, policy, run);
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    shares.push((used.user + used.system) / 1e6 / elapsed);
    if (result.stopped !== null) throw new Error(`bench run stopped early: ${result.stopped}`);
    seconds.push(elapsed);
    leads.push(result.simulatedLeads);
    events.push(result.events);
    metrics = deriveMetrics(result);
    onRun?.(elapsed);
  }
  return {
    leads: median(leads),
    events: median(events),
    runs,
    secondsPerRun: seconds,
    leadsPerSec: median(leads.map((n, i) => n / seconds[i]!)),
    eventsPerSec: median(events.map((n, i) => n / seconds[i]!)),
    cpuShare: median(shares),
    metrics: metrics!,
  };
}

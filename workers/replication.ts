import { InputError, type Problem } from '../src/errors.js';
import { policySetOf, runReplication } from '../src/experiment/runReplication.js';
import { withSeed } from '../src/scenario/withSeed.js';
import { cutOffByDeadline, type ReplicationResult } from '../src/metrics/result.js';
import { parseScenarioText, type LoadedScenario } from '../src/scenario/load.js';

/** One batch of replications for a worker thread: the scenario travels as text and is validated here. */
export interface WorkerTask {
  file: string;
  text: string;
  seed?: number;
  /** Hash of the scenario the main thread validated (seed applied); the text must still give it. */
  hash?: string;
  jobs: { policy: string; replication: number }[];
  /** Build these policies (loading their custom modules) before any job; every one that fails to load is reported. */
  checkPolicies?: string[];
  /** Wall-clock time (ms since epoch) at which the whole study stops: later jobs are skipped, and running ones stop and are skipped too (a partial replication is not a result). */
  deadlineMs?: number;
}

export type JobOutcome =
  | { ok: true; result: ReplicationResult }
  | { ok: false; policy: string; replication: number; error: string; skipped?: boolean; input?: { file: string; problems: Problem[] } };

const scenarios = new Map<string, LoadedScenario>();

/** The piscina worker entry: thin, it only calls into src/. */
export default async function runTask(task: WorkerTask): Promise<JobOutcome[]> {
  const key = `${task.file}\u0000${task.text}\u0000${task.seed ?? ''}`;
  let loaded = scenarios.get(key);
  if (loaded === undefined) {
    loaded = withSeed(parseScenarioText(task.text, task.file), task.seed);
    scenarios.set(key, loaded);
  }
  // The text (or a file it extends) changed on disk after validation: do not simulate something else.
  if (task.hash !== undefined && loaded.hash !== task.hash) throw new Error(`${task.file} changed on disk after the run started (its scenario no longer matches the one validated); run again`);
  // Every policy is checked, so all broken modules are reported at once.
  const rejected: JobOutcome[] = [];
  for (const policy of task.checkPolicies ?? []) {
    try {
      await policySetOf(loaded, policy);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      rejected.push({ ok: false, policy, replication: -1, error: error.message, input: { file: error.file, problems: error.problems } });
    }
  }
  if (rejected.length > 0) return rejected;
  const outcomes: JobOutcome[] = [];
  for (const job of task.jobs) {
    if (task.deadlineMs !== undefined && Date.now() >= task.deadlineMs) {
      outcomes.push({ ok: false, policy: job.policy, replication: job.replication, error: 'not started: the time limit was reached', skipped: true });
      continue;
    }
    try {
      const result = await runReplication(loaded, job.policy, job.replication, task.deadlineMs === undefined ? {} : { deadlineMs: task.deadlineMs });
      if (cutOffByDeadline(result)) outcomes.push({ ok: false, policy: job.policy, replication: job.replication, error: result.stopped!, skipped: true });
      else outcomes.push({ ok: true, result });
    } catch (error) {
      outcomes.push({ ok: false, policy: job.policy, replication: job.replication, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}

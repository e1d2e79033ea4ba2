import { runReplication } from '../src/experiment/runReplication.js';
import type { ReplicationResult } from '../src/metrics/result.js';
import { parseScenarioText, type LoadedScenario } from '../src/scenario/load.js';
import { withSeed } from '../src/experiment/simulate.js';

/** One batch of replications for a worker thread: the scenario travels as text and is validated here. */
export interface WorkerTask {
  file: string;
  text: string;
  seed?: number;
  jobs: { policy: string; replication: number }[];
  /** Per-job wall-clock budget in ms (a custom policy that loops forever fails its replication). */
  jobTimeoutMs?: number;
}

export type JobOutcome =
  | { ok: true; result: ReplicationResult }
  | { ok: false; policy: string; replication: number; error: string };

const scenarios = new Map<string, LoadedScenario>();

/** The piscina worker entry: thin, it only calls into src/. */
export default async function runTask(task: WorkerTask): Promise<JobOutcome[]> {
  const key = `${task.file}\u0000${task.text}\u0000${task.seed ?? ''}`;
  let loaded = scenarios.get(key);
  if (loaded === undefined) {
    loaded = withSeed(parseScenarioText(task.text, task.file), task.seed);
    scenarios.set(key, loaded);
  }
  const outcomes: JobOutcome[] = [];
  for (const job of task.jobs) {
    try {
      const deadlineMs = task.jobTimeoutMs === undefined ? undefined : Date.now() + task.jobTimeoutMs;
      const result = await runReplication(loaded, job.policy, job.replication, deadlineMs === undefined ? {} : { deadlineMs });
      outcomes.push({ ok: true, result });
    } catch (error) {
      outcomes.push({ ok: false, policy: job.policy, replication: job.replication, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}

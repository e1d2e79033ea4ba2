import { resolvePolicies, summarize, withSeed } from '../../experiment/simulate.js';
import { runReplication, worldOf } from '../../experiment/runReplication.js';
import type { FailedJob, StudyRun } from '../../experiment/study.js';
import type { ReplicationResult } from '../../metrics/result.js';
import { UsageError } from '../../errors.js';
import type { FeedRecord } from '../feed.js';
import type { ReplayFrame } from './frame.js';
import { ArrayLeadFeed, feedRecords, replayModels } from './leadFeed.js';

export interface ReplayOptions {
  policies?: string[];
  replications?: number;
  seed?: number;
  /** After each replication: its result, or null when it failed (listed in the study's failures). */
  onResult?: (result: ReplicationResult | null, done: number, total: number) => void;
  /** Aborted (SIGINT): the run stops after the replication in hand, every policy's, and keeps what finished. */
  signal?: AbortSignal;
}

/**
 * Runs every policy on the replayed export, in this process: a feed is a live object the piscina workers
 * cannot receive, and rebuilding it per replication costs less than the simulation. Replication r gets the
 * same records under every policy, so policy differences are paired as in `compare`.
 */
export async function runReplay(source: ReplayFrame, options: ReplayOptions = {}): Promise<StudyRun> {
  const loaded = withSeed(source.loaded, options.seed);
  const frame = { ...source, loaded };
  const policies = resolvePolicies(loaded, options.policies);
  const replications = options.replications ?? loaded.scenario.replications;
  if (!Number.isInteger(replications) || replications < 1) throw new UsageError(`--replications must be a whole number >= 1 (got ${replications})`);
  const world = worldOf(loaded);
  const results = new Map<string, ReplicationResult[]>(policies.map((policy) => [policy, []]));
  const models = replayModels(loaded.scenario, world);
  const failures: FailedJob[] = [];
  let done = 0;
  let finished = 0;
  for (let replication = 0; replication < replications; replication++) {
    // The replications never yield to the event loop: this turn lets a signal's handler run between them.
    await new Promise((resolve) => setImmediate(resolve));
    if (options.signal?.aborted === true) break;
    const records: FeedRecord[] = feedRecords(frame, replication, models);
    for (const policy of policies) {
      // As on the workers of compare: a replication that throws (a custom policy's own error) fails alone.
      try {
        const result = await runReplication(loaded, policy, replication, { leadFeed: new ArrayLeadFeed(records) });
        results.get(policy)!.push(result);
        options.onResult?.(result, ++done, replications * policies.length);
      } catch (error) {
        failures.push({ policy, replication, error: error instanceof Error ? error.message : String(error) });
        options.onResult?.(null, ++done, replications * policies.length);
      }
    }
    finished++;
  }
  const complete = finished === replications;
  return { summary: summarize(loaded, policies, finished, results, failures), results, loaded, failures, complete, stopReason: complete ? null : 'interrupted', planned: replications, precision: null };
}

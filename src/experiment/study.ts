import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { deriveMetrics, flattenMetrics } from '../metrics/derive.js';
import type { ReplicationResult } from '../metrics/result.js';
import type { LoadedScenario } from '../scenario/load.js';
import { ReplicationPool, resolveWorkers, taskSize, type JobOutcome, type PoolBatch } from './pool.js';
import { resolvePolicies, summarize, withSeed, type Study } from './simulate.js';
import { meanInterval } from './statistics.js';

/** Metrics whose 95% half-width --precision drives below the target. */
export const PRECISION_METRICS = ['slaCompliance', 'contactRate', 'salAcceptance', 'mqlToSql'] as const;

export interface StudyRunOptions {
  policies?: string[];
  replications?: number;
  seed?: number;
  workers?: number;
  /** Keep adding replications until every precision metric's 95% half-width is at most this. */
  precision?: number;
  /** Cap on replications in precision mode. */
  maxReplications?: number;
  /** A replication running longer than this is abandoned (its worker is replaced) and reported as failed. */
  jobTimeoutMs?: number;
  /** Stop the whole study cleanly at this wall-clock time (ms since epoch), keeping what has finished. */
  deadlineMs?: number;
  signal?: AbortSignal;
  /** Replications already done (resume): they are kept and not run again. */
  done?: ReplicationResult[];
  onProgress?: (progress: StudyProgress) => void;
  onResult?: (result: ReplicationResult) => void;
}

export interface StudyProgress {
  done: number;
  total: number;
  simulatedLeads: number;
  /** What is running when the total can still grow (a staffing search's headcount, a --precision round). */
  stage?: string;
}

export interface FailedJob {
  policy: string;
  replication: number;
  error: string;
}

/** Why a study ended before every planned replication finished, or null when it completed. */
export type StopReason = 'interrupted' | 'time limit' | null;

export interface StudyRun extends Study {
  failures: FailedJob[];
  /** False when interrupted or out of time before every planned replication finished. */
  complete: boolean;
  stopReason: StopReason;
  /** Replications per policy that were planned (the target when the study stopped). */
  planned: number;
  /** With --precision: whether every precision metric's 95% half-width reached it, and the widest one; else null. */
  precision: PrecisionOutcome | null;
}

/** What --precision reached: the widest 95% half-width (null while a policy has under two replications) and where. */
export const PrecisionOutcome = z.object({
  target: z.number(),
  met: z.boolean(),
  widest: z.object({ halfWidth: z.number().nullable(), metric: z.string(), policy: z.string() }),
});
export type PrecisionOutcome = z.infer<typeof PrecisionOutcome>;

/** The widest half-width while the study runs: Infinity until every policy has two replications. */
type WidestHalfWidth = Omit<PrecisionOutcome['widest'], 'halfWidth'> & { halfWidth: number };

/**
 * Runs a study on a worker pool: each replication's seeds derive from (scenario seed, replication index)
 * alone and results are ordered by policy and index, so any worker count gives identical results.
 */
export async function runStudy(source: LoadedScenario, options: StudyRunOptions = {}): Promise<StudyRun> {
  const loaded = withSeed(source, options.seed);
  const policies = resolvePolicies(loaded, options.policies);
  const workers = resolveWorkers(options.workers);
  const initial = options.replications ?? loaded.scenario.replications;
  if (!Number.isInteger(initial) || initial < 1) throw new UsageError(`--replications must be a whole number >= 1 (got ${initial})`);
  const cap = options.maxReplications ?? Math.max(initial, 200);
  if (cap < initial) throw new UsageError(`replications (${initial}) must not be above maxReplications (${cap})`);
  const text = readFileSync(loaded.file, 'utf8');
  const results = new Map<string, Map<number, ReplicationResult>>(policies.map((policy) => [policy, new Map()]));
  for (const result of options.done ?? []) results.get(result.policy)?.set(result.replication, result);
  const failures: FailedJob[] = [];
  const progress: StudyProgress = { done: 0, total: 0, simulatedLeads: 0 };
  const pool = new ReplicationPool(workers);
  let stopReason: StopReason = null;
  let target = initial;
  try {
    await pool.checkPolicies({ file: loaded.file, text, seed: loaded.scenario.seed, hash: loaded.hash }, loaded, policies, { signal: options.signal, timeoutMs: options.jobTimeoutMs });
    for (let from = 0; ; ) {
      const jobs = missingJobs(policies, from, target, results);
      progress.total += jobs.length;
      if (from > 0) progress.stage = `--precision: now ${target} replications per policy`;
      options.onProgress?.(progress);
      let timedOut = false;
      const base = { file: loaded.file, text, seed: loaded.scenario.seed, hash: loaded.hash, ...(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs }) };
      const onOutcome = (outcome: JobOutcome): void => {
        if (outcome.ok) {
          results.get(outcome.result.policy)!.set(outcome.result.replication, outcome.result);
          progress.simulatedLeads += outcome.result.simulatedLeads;
          options.onResult?.(outcome.result);
        } else if (outcome.skipped === true) timedOut = true;
        else failures.push({ policy: outcome.policy, replication: outcome.replication, error: outcome.error });
        progress.done++;
        options.onProgress?.(progress);
      };
      const size = taskSize(jobs.length, workers, options.jobTimeoutMs);
      const batches: PoolBatch[] = [];
      for (let start = 0; start < jobs.length; start += size) batches.push({ task: { ...base, jobs: jobs.slice(start, start + size) }, onOutcome });
      const finished = await pool.runBatches(batches, { signal: options.signal, timeoutMs: options.jobTimeoutMs, loaded });
      if (!finished) {
        stopReason = 'interrupted';
        break;
      }
      if (timedOut) {
        stopReason = 'time limit';
        break;
      }
      from = target;
      if (options.precision === undefined || target >= cap) break;
      const halfWidth = widestHalfWidth(results).halfWidth;
      if (halfWidth <= options.precision) break;
      // Half-widths shrink like 1/sqrt(n): aim for the n that would meet the target, in steps of at least W.
      const needed = Math.ceil(target * (halfWidth / options.precision) ** 2);
      target = Math.min(cap, Math.max(target + workers, needed));
    }
  } finally {
    await pool.close();
  }
  const ordered = new Map(policies.map((policy) => [policy, [...results.get(policy)!.values()].sort((a, b) => a.replication - b.replication)]));
  const replications = Math.max(...[...ordered.values()].map((list) => list.length));
  const widest = options.precision === undefined ? null : widestHalfWidth(results);
  const precision = widest === null ? null : { target: options.precision!, met: widest.halfWidth <= options.precision!, widest: { ...widest, halfWidth: Number.isFinite(widest.halfWidth) ? widest.halfWidth : null } };
  return { summary: summarize(loaded, policies, replications, ordered, failures), results: ordered, loaded, failures, complete: stopReason === null, stopReason, planned: target, precision };
}

function missingJobs(policies: string[], from: number, to: number, results: Map<string, Map<number, ReplicationResult>>): { policy: string; replication: number }[] {
  const jobs: { policy: string; replication: number }[] = [];
  for (let replication = from; replication < to; replication++) {
    for (const policy of policies) if (!results.get(policy)!.has(replication)) jobs.push({ policy, replication });
  }
  return jobs;
}

/** The widest 95% half-width over policies and precision metrics (Infinity while any has under two values). */
function widestHalfWidth(results: Map<string, Map<number, ReplicationResult>>): WidestHalfWidth {
  let widest: WidestHalfWidth = { halfWidth: 0, metric: PRECISION_METRICS[0], policy: '' };
  for (const [policy, byReplication] of results) {
    const flats = [...byReplication.values()].map((result) => flattenMetrics(deriveMetrics(result)));
    for (const metric of PRECISION_METRICS) {
      const values = flats.map((flat) => flat[metric]).filter((v): v is number => typeof v === 'number');
      const halfWidth = values.length < 2 ? Infinity : meanInterval(values).halfWidth;
      if (halfWidth > widest.halfWidth) widest = { halfWidth, metric, policy };
      if (halfWidth === Infinity) return widest;
    }
  }
  return widest;
}

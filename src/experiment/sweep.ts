import { deriveMetrics, flattenMetrics, type Value } from '../metrics/derive.js';
import type { ReplicationResult } from '../metrics/result.js';
import { summarizePolicy } from './aggregate.js';
import { batchSize, ReplicationPool, resolveWorkers, type JobOutcome, type PoolBatch } from './pool.js';
import { meanAt, selectBest, violationsOf } from './sweep/best.js';
import type { PlannedPoint, SweepPlan } from './sweep/plan.js';
import type { MetricEstimate, SweepBest, SweepJson, SweepPoint } from './sweep/result.js';
import { pairedDifference } from './statistics.js';
import type { StudyProgress } from './study.js';

export { planSweep, type SweepPlan, type SweepRequest } from './sweep/plan.js';
export { SweepJson } from './sweep/result.js';

export interface SweepRunOptions {
  workers?: number;
  /** Aborting stops the sweep; the result then covers what finished and says complete: false. */
  signal?: AbortSignal;
  onProgress?: (progress: StudyProgress) => void;
  /** Every finished replication, as it arrives (kept by the CLI for --resume). */
  onResult?: (point: number, result: ReplicationResult) => void;
  /** Replications already finished by an interrupted run: not run again. */
  done?: readonly { point: number; result: ReplicationResult }[];
  /** A replication (or the policy modules' loading) that takes longer fails, its worker replaced (--job-timeout). */
  jobTimeoutMs?: number;
}

/** A point's finished replications, reduced to what the summary needs as soon as the point is complete. */
interface PointState {
  pending: ReplicationResult[];
  remaining: number;
  summary: { estimates: Record<string, MetricEstimate>; replications: number; stoppedEarly: number; stopReason: string | null } | null;
  /** Objective metric per replication index (null where undefined or failed), for paired comparisons. */
  objectiveByReplication: (number | null)[];
}

/**
 * Runs every grid point's replications on one worker pool. Replication i of every point uses the seeds of
 * (scenario seed, i) alone, so points differ only by the parameter (common random numbers), and results are
 * keyed by point and replication, so the output is identical whatever the worker count or finishing order.
 */
export async function runSweep(plan: SweepPlan, options: SweepRunOptions = {}): Promise<SweepJson> {
  const workers = resolveWorkers(options.workers);
  const { replications } = plan;
  const states: PointState[] = plan.points.map(() => ({ pending: [], remaining: replications, summary: null, objectiveByReplication: new Array<number | null>(replications).fill(null) }));
  const failures: SweepJson['failures'] = [];
  const finished = new Set<string>();
  for (const { point, result } of options.done ?? []) {
    const key = `${point}/${result.replication}`;
    if (finished.has(key) || plan.points[point] === undefined || result.replication >= replications) continue;
    finished.add(key);
    record(plan, plan.points[point]!, states[point]!, { ok: true, result }, failures);
  }
  const total = plan.points.length * replications - finished.size;
  const progress: StudyProgress = { done: 0, total, simulatedLeads: 0 };
  options.onProgress?.(progress);
  // Batches of about total/(4W) replications (within one point) keep every worker busy without per-job overhead.
  const target = Math.min(replications, batchSize(total, workers));
  const size = Math.ceil(replications / Math.ceil(replications / target));
  const pool = new ReplicationPool(workers);
  try {
    // Every point runs the same policy, so its modules are checked once, on the first point.
    await pool.checkPolicies({ file: plan.loaded.file, text: plan.points[0]!.text }, plan.loaded, [plan.policy], { signal: options.signal, timeoutMs: options.jobTimeoutMs });
    const batches: PoolBatch[] = [];
    for (const point of plan.points) {
      const missing = Array.from({ length: replications }, (_, replication) => replication).filter((replication) => !finished.has(`${point.index}/${replication}`));
      for (let start = 0; start < missing.length; start += size) {
        const jobs = missing.slice(start, start + size).map((replication) => ({ policy: plan.policy, replication }));
        const settle = (outcome: JobOutcome) => {
          if (outcome.ok) options.onResult?.(point.index, outcome.result);
          record(plan, point, states[point.index]!, outcome, failures);
          progress.done++;
          if (outcome.ok) progress.simulatedLeads += outcome.result.simulatedLeads;
          options.onProgress?.(progress);
        };
        batches.push({ task: { file: plan.loaded.file, text: point.text, jobs }, onOutcome: settle });
      }
    }
    await pool.runBatches(batches, { signal: options.signal, timeoutMs: options.jobTimeoutMs, loaded: plan.loaded });
  } finally {
    await pool.close();
  }
  const complete = !(options.signal?.aborted ?? false);
  // Points cut short by an interrupt are summarised on the replications they have.
  for (const state of states) if (state.summary === null && state.pending.length > 0) summarizeState(plan, state);
  return sweepJson(plan, states, failures, complete);
}

function record(plan: SweepPlan, point: PlannedPoint, state: PointState, outcome: JobOutcome, failures: SweepJson['failures']): void {
  if (outcome.ok) {
    state.pending.push(outcome.result);
    if (plan.objective !== null) {
      const value = flattenMetrics(deriveMetrics(outcome.result))[plan.objective.metric];
      state.objectiveByReplication[outcome.result.replication] = typeof value === 'number' ? value : null;
    }
  } else failures.push({ point: point.index, replication: outcome.replication, error: outcome.error });
  state.remaining--;
  if (state.remaining > 0) return;
  summarizeState(plan, state);
}

function summarizeState(plan: SweepPlan, state: PointState): void {
  // The same summary code as compare, so a point at the scenario's own values matches a compare run exactly.
  const ordered = state.pending.sort((a, b) => a.replication - b.replication);
  const summary = summarizePolicy(plan.policy, ordered);
  const means = flattenMetrics(summary.metrics);
  const estimates: Record<string, MetricEstimate> = {};
  for (const metric of plan.metrics) {
    const mean: Value = means[metric] ?? null;
    estimates[metric] = { mean, ci95: mean === null ? null : (summary.ci95[metric] ?? null) };
  }
  state.summary = { estimates, replications: ordered.length, stoppedEarly: summary.incomplete.length, stopReason: summary.incomplete[0]?.reason ?? null };
  state.pending = [];
}

function sweepJson(plan: SweepPlan, states: PointState[], failures: SweepJson['failures'], complete: boolean): SweepJson {
  const points: SweepPoint[] = plan.points.map((point) => {
    const summary = states[point.index]!.summary ?? { estimates: Object.fromEntries(plan.metrics.map((metric) => [metric, { mean: null, ci95: null }])), replications: 0, stoppedEarly: 0, stopReason: null };
    const candidate = { index: point.index, values: point.values, metrics: summary.estimates };
    // A point with no finished replication (an interrupted sweep) has not failed a constraint: it has not been run.
    const ran = summary.replications > 0;
    const violations = ran ? violationsOf(candidate, plan.constraints) : [];
    return { index: point.index, values: point.values, replications: summary.replications, feasible: ran && violations.length === 0, violations, metrics: summary.estimates, stoppedEarly: summary.stoppedEarly, stopReason: summary.stopReason };
  });
  // Only points with finished replications compete: an interrupted sweep's others have no figures yet.
  const selection = selectBest(points.filter((point) => point.replications > 0), plan.objective, plan.constraints);
  let best: SweepBest | null = null;
  if (selection.best !== null && plan.objective !== null) {
    const chosen = points[selection.best]!;
    const metric = plan.objective.metric;
    const reference = states[chosen.index]!.objectiveByReplication;
    const statisticallyTied = points
      .filter((point) => point.index !== chosen.index && point.feasible && meanAt(point, metric) !== null)
      .filter((point) => {
        const difference = pairedDifference(reference, states[point.index]!.objectiveByReplication);
        return !(difference.n >= 2) || Math.abs(difference.mean) <= difference.halfWidth;
      })
      .map((point) => point.index);
    best = { index: chosen.index, values: chosen.values, metric, mean: meanAt(chosen, metric)!, ci95: chosen.metrics[metric]?.ci95 ?? null, ties: selection.ties, statisticallyTied };
  }
  failures.sort((a, b) => a.point - b.point || a.replication - b.replication);
  return {
    scenario: plan.loaded.scenario.name,
    scenarioHash: plan.loaded.hash,
    policy: plan.policy,
    seed: plan.loaded.scenario.seed,
    replications: plan.replications,
    parameters: plan.parameters,
    metrics: plan.metrics,
    objective: plan.objective,
    constraints: plan.constraints,
    points,
    best,
    note: selection.note,
    failures,
    complete,
  };
}

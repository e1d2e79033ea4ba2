import { formatMetric } from './metrics.js';
import { satisfies, shortfall, type Constraint, type Objective } from './objective.js';
import type { MetricEstimate } from './result.js';

/** What best-point selection needs of a point. */
export interface Candidate {
  index: number;
  values: Record<string, number>;
  metrics: Record<string, MetricEstimate>;
}

export interface Selection {
  /** Index of the best point, or null. */
  best: number | null;
  /** Other feasible points with exactly the best's mean. */
  ties: number[];
  /** Why there is no best point. */
  note: string | null;
}

export const meanAt = (point: Candidate, metric: string): number | null => point.metrics[metric]?.mean ?? null;

/** The constraints a point's means break (as typed). */
export const violationsOf = (point: Candidate, constraints: readonly Constraint[]): string[] =>
  constraints.filter((constraint) => !satisfies(meanAt(point, constraint.metric), constraint)).map((constraint) => constraint.text);

export const describeValues = (values: Record<string, number>): string => Object.entries(values).map(([path, value]) => `${path}=${value}`).join(', ');

/**
 * The feasible point with the best objective mean. Exact ties go to the first point in grid order (the others
 * are listed), so the choice never depends on timing. With no feasible point the note names the closest one.
 */
export function selectBest(points: readonly Candidate[], objective: Objective | null, constraints: readonly Constraint[]): Selection {
  if (objective === null) return { best: null, ties: [], note: constraints.length > 0 ? 'no objective given (--maximize or --minimize), so no best point is marked' : null };
  if (points.length === 0) return { best: null, ties: [], note: 'no point has finished a replication yet' };
  const feasible = points.filter((point) => violationsOf(point, constraints).length === 0 && meanAt(point, objective.metric) !== null);
  if (feasible.length === 0) return { best: null, ties: [], note: noFeasibleNote(points, objective, constraints) };
  const sign = objective.direction === 'maximize' ? 1 : -1;
  let best = feasible[0]!;
  for (const point of feasible.slice(1)) if (sign * (meanAt(point, objective.metric)! - meanAt(best, objective.metric)!) > 0) best = point;
  const ties = feasible.filter((point) => point !== best && meanAt(point, objective.metric) === meanAt(best, objective.metric)).map((point) => point.index);
  return { best: best.index, ties, note: null };
}

function noFeasibleNote(points: readonly Candidate[], objective: Objective, constraints: readonly Constraint[]): string {
  if (constraints.length === 0) return `no point has a value for ${objective.metric}`;
  const conditions = constraints.map((constraint) => constraint.text).join(' and ');
  const scored = points
    .map((point) => ({ point, gap: constraints.reduce((sum, constraint) => sum + shortfall(meanAt(point, constraint.metric), constraint), 0) }))
    .filter(({ gap }) => Number.isFinite(gap))
    .sort((a, b) => a.gap - b.gap || a.point.index - b.point.index);
  const closest = scored[0]?.point;
  if (closest === undefined) return `no point meets ${conditions} (the constrained metrics are undefined at every point)`;
  const measured = [...new Set(constraints.map((constraint) => constraint.metric))].map((metric) => `${metric} ${formatMetric(metric, meanAt(closest, metric))}`).join(', ');
  return `no point meets ${conditions}; the closest is ${describeValues(closest.values)} with ${measured}`;
}

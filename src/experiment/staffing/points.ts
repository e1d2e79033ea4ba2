import type { Role } from '../../leads/fields.js';
import type { ReplicationResult } from '../../metrics/result.js';
import { intervalOf, meanOf, meanOfPresent, pairedInterval, targetStats, targetValue } from './measure.js';
import type { CurvePoint, Interval, Marginal, TargetStats, Window } from './schema.js';
import type { StaffTarget } from './target.js';

/** A simulated headcount: its summary point and the raw replications, kept for paired differences. */
export interface EvaluatedPoint {
  point: CurvePoint;
  results: ReplicationResult[];
}

export interface PointContext {
  role: Role;
  pod: string;
  targets: StaffTarget[];
  window: Window;
  confidence: number;
}

export const statsAt = (results: readonly ReplicationResult[], targets: readonly StaffTarget[], window: Window, confidence: number): TargetStats[] =>
  targets.map((target) => targetStats(target, results.map((result) => targetValue(result, target, window)), confidence));

/** Summarises one headcount's replications: every target of the role, the cost side and the pipeline side. */
export function curvePoint(context: PointContext, team: Record<string, number>, results: ReplicationResult[], order: number): CurvePoint {
  const targets = statsAt(results, context.targets, context.window, context.confidence);
  const primary = targets[0]!;
  return {
    role: context.role,
    pod: context.pod,
    headcount: team[context.pod]!,
    team: { ...team },
    target: primary.target,
    mean: primary.mean,
    ci95: primary.ci95,
    lowerBound: primary.lowerBound,
    holds: targets.every((stats) => stats.holds),
    targets,
    utilization: meanOfPresent(results.map((result) => result.utilizationByRole[context.role])),
    openRepHours: meanOf(results.map((result) => result.openRepHours)),
    busyRepHours: meanOf(results.map((result) => result.busyRepHours)),
    pipeline: intervalOf(results.map((result) => result.pipeline)),
    wonDollars: meanOf(results.map((result) => result.wonDollars)),
    order,
  };
}

/** What each extra rep buys between consecutive simulated headcounts of one role (paired over replications). */
export function marginalGains(context: PointContext, points: readonly EvaluatedPoint[]): Marginal[] {
  const sorted = [...points].sort((a, b) => a.point.headcount - b.point.headcount);
  const gains: Marginal[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    const gap = b.point.headcount - a.point.headcount;
    const targets: Record<string, Interval | null> = {};
    for (const target of context.targets) {
      const values = (point: EvaluatedPoint) => point.results.map((result) => targetValue(result, target, context.window));
      targets[target.text] = pairedInterval(values(a), values(b), gap);
    }
    const pipeline = pairedInterval(a.results.map((result) => result.pipeline), b.results.map((result) => result.pipeline), gap) ?? { mean: 0, ci95: [0, 0] };
    gains.push({ role: context.role, from: a.point.headcount, to: b.point.headcount, perRep: { targets, pipeline, openRepHours: (b.point.openRepHours - a.point.openRepHours) / gap } });
  }
  return gains;
}

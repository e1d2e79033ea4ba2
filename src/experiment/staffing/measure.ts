import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { ReplicationResult } from '../../metrics/result.js';
import { fractionWithin } from '../../metrics/within.js';
import { meanInterval, pairedDifference } from '../statistics.js';
import type { Interval, TargetStats, Window } from './schema.js';
import type { StaffTarget } from './target.js';

/** The target's share in one replication: the tier's leads (all, or only those created in surge windows) touched in time. */
export function targetValue(result: ReplicationResult, target: StaffTarget, window: Window): number | null {
  const tiers = window === 'launch' ? result.surgeWindowTiers : result.tiers;
  const tier = tiers?.find((candidate) => candidate.name === target.tier);
  return tier === undefined ? null : fractionWithin(tier, target.minutes);
}

/** One-sided lower confidence bound of the mean (Student t): the true share is above it with this confidence. */
export function lowerConfidenceBound(values: readonly number[], confidence: number): number | null {
  const n = values.length;
  if (n < 2) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  return mean - tQuantile(confidence, n - 1) * Math.sqrt(variance / n);
}

/** Mean, 95% band and decision for one target over replications (a replication without the tier's leads is left out). */
export function targetStats(target: StaffTarget, values: readonly (number | null)[], confidence: number): TargetStats {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return { target: target.text, n: 0, mean: null, ci95: null, lowerBound: null, holds: false };
  const interval = meanInterval(present);
  const lowerBound = lowerConfidenceBound(present, confidence);
  return {
    target: target.text,
    n: present.length,
    mean: interval.mean,
    ci95: [interval.mean - interval.halfWidth, interval.mean + interval.halfWidth],
    lowerBound,
    holds: lowerBound !== null && lowerBound >= target.fraction,
  };
}

/** Mean and 95% interval of plain numbers. */
export function intervalOf(values: readonly number[]): Interval {
  const interval = meanInterval(values);
  return { mean: interval.mean, ci95: [interval.mean - interval.halfWidth, interval.mean + interval.halfWidth] };
}

/** Paired difference b - a over the same replications, scaled (per extra rep), or null with under two pairs. */
export function pairedInterval(a: readonly (number | null)[], b: readonly (number | null)[], scale = 1): Interval | null {
  const difference = pairedDifference(a, b);
  if (difference.n < 2) return null;
  return { mean: difference.mean / scale, ci95: [(difference.mean - difference.halfWidth) / scale, (difference.mean + difference.halfWidth) / scale] };
}

export const meanOf = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

/** Mean of the values that are defined, or null when none is. */
export function meanOfPresent(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : meanOf(present);
}

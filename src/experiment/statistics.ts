import tQuantile from '@stdlib/stats-base-dists-t-quantile';

export interface Interval {
  mean: number;
  /** Half-width of the 95% confidence interval (Student t); 0 with one observation. */
  halfWidth: number;
  n: number;
}

/** Mean and 95% t-interval of independent replications. */
export function meanInterval(values: readonly number[]): Interval {
  const n = values.length;
  if (n === 0) return { mean: NaN, halfWidth: NaN, n };
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  if (n === 1) return { mean, halfWidth: 0, n };
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  return { mean, halfWidth: tQuantile(0.975, n - 1) * (sd / Math.sqrt(n)), n };
}

/** Paired difference challenger - baseline over the same replications (common random numbers). */
export function pairedDifference(baseline: readonly (number | null)[], challenger: readonly (number | null)[]): Interval {
  const differences: number[] = [];
  for (let i = 0; i < Math.min(baseline.length, challenger.length); i++) {
    const a = baseline[i];
    const b = challenger[i];
    if (a !== null && a !== undefined && b !== null && b !== undefined) differences.push(b - a);
  }
  return meanInterval(differences);
}

export type Verdict = 'better' | 'worse' | 'higher' | 'lower' | 'no detectable difference';

/**
 * A difference is real when its 95% interval excludes zero. Metrics with a good direction get better/worse;
 * volume-like metrics (MQL count) only get higher/lower.
 */
export function verdictOf(difference: Interval, higherIsBetter: boolean | undefined): Verdict {
  if (!(difference.n >= 2) || Number.isNaN(difference.mean)) return 'no detectable difference';
  const lo = difference.mean - difference.halfWidth;
  const hi = difference.mean + difference.halfWidth;
  if (lo > 0) return higherIsBetter === undefined ? 'higher' : higherIsBetter ? 'better' : 'worse';
  if (hi < 0) return higherIsBetter === undefined ? 'lower' : higherIsBetter ? 'worse' : 'better';
  return 'no detectable difference';
}

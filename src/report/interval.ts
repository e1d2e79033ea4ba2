/** A mean's 95% interval in a text table, kept inside the range the metric can take. */
import { formatValue, inUnit, minutes, unitOfLargest, withHalfWidth, type DurationUnit, type MetricKind } from './format.js';

/** A share lies in 0-100%; a count, an amount of dollars or a time is never below 0. */
export function clipInterval(kind: MetricKind, [low, high]: readonly [number, number]): [number, number] {
  return [Math.max(0, low), kind === 'rate' ? Math.min(1, high) : high];
}

/** Whether a normal interval reaches past what the metric can be (mean ± half-width would print an impossible bound). */
export function crossesBound(kind: MetricKind, interval: readonly [number, number]): boolean {
  const [low, high] = clipInterval(kind, interval);
  return low !== interval[0] || high !== interval[1];
}

/** What a table's title says its cells hold: the clipped form is explained only when some cell uses it. */
export const intervalLegend = (clipped: boolean): string => (clipped ? '(mean ± 95% CI half-width; (low-high): the CI clipped at 0 or 100%)' : '(mean ± 95% CI half-width)');

/**
 * A table cell: "8.1 h ±0.7 h", or "78.4% (0.0%-100.0%)" when mean ± half-width would pass 0 or 100% ("±126.4%"
 * on a share read as nonsense). A duration reads in one unit (the row's when given). summary.json keeps the raw interval.
 */
export function meanCell(kind: MetricKind, value: number, interval: readonly [number, number] | null | undefined, row?: DurationUnit): { text: string; clipped: boolean } {
  if (interval === null || interval === undefined || !crossesBound(kind, interval)) {
    const half = interval === null || interval === undefined ? 0 : (interval[1] - interval[0]) / 2;
    return { text: withHalfWidth(kind, value, half, row), clipped: false };
  }
  const [low, high] = clipInterval(kind, interval);
  if (kind !== 'minutes') return { text: `${formatValue(kind, value)} (${formatValue(kind, low)}-${formatValue(kind, high)})`, clipped: true };
  const unit = row ?? unitOfLargest(value, high);
  return { text: `${minutes(value, unit)} (${inUnit(low, unit)}-${minutes(high, unit)})`, clipped: true };
}

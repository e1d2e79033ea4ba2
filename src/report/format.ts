/** Number formatting shared by the terminal table, CSV headers and the HTML report. */

export const percent = (value: number | null | undefined, digits = 1): string => (value === null || value === undefined ? '-' : `${(value * 100).toFixed(digits)}%`);

/** A bound of a share's interval, shown clipped to 0-100% (a normal interval can reach past them; the JSON keeps it). */
export const shareBound = (value: number | null | undefined): string => percent(value === null || value === undefined ? value : Math.min(1, Math.max(0, value)));

/**
 * value.toFixed(digits), with up to two more digits when a value that is not zero would read as zero: an interval
 * that excludes zero must not print a bound of +0.0 beside the verdict "better".
 */
export function fixedNonZero(value: number, digits: number): string {
  let text = value.toFixed(digits);
  for (let more = 1; more <= 2 && value !== 0 && Number(text) === 0; more++) text = value.toFixed(digits + more);
  return text;
}

/** The sign of a difference: none for an exact zero, which has no direction ('\u00b1' would read as a half-width). */
export const signOf = (value: number, minus = '-'): string => (value > 0 ? '+' : value < 0 ? minus : '');

/** A difference of two rates in percentage points, e.g. "2.4 pp" (the sign is the caller's). */
export const points = (value: number, suffix = 'pp'): string => `${fixedNonZero(value * 100, 1)} ${suffix}`;

export type DurationUnit = 's' | 'min' | 'h' | 'd';
const UNIT_MINUTES: Record<DurationUnit, number> = { s: 1 / 60, min: 1, h: 60, d: 1440 };

/** The interval of a difference measured on one pair of replications: there is none. */
export const NO_INTERVAL = 'none (1 pair)';

/** The unit a duration of this size reads best in. */
export function durationUnit(value: number): DurationUnit {
  const abs = Math.abs(value);
  return abs < 1 ? 's' : abs < 120 ? 'min' : abs < 2880 ? 'h' : 'd';
}

/** A duration's number in a unit, without the unit ("0.0" of "0.0-850.5 min"). */
export const inUnit = (value: number, unit: DurationUnit): string => (value / UNIT_MINUTES[unit]).toFixed(1);

export function minutes(value: number | null | undefined, unit?: DurationUnit): string {
  if (value === null || value === undefined) return '-';
  const chosen = unit ?? durationUnit(value);
  return `${inUnit(value, chosen)} ${chosen}`;
}

/** The unit durationUnit picks for the largest of several durations, so a range or a ± reads in one unit. */
export const unitOfLargest = (...values: number[]): DurationUnit => durationUnit(Math.max(...values.map(Math.abs)));

/**
 * One unit for the policies' values side by side in a table row (41.9 h beside 53.0 h, not beside 2.2 d): the one
 * the smallest nonzero value reads best in, so none of them shrinks to 0.x of a larger unit.
 */
export function rowUnit(values: readonly (number | null | undefined)[]): DurationUnit {
  const nonzero = values.filter((value): value is number => typeof value === 'number' && value !== 0).map(Math.abs);
  return durationUnit(nonzero.length === 0 ? 0 : Math.min(...nonzero));
}

/** A difference of durations in a given unit, never a nonzero one shown as 0.0. */
export const durationDifference = (value: number, unit: DurationUnit): string => `${fixedNonZero(value / UNIT_MINUTES[unit], 1)} ${unit}`;

/** "8.1 h ±0.7 h": a mean and its 95% half-width (none when 0), a duration's both in one unit (the row's when given), not 8.1 h ±41.2 min. */
export function withHalfWidth(kind: MetricKind, value: number, half: number, row?: DurationUnit): string {
  const unit = kind === 'minutes' ? (row ?? unitOfLargest(value, half)) : undefined;
  const spread = half > 0 ? ` ±${unit === undefined ? formatValue(kind, half) : durationDifference(half, unit)}` : '';
  return `${unit === undefined ? formatValue(kind, value) : minutes(value, unit)}${spread}`;
}

export function dollars(value: number | null | undefined): string {
  if (value === null || value === undefined) return '-';
  const abs = Math.abs(value);
  if (abs >= 1e9) return `$${(value / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `$${(value / 1e6).toFixed(2)}M`;
  if (abs >= 1e3) return `$${(value / 1e3).toFixed(1)}K`;
  return `$${value.toFixed(0)}`;
}

export const count = (value: number | null | undefined): string => (value === null || value === undefined ? '-' : Math.round(value).toLocaleString('en-US'));

/** "1 SDR", "2 SDRs", "1.25 weeks": singular only when the count as shown reads 1 (every noun passed here takes a plain s). */
export function plural(n: number, noun: string): string {
  const shown = n.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return `${shown} ${noun}${shown === '1' ? '' : 's'}`;
}

export type MetricKind = 'rate' | 'minutes' | 'dollars' | 'count' | 'number';

export function formatValue(kind: MetricKind, value: number | null | undefined): string {
  switch (kind) {
    case 'rate':
      return percent(value);
    case 'minutes':
      return minutes(value);
    case 'dollars':
      return dollars(value);
    case 'count':
      return count(value);
    default:
      return value === null || value === undefined ? '-' : value.toFixed(2);
  }
}

/** Headline metrics shown in tables and charts, in reading order. */
export const DISPLAY_METRICS: { key: string; label: string; kind: MetricKind }[] = [
  { key: 'leads', label: 'Inquiries (measured)', kind: 'count' },
  { key: 'mqls', label: 'MQLs', kind: 'count' },
  { key: 'contactRate', label: 'Contact rate (MQLs touched)', kind: 'rate' },
  { key: 'reachRate', label: 'Reached in conversation', kind: 'rate' },
  { key: 'slaCompliance', label: 'SLA compliance', kind: 'rate' },
  { key: 'speedToLeadMinutes.mean', label: 'Speed to lead, mean', kind: 'minutes' },
  { key: 'speedToLeadMinutes.p50', label: 'Speed to lead, median', kind: 'minutes' },
  { key: 'speedToLeadMinutes.p90', label: 'Speed to lead, p90', kind: 'minutes' },
  { key: 'fiveMinuteResponseRate', label: 'Touched within 5 min', kind: 'rate' },
  { key: 'salAcceptance', label: 'SAL acceptance', kind: 'rate' },
  { key: 'mqlToSql', label: 'MQL -> SQL (cohort)', kind: 'rate' },
  { key: 'sqlToOpportunity', label: 'SQL -> opportunity', kind: 'rate' },
  { key: 'mqlToWon', label: 'MQL -> won', kind: 'rate' },
  { key: 'pipelineDollars', label: 'Pipeline', kind: 'dollars' },
  { key: 'wonDollars', label: 'Won', kind: 'dollars' },
  { key: 'leakageRate', label: 'Lead leakage', kind: 'rate' },
  { key: 'abandonmentRate', label: 'Went cold before touch', kind: 'rate' },
  { key: 'qualityRejectionRate', label: 'Rejected by sales (unqualified)', kind: 'rate' },
  { key: 'noResponseRate', label: 'Never answered the cadence', kind: 'rate' },
  { key: 'recycledMqlShare', label: 'Recycled MQL share', kind: 'rate' },
  { key: 'repResponseScore', label: 'Rep response score', kind: 'rate' },
  { key: 'repUtilization', label: 'Rep utilization', kind: 'rate' },
  { key: 'meanQueueLength', label: 'Mean queue length', kind: 'number' },
];

/** The methodology's other banded metrics: a table gets a row for one when some policy is at warning or red flag. */
export const FLAG_METRICS: { key: string; label: string; kind: MetricKind }[] = [
  { key: 'misrouteRate', label: 'Mis-routed (tier changed on enrichment)', kind: 'rate' },
  { key: 'breachEscalationRate', label: 'SLA breaches escalated', kind: 'rate' },
  { key: 'abmLeakageRate', label: 'ABM leads leaked', kind: 'rate' },
];

/** Label and kind of a metric the tables show. */
export const displayOf = (key: string): { key: string; label: string; kind: MetricKind } | undefined => DISPLAY_METRICS.find((metric) => metric.key === key) ?? FLAG_METRICS.find((metric) => metric.key === key);

/**
 * The rows of a policy table: every display metric, then each flag metric that some policy is not good on. "Went
 * cold" is left out when it is lead leakage under every policy (no MQL was still waiting untouched at the end).
 */
export function tableMetrics(policies: readonly { bands: Record<string, string>; metrics: { leakageRate: number | null; abandonmentRate: number | null } }[]): { key: string; label: string; kind: MetricKind }[] {
  const sameAsLeakage = policies.every((policy) => policy.metrics.abandonmentRate === policy.metrics.leakageRate);
  return [
    ...DISPLAY_METRICS.filter((metric) => !(sameAsLeakage && metric.key === 'abandonmentRate')),
    ...FLAG_METRICS.filter((metric) => policies.some((policy) => policy.bands[metric.key] !== undefined && policy.bands[metric.key] !== 'good')),
  ];
}

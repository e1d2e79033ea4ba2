import { CHART_METRICS, metricKind } from '../../experiment/sweep/metrics.js';
import type { SweepJson, SweepPoint } from '../../experiment/sweep/result.js';
import { clipInterval } from '../interval.js';
import { DOLLAR_LABEL } from './common.js';

/** Panel titles of the headline metrics (the rest use the metric name). */
const TITLES: Record<string, string> = {
  mqls: 'MQL volume (measured window)',
  salAcceptance: 'SAL acceptance',
  mqlToSql: 'MQL \u2192 SQL (cohort)',
  slaCompliance: 'SLA compliance',
  pipelineDollars: 'Pipeline created',
  wonDollars: 'Closed-won',
  contactRate: 'Contact rate',
  'speedToLeadMinutes.mean': 'Speed to lead, mean (minutes)',
};

export const sweepMetricTitle = (metric: string): string => TITLES[metric] ?? metric;

/** The charted metrics: the five headline ones, then the objective when it is another metric. */
export function chartedMetrics(sweep: SweepJson): string[] {
  const metrics: string[] = [...CHART_METRICS];
  if (sweep.objective !== null && !metrics.includes(sweep.objective.metric)) metrics.push(sweep.objective.metric);
  return metrics;
}

/** Axis format for a metric's values: shares as %, dollars as $1.2M, counts with separators. */
export function valueAxis(metric: string): { format?: string; labelExpr?: string } {
  switch (metricKind(metric)) {
    case 'rate':
      return { format: '.0%' };
    case 'dollars':
      return { labelExpr: DOLLAR_LABEL };
    case 'count':
      return { format: ',.0f' };
    default:
      return { format: '~g' };
  }
}

/** A metric's 95% interval clipped to what it can take (shares in [0, 1], everything else >= 0). */
export function clippedInterval(point: SweepPoint, metric: string): [number, number] | null {
  const estimate = point.metrics[metric];
  // One replication has no interval: none is drawn or printed (a zero-width one would claim certainty).
  if (estimate === undefined || estimate.mean === null || estimate.ci95 === null) return null;
  return clipInterval(metricKind(metric), estimate.ci95);
}

/** "maximize pipelineDollars subject to slaCompliance>=0.75", or null without an objective. */
export function objectivePhrase(sweep: SweepJson): string | null {
  if (sweep.objective === null) return null;
  const subject = sweep.constraints.length === 0 ? '' : ` subject to ${sweep.constraints.map((constraint) => constraint.text).join(' and ')}`;
  return `${sweep.objective.direction} ${sweep.objective.metric}${subject}`;
}

/** Numeric axis settings for a parameter: whole-number ticks for integer fields. */
export function parameterAxis(sweep: SweepJson, index: number): { format?: string; tickMinStep?: number } {
  return sweep.parameters[index]!.integer ? { format: 'd', tickMinStep: 1 } : {};
}

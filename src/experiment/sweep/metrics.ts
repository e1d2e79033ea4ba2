import { z } from 'zod';
import { nearest, UsageError } from '../../errors.js';
import { channelOfSources } from '../../leads/channels.js';
import { REJECTION_REASONS } from '../../leads/fields.js';
import { creditKeys } from '../../metrics/creditLedger.js';
import { Metrics } from '../../metrics/derive.js';
import { DISPLAY_METRICS, formatValue, type MetricKind } from '../../report/format.js';
import type { Scenario } from '../../scenario/schema/scenario.js';

/** The headline metrics a sweep charts against the parameter, in reading order (the five). */
export const CHART_METRICS = ['mqls', 'salAcceptance', 'mqlToSql', 'slaCompliance', 'pipelineDollars'] as const;

/** Every metric a sweep reports per point; the objective and constraint metrics are added when not here. */
export const SWEEP_METRICS = [
  ...CHART_METRICS,
  'wonDollars',
  'contactRate',
  'speedToLeadMinutes.mean',
  'mqlToWon',
  'leakageRate',
  'repUtilization',
  'leads',
] as const;

/** Short names people type on the command line. */
export const METRIC_ALIASES: Record<string, string> = {
  pipeline: 'pipelineDollars',
  won: 'wonDollars',
  sla: 'slaCompliance',
  sal: 'salAcceptance',
  mql: 'mqls',
  volume: 'mqls',
  'mql->sql': 'mqlToSql',
  contact: 'contactRate',
  speed: 'speedToLeadMinutes.mean',
  speedtolead: 'speedToLeadMinutes.mean',
  utilization: 'repUtilization',
};

/** Record-valued metrics: their keys come from the run (tiers, channels, reasons), written as prefix.key. */
const RECORD_METRICS = ['slaComplianceByTier', 'speedToLeadByTier', 'rejectionReasons', 'pipelineByChannel', 'wonByChannel'];

/** Dotted names of every fixed numeric metric, from the Metrics schema (so a new metric needs no list edit). */
export function fixedMetricKeys(): string[] {
  const keys: string[] = [];
  const visit = (shape: Record<string, z.ZodType>, prefix: string) => {
    for (const [key, schema] of Object.entries(shape)) {
      const inner = schema instanceof z.ZodNullable ? (schema.unwrap() as z.ZodType) : schema;
      if (inner instanceof z.ZodNumber) keys.push(`${prefix}${key}`);
      else if (inner instanceof z.ZodObject) visit(inner.shape as Record<string, z.ZodType>, `${prefix}${key}.`);
    }
  };
  visit(Metrics.shape as Record<string, z.ZodType>, '');
  return keys;
}

/** Suggested names quoted, as every name in these messages is, so one can be copied whole: "a" or "b". */
const quoted = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(' or ');

/**
 * The metric a command-line name means: an alias, a metric, or prefix.key for per-tier and per-channel
 * metrics (tier names checked against the policy's tiers); otherwise a UsageError with the closest names.
 */
export function resolveMetric(name: string, scenario: Scenario, policy: string, flag: string): string {
  const trimmed = name.trim();
  const alias = METRIC_ALIASES[trimmed.toLowerCase()];
  if (alias !== undefined) return alias;
  const fixed = fixedMetricKeys();
  if (fixed.includes(trimmed)) return trimmed;
  const dot = trimmed.indexOf('.');
  const prefix = dot < 0 ? trimmed : trimmed.slice(0, dot);
  if (RECORD_METRICS.includes(prefix)) {
    checkRecordKey(prefix, dot < 0 ? '' : trimmed.slice(dot + 1), scenario, policy, flag);
    return trimmed;
  }
  // A misspelt per-tier or per-channel prefix is matched with the key typed after it.
  const records = dot > 0 ? RECORD_METRICS.map((record) => `${record}${trimmed.slice(dot)}`) : [];
  const close = nearest(trimmed, [...Object.keys(METRIC_ALIASES), ...fixed, ...records]);
  const hint = close.length > 0 ? `did you mean ${quoted(close)}?` : `use a metric such as ${[...CHART_METRICS, 'wonDollars'].join(', ')}`;
  throw new UsageError(`${flag}: unknown metric "${trimmed}"; ${hint}`);
}

/**
 * Refuses a per-tier, per-channel or per-reason metric whose key the run will not have (a column of dashes and a
 * constraint no point could meet): no key, a misspelt one, or a tier's speed without .mean, .p50 or .p90.
 */
function checkRecordKey(prefix: string, key: string, scenario: Scenario, policy: string, flag: string): void {
  const byTier = prefix.endsWith('ByTier');
  const quantiles = prefix === 'speedToLeadByTier';
  const routing = scenario.policies[policy]?.routing;
  // A custom routing module names its tiers at run time.
  const keys = !byTier ? recordKeys(prefix, scenario) : routing === undefined || routing.module !== undefined ? null : routing.tiers.map((item) => item.name);
  const what = byTier ? 'tier' : prefix === 'rejectionReasons' ? 'reason' : 'channel';
  const listed = keys === null ? '' : `; its ${byTier ? 'tiers' : 'keys'}: ${keys.join(', ')}`;
  if (key === '') {
    const shape = `${prefix}.<${what}>${quantiles ? '.mean, .p50 or .p90' : ''}`;
    const example = keys === null || keys.length === 0 ? '' : `, e.g. ${prefix}.${keys[0]}${quantiles ? '.p90' : ''}`;
    throw new UsageError(`${flag}: ${prefix} has one value per ${what}; write ${shape}${example}${listed}`);
  }
  const has = (name: string): boolean => keys === null || keys.includes(name);
  const statistic = /^(.+)\.(mean|p50|p90)$/.exec(key);
  if (quantiles && statistic === null && has(key)) throw new UsageError(`${flag}: ${prefix}.${key} is three numbers; write ${prefix}.${key}.mean, .p50 or .p90`);
  const typed = quantiles && statistic !== null ? statistic[1]! : key;
  if (has(typed)) return;
  if (statistic !== null && has(statistic[1]!)) throw new UsageError(`${flag}: ${prefix}.${statistic[1]} is one number; write ${prefix}.${statistic[1]} (without .${statistic[2]})`);
  const tail = typed === key ? '' : key.slice(typed.length);
  // `organic` or `organc` for `first-touch:organic`: the part after the colon is matched too.
  const bySuffix = keys!.filter((item) => item.includes(':') && nearest(typed, [item.slice(item.indexOf(':') + 1)]).length > 0);
  const close = [...new Set([...nearest(typed, keys!), ...bySuffix])].slice(0, 3).map((item) => `${prefix}.${item}${tail}`);
  const meant = close.length > 0 ? ` (did you mean ${quoted(close)}?)` : '';
  throw new UsageError(byTier ? `${flag}: policy "${policy}" has no tier "${typed}"${meant}${listed}` : `${flag}: ${prefix} has no key "${typed}"${meant}${listed}`);
}

/** The keys of a per-channel or per-reason metric: the credit ledger's keys for the scenario's channels, or the reasons. */
function recordKeys(prefix: string, scenario: Scenario): string[] {
  if (prefix === 'rejectionReasons') return [...REJECTION_REASONS];
  return creditKeys([...new Set(channelOfSources(scenario.sources))]);
}

/** How a metric's values read: a share, dollars, minutes or a count. */
export function metricKind(key: string): MetricKind {
  const display = DISPLAY_METRICS.find((metric) => metric.key === key);
  if (display !== undefined) return display.kind;
  if (/Dollars$|ByChannel\./.test(key)) return 'dollars';
  if (/Minutes|^speedToLeadByTier\./.test(key)) return 'minutes';
  if (['assigned', 'leads', 'mqls'].includes(key)) return 'count';
  if (['busyRepHours', 'meanQueueLength'].includes(key)) return 'number';
  return 'rate';
}

export const metricLabel = (key: string): string => DISPLAY_METRICS.find((metric) => metric.key === key)?.label ?? key;

export const formatMetric = (key: string, value: number | null): string => formatValue(metricKind(key), value);

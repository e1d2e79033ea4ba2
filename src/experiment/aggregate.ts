import { z } from 'zod';
import { bandOf, BAND_RULES, HIGHER_IS_BETTER, type Band } from '../metrics/bands.js';
import { deriveMetrics, flattenMetrics, Metrics, type Value } from '../metrics/derive.js';
import type { ReplicationResult } from '../metrics/result.js';
import { meanInterval, pairedDifference, verdictOf } from './statistics.js';

export const PolicySummary = z.object({
  name: z.string(),
  replications: z.number().int(),
  /** Mean over replications of each metric (same shape as one replication's metrics). */
  metrics: Metrics,
  /** 95% confidence interval of each numeric metric, by dotted path. */
  ci95: z.record(z.string(), z.tuple([z.number(), z.number()])),
  /** The methodology's good / warning / red-flag judgement of the headline metrics. */
  bands: z.record(z.string(), z.enum(['good', 'warning', 'red flag'])),
  /** Replications that stopped early on a resource limit, with the reason. */
  incomplete: z.array(z.object({ replication: z.number().int(), reason: z.string() })),
  /** Replications that failed (a custom policy threw, returned garbage or timed out), with the error. */
  failed: z.array(z.object({ replication: z.number().int(), error: z.string() })),
});
export type PolicySummary = z.infer<typeof PolicySummary>;

export const MetricDelta = z.object({
  baseline: z.number(),
  challenger: z.number(),
  difference: z.number(),
  /** null with fewer than two pairs: one replication gives a difference but no interval. */
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  verdict: z.enum(['better', 'worse', 'higher', 'lower', 'no detectable difference']),
});
export type MetricDelta = z.infer<typeof MetricDelta>;

export const PolicyDeltas = z.object({
  policy: z.string(),
  baseline: z.string(),
  /** Replications both policies finished: the pairs compared (fewer than planned after a failure or a time limit). */
  pairs: z.number().int(),
  metrics: z.record(z.string(), MetricDelta),
});
export type PolicyDeltas = z.infer<typeof PolicyDeltas>;

/** The metrics paired differences and verdicts are reported for. */
export const HEADLINE_METRICS = [
  'mqls',
  'contactRate',
  'slaCompliance',
  'speedToLeadMinutes.mean',
  'speedToLeadMinutes.p90',
  'salAcceptance',
  'mqlToSql',
  'mqlToWon',
  'pipelineDollars',
  'wonDollars',
  'leakageRate',
  'repUtilization',
  'recycledMqlShare',
  // The methodology's flags: null (and left out) when a scenario has nothing to flag, e.g. no named accounts.
  'misrouteRate',
  'breachEscalationRate',
  'abmLeakageRate',
] as const;

const round = (value: number): number => (Number.isFinite(value) ? Number(value.toPrecision(10)) : value);

/** Summarises one policy's replications (in replication order). */
export function summarizePolicy(name: string, results: readonly ReplicationResult[], failed: PolicySummary['failed'] = [], tierNames: readonly string[] = []): PolicySummary {
  if (results.length === 0) return { name, replications: 0, metrics: nullMetrics(tierNames), ci95: {}, bands: {}, incomplete: [], failed: [...failed].sort((a, b) => a.replication - b.replication) };
  const perReplication = results.map((result) => flattenMetrics(deriveMetrics(result)));
  const keys = [...new Set(perReplication.flatMap((flat) => Object.keys(flat)))];
  const means: Record<string, Value> = {};
  const ci95: Record<string, [number, number]> = {};
  for (const key of keys) {
    // A key missing from a replication (a channel with no credit there) counts as 0; null means "not defined".
    const values = perReplication.map((flat) => flat[key] ?? (key in flat ? null : 0)).filter((value): value is number => value !== null);
    if (values.length === 0) {
      means[key] = null;
      continue;
    }
    const interval = meanInterval(values);
    means[key] = round(interval.mean);
    // One replication gives a value but no interval: none is reported rather than a zero-width one.
    if (interval.n >= 2) ci95[key] = [round(interval.mean - interval.halfWidth), round(interval.mean + interval.halfWidth)];
  }
  const bands: Record<string, Band> = {};
  for (const metric of Object.keys(BAND_RULES)) {
    const band = bandOf(metric, means[metric] ?? null);
    if (band !== null) bands[metric] = band;
  }
  return {
    name,
    replications: results.length,
    // Start from the all-null shape so keys with no values anywhere (an empty credit record) still appear.
    metrics: overlay(nullMetrics(results[0]!.tiers.map((tier) => tier.name)), unflatten(means)) as Metrics,
    ci95,
    bands,
    incomplete: results.filter((result) => result.stopped !== null).map((result) => ({ replication: result.replication, reason: result.stopped! })),
    failed: [...failed].sort((a, b) => a.replication - b.replication),
  };
}

/** Paired differences of a challenger against the baseline over the replications both finished. */
export function policyDeltas(baselineName: string, baseline: readonly ReplicationResult[], challengerName: string, challenger: readonly ReplicationResult[]): PolicyDeltas {
  // Pairs share a replication number (the same random numbers), not a position: a replication that failed or was
  // cut off under one policy only drops that pair instead of shifting every later one.
  const challengerOf = new Map(challenger.map((result) => [result.replication, result]));
  const paired = baseline.filter((result) => challengerOf.has(result.replication));
  const a = paired.map((result) => flattenMetrics(deriveMetrics(result)));
  const b = paired.map((result) => flattenMetrics(deriveMetrics(challengerOf.get(result.replication)!)));
  const metrics: Record<string, MetricDelta> = {};
  for (const key of HEADLINE_METRICS) {
    const baseValues = a.map((flat) => flat[key] ?? null);
    const challengerValues = b.map((flat) => flat[key] ?? null);
    const difference = pairedDifference(baseValues, challengerValues);
    if (Number.isNaN(difference.mean)) continue;
    const meanOf = (values: (number | null)[]) => {
      const present = values.filter((v): v is number => v !== null);
      return present.reduce((sum, v) => sum + v, 0) / present.length;
    };
    metrics[key] = {
      baseline: round(meanOf(baseValues)),
      challenger: round(meanOf(challengerValues)),
      difference: round(difference.mean),
      ci95: difference.n >= 2 ? [round(difference.mean - difference.halfWidth), round(difference.mean + difference.halfWidth)] : null,
      verdict: verdictOf(difference, HIGHER_IS_BETTER[key]),
    };
  }
  return { policy: challengerName, baseline: baselineName, pairs: paired.length, metrics };
}

/** The metrics shape with every value null: a policy none of whose replications finished. */
function nullMetrics(tierNames: readonly string[]): Metrics {
  const quantiles = { mean: null, p50: null, p90: null };
  const empty = Object.fromEntries(Object.entries(Metrics.shape).map(([key, schema]) => [key, schema instanceof z.ZodRecord ? {} : null]));
  return Metrics.parse({
    ...empty,
    slaComplianceByTier: Object.fromEntries(tierNames.map((tier) => [tier, null])),
    speedToLeadMinutes: quantiles,
    speedToLeadByTier: Object.fromEntries(tierNames.map((tier) => [tier, quantiles])),
    utilizationByRole: { sdr: null, ae: null },
  });
}

/** Values from `top` laid over `base` key by key (nulls included: they mean "no value", not "remove"). */
function overlay(base: unknown, top: unknown): unknown {
  if (typeof base !== 'object' || base === null || typeof top !== 'object' || top === null) return top === undefined ? base : top;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(top)) merged[key] = overlay(merged[key], value);
  return merged;
}

/** Dotted paths back to the nested metric shape (names cannot contain dots: the schema forbids them). */
function unflatten(values: Record<string, Value>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(values)) {
    const keys = path.split('.');
    let node = root;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]!] = value;
  }
  return root;
}

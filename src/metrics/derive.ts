import { z } from 'zod';
import type { ReplicationResult } from './result.js';

/** A metric value; null where the denominator is empty (never NaN in output). */
export const Value = z.number().nullable();
export type Value = z.infer<typeof Value>;
export const Quantile3 = z.object({ mean: Value, p50: Value, p90: Value });
export type Quantile3 = z.infer<typeof Quantile3>;

/** The per-replication metrics, all from the formulas of handoff-sla-methodology.txt section 4. */
export const Metrics = z.object({
  leads: Value,
  mqls: Value,
  /** Inquiry -> MQL. */
  mqlRate: Value,
  assigned: Value,
  /** MQLs with a first touch / MQLs assigned (the methodology's response rate). */
  contactRate: Value,
  /** MQLs actually reached in conversation / MQLs assigned. */
  reachRate: Value,
  /** Leads responded to within their tier's SLA / leads assigned. */
  slaCompliance: Value,
  slaComplianceByTier: z.record(z.string(), Value),
  speedToLeadMinutes: Quantile3,
  speedToLeadByTier: z.record(z.string(), Quantile3),
  fiveMinuteResponseRate: Value,
  abandonmentRate: Value,
  waitingProbability: Value,
  /** (MQLs assigned - MQLs with first touch) / MQLs assigned. */
  leakageRate: Value,
  repUtilization: Value,
  utilizationByRole: z.object({ sdr: Value, ae: Value }),
  meanQueueLength: Value,
  /** SALs accepted / MQLs handed off. */
  salAcceptance: Value,
  rejectionRate: Value,
  /** Contacted MQLs that Sales rejected as unqualified (every reason but "no response") / MQLs assigned. */
  qualityRejectionRate: Value,
  /** MQLs whose whole cadence went unanswered / MQLs assigned. */
  noResponseRate: Value,
  rejectionReasons: z.record(z.string(), Value),
  /** SQLs from the period's MQL cohort / MQLs created. */
  mqlToSql: Value,
  salToSql: Value,
  sqlToOpportunity: Value,
  mqlToWon: Value,
  /** Won deals / distinct leads that reached MQL (recycled re-qualifications not counted twice): comparable with a CRM's MQL -> won. */
  mqlLeadToWon: Value,
  winRate: Value,
  recycledMqlShare: Value,
  /** Sum of response points / (leads assigned x 10). */
  repResponseScore: Value,
  breachRate: Value,
  breachEscalationRate: Value,
  reassignmentRate: Value,
  misrouteRate: Value,
  abmLeakageRate: Value,
  warmToHotRate: Value,
  surgeHeldShare: Value,
  unroutedShare: Value,
  /** Per lead source: MQL -> won over distinct MQL leads, and MQL -> SQL (the methodology's conversion by source). */
  mqlLeadToWonBySource: z.record(z.string(), Value),
  mqlToSqlBySource: z.record(z.string(), Value),
  pipelineDollars: Value,
  wonDollars: Value,
  pipelineByChannel: z.record(z.string(), z.number()),
  wonByChannel: z.record(z.string(), z.number()),
  busyRepHours: Value,
});
export type Metrics = z.infer<typeof Metrics>;

const ratio = (numerator: number, denominator: number): Value => (denominator > 0 ? numerator / denominator : null);
const finite = (value: number | null): Value => (value !== null && Number.isFinite(value) ? value : null);

export function deriveMetrics(result: ReplicationResult): Metrics {
  const c = result.counts;
  const rejectedTotal = Object.values(result.rejections).reduce((sum, n) => sum + n, 0);
  return {
    leads: c.leads,
    mqls: c.mqls,
    mqlRate: ratio(c.mqls - c.recycledMqls, c.leads),
    assigned: c.assigned,
    contactRate: ratio(c.touched, c.assigned),
    reachRate: ratio(c.reached, c.assigned),
    slaCompliance: ratio(c.touchedInSla, c.assigned),
    slaComplianceByTier: Object.fromEntries(result.tiers.map((tier) => [tier.name, ratio(tier.inSla, tier.assigned)])),
    speedToLeadMinutes: { mean: finite(result.speedToLead.mean), p50: finite(result.speedToLead.p50), p90: finite(result.speedToLead.p90) },
    speedToLeadByTier: Object.fromEntries(result.tiers.map((tier) => [tier.name, { mean: finite(tier.mean), p50: finite(tier.p50), p90: finite(tier.p90) }])),
    fiveMinuteResponseRate: ratio(c.fiveMinuteResponses, c.assigned),
    abandonmentRate: ratio(c.abandoned, c.assigned),
    waitingProbability: ratio(c.waited, c.assigned),
    leakageRate: ratio(c.assigned - c.touched, c.assigned),
    repUtilization: finite(result.repUtilization),
    utilizationByRole: { ...result.utilizationByRole },
    meanQueueLength: finite(result.meanQueueLength),
    salAcceptance: ratio(c.sal, c.assigned),
    rejectionRate: ratio(c.rejected, c.assigned),
    qualityRejectionRate: ratio(c.rejected - (result.rejections['no response'] ?? 0), c.assigned),
    noResponseRate: ratio(result.rejections['no response'] ?? 0, c.assigned),
    rejectionReasons: Object.fromEntries(Object.entries(result.rejections).map(([reason, n]) => [reason, ratio(n, rejectedTotal)])),
    mqlToSql: ratio(c.sql, c.mqls),
    salToSql: ratio(c.sql, c.sal),
    sqlToOpportunity: ratio(c.opportunities, c.sql),
    mqlToWon: ratio(c.won, c.mqls),
    mqlLeadToWon: ratio(c.won, c.mqls - c.recycledMqls),
    winRate: ratio(c.won, c.opportunities),
    recycledMqlShare: ratio(c.recycledMqls, c.mqls),
    repResponseScore: ratio(c.responsePoints, c.assigned * 10),
    breachRate: ratio(c.breaches, c.assigned),
    breachEscalationRate: ratio(c.escalations, c.assigned),
    reassignmentRate: ratio(c.reassignments, c.assigned),
    misrouteRate: ratio(c.misroutes, c.assigned),
    abmLeakageRate: ratio(c.abmLeaked, c.abmLeads - c.abmSuppressed),
    warmToHotRate: ratio(c.warmToHot, c.assigned),
    surgeHeldShare: ratio(c.surgeHeld, c.mqls),
    unroutedShare: ratio(c.unrouted, c.mqls),
    mqlLeadToWonBySource: Object.fromEntries(result.sources.map((source) => [source.name, ratio(source.won, source.mqls)])),
    mqlToSqlBySource: Object.fromEntries(result.sources.map((source) => [source.name, ratio(source.sql, source.mqls)])),
    pipelineDollars: finite(result.pipeline),
    wonDollars: finite(result.wonDollars),
    pipelineByChannel: result.pipelineCredit,
    wonByChannel: result.wonCredit,
    busyRepHours: result.busyRepHours,
  };
}

/** Flattens nested metrics to dotted keys ("slaComplianceByTier.hot") for interval arithmetic. */
export function flattenMetrics(metrics: object, prefix = '', out: Record<string, Value> = {}): Record<string, Value> {
  for (const [key, value] of Object.entries(metrics)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (value !== null && typeof value === 'object') flattenMetrics(value as object, path, out);
    else out[path] = value as Value;
  }
  return out;
}

import type { Value } from './derive.js';

export type Band = 'good' | 'warning' | 'red flag';

interface BandRule {
  /** Human label for reports. */
  label: string;
  higherIsBetter: boolean;
  /** Good at or beyond this value (in the better direction). */
  good: number;
  /** Red flag at or beyond this value (in the worse direction). */
  red: number;
  /** Where the thresholds come from. */
  source: string;
}

/** The methodology's good / warning / red-flag thresholds (handoff-sla-methodology.txt, sections 3 and 5). */
export const BAND_RULES: Record<string, BandRule> = {
  slaCompliance: { label: 'SLA compliance', higherIsBetter: true, good: 0.85, red: 0.7, source: 'Quick Reference: 85%+ good, 70-85% warning, under 70% red flag' },
  mqlToSql: { label: 'MQL -> SQL', higherIsBetter: true, good: 0.2, red: 0.1, source: 'Quick Reference: 20%+ good, 10-20% warning, under 10% red flag' },
  salAcceptance: { label: 'SAL acceptance', higherIsBetter: true, good: 0.6, red: 0.4, source: 'Quick Reference: 60%+ good, 40-60% warning, under 40% red flag' },
  contactRate: { label: 'Response rate (MQLs contacted)', higherIsBetter: true, good: 0.9, red: 0.5, source: 'Lead Response benchmarks: 90%+ top quartile, under 50% low' },
  'speedToLeadMinutes.mean': { label: 'Average response time', higherIsBetter: false, good: 240, red: 1440, source: 'Quick Reference: under 4 h good, 4-12 h warning, 24 h+ red flag' },
  fiveMinuteResponseRate: { label: '5-minute response rate', higherIsBetter: true, good: 0.4, red: 0.05, source: 'Lead Response benchmarks: 40%+ top quartile, under 5% low' },
  qualityRejectionRate: { label: 'Lead rejection rate (Sales rejects MQL)', higherIsBetter: false, good: 0.2, red: 0.5, source: 'SLA benchmarks: under 20% high, over 50% low' },
  breachEscalationRate: { label: 'SLA breach escalation rate', higherIsBetter: false, good: 0.1, red: 0.25, source: 'SLA benchmarks: under 10% high, over 25% low' },
  recycledMqlShare: { label: 'Recycled MQL share', higherIsBetter: false, good: 0.15, red: 0.3, source: 'Edge case 4: over 30% of MQLs recycled means criteria need tightening' },
  misrouteRate: { label: 'Mis-route rate', higherIsBetter: false, good: 0.05, red: 0.1, source: 'Edge case 1: under 5% acceptable, above 10% needs refinement' },
  abmLeakageRate: { label: 'ABM lead leakage', higherIsBetter: false, good: 0, red: 0.05, source: 'Edge case 2: target 0%; any leakage means matching gaps' },
  repResponseScore: { label: 'Rep response score', higherIsBetter: true, good: 0.8, red: 0.4, source: 'Response Time Scoring rubric (10/8/6/4/2/1/0 points)' },
};

export function bandOf(metric: string, value: Value): Band | null {
  const rule = BAND_RULES[metric];
  if (rule === undefined || value === null) return null;
  if (rule.higherIsBetter) return value >= rule.good ? 'good' : value < rule.red ? 'red flag' : 'warning';
  return value <= rule.good ? 'good' : value > rule.red ? 'red flag' : 'warning';
}

/** Whether a rise in the metric is good news (for verdicts on paired differences). */
export const HIGHER_IS_BETTER: Record<string, boolean> = {
  contactRate: true,
  reachRate: true,
  slaCompliance: true,
  fiveMinuteResponseRate: true,
  salAcceptance: true,
  mqlToSql: true,
  salToSql: true,
  sqlToOpportunity: true,
  mqlToWon: true,
  winRate: true,
  repResponseScore: true,
  pipelineDollars: true,
  wonDollars: true,
  'speedToLeadMinutes.mean': false,
  'speedToLeadMinutes.p50': false,
  'speedToLeadMinutes.p90': false,
  abandonmentRate: false,
  leakageRate: false,
  rejectionRate: false,
  qualityRejectionRate: false,
  noResponseRate: false,
  recycledMqlShare: false,
  breachRate: false,
  breachEscalationRate: false,
  misrouteRate: false,
  abmLeakageRate: false,
  meanQueueLength: false,
};

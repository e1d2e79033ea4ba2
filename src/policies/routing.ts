import { FORM_TYPES } from '../leads/fields.js';
import type { Policy, Tier } from '../scenario/schema/policy.js';
import type { LeadView, RoutingPolicy, ScoreResult } from './types.js';

interface CompiledCondition {
  formMask: number;
  icp: boolean | undefined;
  minAcv: number;
  maxAcv: number;
  minScore: number;
  namedAccount: boolean | undefined;
}

/** Ordered tier rules: the first tier whose condition holds takes the MQL (Hot -> AE, Warm-Plus -> SDR, ...). */
export function tierRouting(config: Policy['routing'], name = 'tiers'): RoutingPolicy {
  const conditions: CompiledCondition[] = config.tiers.map((tier) => compile(tier));
  return {
    name,
    tiers: config.tiers,
    tierOf(lead: LeadView, score: ScoreResult): number {
      const formBit = 1 << lead.formIndex;
      for (let i = 0; i < conditions.length; i++) {
        const c = conditions[i]!;
        if ((c.formMask & formBit) === 0) continue;
        if (c.icp !== undefined && c.icp !== score.icp) continue;
        if (lead.acv < c.minAcv || lead.acv > c.maxAcv) continue;
        if (score.combined < c.minScore) continue;
        if (c.namedAccount !== undefined && c.namedAccount !== lead.namedAccount) continue;
        return i;
      }
      return -1;
    },
  };
}

function compile(tier: Tier): CompiledCondition {
  const forms = tier.when.forms ?? FORM_TYPES;
  return {
    formMask: forms.reduce((mask, form) => mask | (1 << FORM_TYPES.indexOf(form)), 0),
    icp: tier.when.icp,
    minAcv: tier.when.minAcv ?? -Infinity,
    maxAcv: tier.when.maxAcv ?? Infinity,
    minScore: tier.when.minScore ?? -Infinity,
    namedAccount: tier.when.namedAccount,
  };
}

import { FORM_TYPES } from '../leads/fields.js';
import type { Policy } from '../scenario/schema/policy.js';
import { Rubric } from './rubric.js';
import type { LeadView, ScoreResult, ScoringPolicy } from './types.js';

/** The seed rubric: fit + intent points, step decay, the MQL rule and hand-raise overrides. */
export function rubricScoring(config: Policy['scoring'], name = 'rubric'): ScoringPolicy & { rubric: Rubric } {
  const rubric = new Rubric(config);
  const demo = FORM_TYPES.indexOf('demo');
  // Compared once: a string from YAML is not interned, so === on it per lead is a full string comparison.
  const icpDemo = config.handRaise === 'icp-demo';
  return {
    name,
    rubric,
    score(lead: LeadView, enriched: boolean, out: ScoreResult): void {
      const decay = rubric.decayFactor(lead.daysInactive);
      const rawFit = rubric.fitPoints(lead.signals, enriched);
      const fit = rawFit * decay;
      const intent = rubric.intentPoints(lead.signals) * decay;
      const formIndex = lead.formIndex;
      out.fit = fit;
      out.intent = intent;
      out.combined = fit + intent;
      out.icp = rawFit >= config.icpMinFit;
      const byPoints = rubric.passes(fit, intent);
      out.handRaise = !byPoints && (rubric.handRaiseForms[formIndex] === 1 || (icpDemo && formIndex === demo && out.icp));
      out.mql = byPoints || out.handRaise;
    },
  };
}

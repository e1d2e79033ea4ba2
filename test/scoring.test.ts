import { describe, expect, it } from 'vitest';
import { FORM_TYPES, SIGNALS, type FormType } from '../src/leads/fields.js';
import { rubricScoring } from '../src/policies/scoring.js';
import type { LeadView, ScoreResult } from '../src/policies/types.js';
import { Scoring } from '../src/scenario/schema/policy.js';

const bits = (...signals: string[]): number => signals.reduce((mask, s) => mask | (1 << SIGNALS.indexOf(s as (typeof SIGNALS)[number])), 0);

function lead(signals: number, form: FormType = 'content', daysInactive = 0): LeadView {
  return {
    ordinal: 0,
    sourceName: 'test',
    form,
    formIndex: FORM_TYPES.indexOf(form),
    signals,
    has: (s) => (signals & (1 << SIGNALS.indexOf(s as (typeof SIGNALS)[number]))) !== 0,
    daysInactive,
    acv: 10_000,
    namedAccount: false,
    timeZone: 'UTC',
    recycleCount: 0,
    raisedAt: 0,
  };
}

const score = (config: object, view: LeadView, enriched = true): ScoreResult => {
  const out: ScoreResult = { fit: 0, intent: 0, combined: 0, mql: false, icp: false, handRaise: false };
  rubricScoring(Scoring.parse(config)).score(view, enriched, out);
  return out;
};

describe('fit/intent rubric (training section 2)', () => {
  it('awards the seed points: employee band 15, industry 10, revenue 10, geo 5, tech 10; pricing 15, demo 25, ...', () => {
    const result = score({}, lead(bits('employeeBand', 'industry', 'revenueBand', 'geo', 'techStack', 'pricingView', 'secondSession')));
    expect(result.fit).toBe(50);
    expect(result.intent).toBe(25);
    expect(score({}, lead(bits('unsubscribe', 'pricingView', 'webinar'))).intent).toBe(0); // 15 + 5 - 20, floored at 0
    expect(score({}, lead(bits('highIntentContent', 'webinar', 'secondSession'))).intent).toBe(25);
  });

  it('a lead at 64 points is not an MQL; at 65 with 25 intent it is; 65 with 20 intent is not', () => {
    // The seed weights move in steps of 5, so a 64-point lead needs geo worth 4.
    const exactly64 = score({ weights: { geo: 4 } }, lead(bits('employeeBand', 'industry', 'revenueBand', 'geo', 'pricingView', 'secondSession')));
    expect(exactly64.combined).toBe(64);
    expect(exactly64.intent).toBe(25);
    expect(exactly64.mql).toBe(false);
    const at65 = score({}, lead(bits('employeeBand', 'industry', 'revenueBand', 'geo', 'pricingView', 'secondSession')));
    expect(at65.combined).toBe(65);
    expect(at65.intent).toBe(25);
    expect(at65.mql).toBe(true);
    const lowIntent = score({}, lead(bits('employeeBand', 'industry', 'revenueBand', 'geo', 'techStack', 'pricingView', 'webinar')));
    expect(lowIntent.combined).toBe(70);
    expect(lowIntent.intent).toBe(20);
    expect(lowIntent.mql).toBe(false); // pure-fit leads do not pass without 25 intent points
  });

  it('decays 20% per full 30 days of inactivity', () => {
    const signals = bits('employeeBand', 'industry', 'revenueBand', 'geo', 'techStack', 'pricingView', 'demoRequest');
    expect(score({}, lead(signals, 'content', 29)).combined).toBe(90);
    expect(score({}, lead(signals, 'content', 30)).combined).toBeCloseTo(72, 10);
    expect(score({}, lead(signals, 'content', 65)).combined).toBeCloseTo(57.6, 10);
    expect(score({}, lead(signals, 'content', 65)).mql).toBe(false);
  });

  it('demo and pricing forms are MQLs regardless of points (score-of-one override); other forms are not', () => {
    expect(score({}, lead(0, 'demo')).mql).toBe(true);
    expect(score({}, lead(0, 'demo')).handRaise).toBe(true);
    expect(score({}, lead(0, 'pricing')).mql).toBe(true);
    expect(score({}, lead(0, 'trial')).mql).toBe(false);
    expect(score({ handRaise: 'none' }, lead(0, 'demo')).mql).toBe(false);
  });

  it('icp-demo override (SLA training): only ICP demo requests bypass the score', () => {
    const icp = bits('employeeBand', 'industry', 'revenueBand');
    expect(score({ handRaise: 'icp-demo' }, lead(icp, 'demo')).mql).toBe(true);
    expect(score({ handRaise: 'icp-demo' }, lead(bits('geo'), 'demo')).mql).toBe(false);
    expect(score({ handRaise: 'icp-demo' }, lead(icp, 'pricing')).mql).toBe(false);
  });

  it('two-axis rule: fit >= 60% and intent >= 40% of their 50-point axes', () => {
    const config = { rule: 'two-axis', handRaise: 'none' };
    // fit 30/50 = 60%, intent 20/50 = 40%: passes; one point short on either axis fails.
    expect(score(config, lead(bits('employeeBand', 'industry', 'geo', 'pricingView', 'webinar'))).mql).toBe(true);
    expect(score(config, lead(bits('employeeBand', 'industry', 'pricingView', 'webinar'))).mql).toBe(false);
    expect(score(config, lead(bits('employeeBand', 'industry', 'geo', 'pricingView'))).mql).toBe(false);
  });

  it('product signals (PQLs) count as intent like a demo request', () => {
    expect(score({}, lead(bits('productSignal'), 'product')).intent).toBe(25);
    expect(score({ weights: { productSignal: 0 } }, lead(bits('productSignal'), 'product')).intent).toBe(0);
  });

  it('before enrichment only the form-provided fit signals count, scaled to the full fit range', () => {
    const signals = bits('employeeBand', 'geo', 'industry', 'revenueBand', 'techStack');
    const provisional = score({}, lead(signals), false);
    expect(provisional.fit).toBe(50); // employee band + geo both match: the estimate is the full 50
    const partial = score({}, lead(bits('employeeBand', 'industry', 'revenueBand', 'techStack')), false);
    expect(partial.fit).toBeCloseTo(37.5, 10); // 15 of 20 visible points -> 75% of 50
    expect(score({}, lead(bits('industry', 'revenueBand', 'techStack')), false).fit).toBe(0);
    expect(score({}, lead(bits('industry', 'revenueBand', 'techStack')), true).fit).toBe(30);
  });

  it('an ICP lead has at least icpMinFit fit points', () => {
    expect(score({}, lead(bits('employeeBand', 'industry', 'revenueBand'))).icp).toBe(true); // 35
    expect(score({}, lead(bits('employeeBand', 'industry', 'geo'))).icp).toBe(false); // 30
    expect(score({ icpMinFit: 30 }, lead(bits('employeeBand', 'industry', 'geo'))).icp).toBe(true);
  });
});

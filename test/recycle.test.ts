import { describe, expect, it } from 'vitest';
import { FORM_TYPES } from '../src/leads/fields.js';
import type { TraceEvent } from '../src/engine/simulation.js';
import { queueWorld, scenarioOf, traced } from './helpers/scenario.js';

const everyoneMql = { threshold: 0, minIntent: 0, handRaise: 'none', enrichment: { delayMinutes: 0 } };

/** Every contacted lead is rejected and every rejected lead comes back a week later through a higher form. */
const bouncing = (limit: number) =>
  scenarioOf(
    queueWorld({
      horizonWeeks: 8,
      sources: { inbound: { weeklyVolume: 100, profile: 'flat', forms: { content: 1 } } },
      prospect: {
        hours: 'any',
        reach: { baseOdds: 1e6 },
        funnel: { accept: { base: 1e-9, slope: 0 } },
        requalifyProbability: 1,
      },
      policies: {
        main: {
          scoring: everyoneMql,
          routing: { tiers: [{ name: 'all', when: {}, role: 'sdr', sla: { minutes: 60 }, cadence: { touches: 1 } }], namedAccounts: { enabled: false }, escalation: { warmToHotProbability: 0 } },
          recycle: { limit, nurtureDays: { dist: 'fixed', value: 7 } },
        },
      },
    }),
  );

describe('recycle loop (methodology edge case 4)', () => {
  it('a third rejection sends a lead to long-term nurture (recycle limit 2)', async () => {
    const { events } = await traced(bouncing(2), 'main');
    const outcomes = events.filter((e): e is Extract<TraceEvent, { type: 'outcome' }> => e.type === 'outcome');
    const byLead = new Map<number, typeof outcomes>();
    for (const o of outcomes) byLead.set(o.lead, [...(byLead.get(o.lead) ?? []), o]);
    // Leads that arrived early enough to live through all three rounds.
    const complete = [...byLead.values()].filter((list) => list.some((o) => o.outcome === 'long-term-nurture'));
    expect(complete.length).toBeGreaterThan(100);
    for (const list of complete) {
      const rejections = list.filter((o) => o.outcome === 'rejected' || o.outcome === 'long-term-nurture');
      expect(rejections.map((o) => o.recycles)).toEqual([0, 1, 2]);
      expect(list[list.length - 1]!.outcome).toBe('long-term-nurture');
      expect(list.filter((o) => o.outcome === 'recycled')).toHaveLength(2);
    }
    // Nobody is ever recycled a third time.
    expect(outcomes.some((o) => o.outcome === 'recycled' && o.recycles >= 2)).toBe(false);
  });

  it('limit 0 sends the first rejection straight to long-term nurture', async () => {
    const { result } = await traced(bouncing(0), 'main');
    expect(result.counts.recycledMqls).toBe(0);
    expect(result.counts.longTermNurture).toBe(result.counts.rejected);
  });

  it('recycled leads come back only through a strictly higher-intent form and count as recycled MQLs', async () => {
    const { events, result } = await traced(bouncing(2), 'main');
    expect(result.counts.recycledMqls).toBeGreaterThan(0);
    expect(result.counts.recycledMqls / result.counts.mqls).toBeGreaterThan(0.3);
    const mqls = events.filter((e) => e.type === 'mql');
    const formsByLead = new Map<number, number[]>();
    for (const m of mqls) formsByLead.set(m.lead, [...(formsByLead.get(m.lead) ?? []), FORM_TYPES.indexOf(m.form)]);
    expect(Math.max(...[...formsByLead.values()].map((forms) => forms.length))).toBe(3);
    // FORM_TYPES runs from lowest to highest intent; each return is through a later form than the one before.
    for (const forms of formsByLead.values()) for (let i = 1; i < forms.length; i++) expect(forms[i]!).toBeGreaterThan(forms[i - 1]!);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORM_TYPES, SIGNALS } from '../src/leads/fields.js';
import { scoreBatch, type SignalColumns } from '../src/policies/batchScoring.js';
import { rubricScoring } from '../src/policies/scoring.js';
import type { ScoreResult } from '../src/policies/types.js';
import { Scoring } from '../src/scenario/schema/policy.js';

const lead = fc.record({
  signals: fc.integer({ min: 0, max: (1 << SIGNALS.length) - 1 }),
  days: fc.float({ min: 0, max: 400, noNaN: true }),
  form: fc.integer({ min: 0, max: FORM_TYPES.length - 1 }),
});

const configs = [
  {},
  { threshold: 75 },
  { rule: 'two-axis', handRaise: 'icp-demo' },
  { handRaise: 'none', decay: { percent: 35, everyDays: 14 } },
  { weights: { geo: 12, unsubscribe: -40, productSignal: 0 }, fitCap: 40, intentCap: 60, minIntent: 10 },
  // Fit of exactly 27.5 against 55% of 50 points: a boundary where two formulas of the same rule round apart.
  { rule: 'two-axis', fitMinPercent: 55, weights: { employeeBand: 27.5, industry: 0, revenueBand: 0, geo: 0, techStack: 0 } },
];

describe('batch scoring over columns', () => {
  it.each(configs)('agrees with the per-lead scorer on every lead (%j)', (raw) => {
    const config = Scoring.parse(raw);
    const policy = rubricScoring(config);
    fc.assert(
      fc.property(fc.array(lead, { minLength: 1, maxLength: 200 }), (leads) => {
        const n = leads.length;
        const columns = Object.fromEntries(SIGNALS.map((signal, bit) => [signal, Uint8Array.from(leads, (l) => (l.signals >> bit) & 1)])) as unknown as SignalColumns;
        columns.daysInactive = Float32Array.from(leads, (l) => l.days);
        columns.form = Uint8Array.from(leads, (l) => l.form);
        const out = { combined: new Float32Array(n), mql: new Uint8Array(n) };
        scoreBatch(policy.rubric, columns, out);
        const score: ScoreResult = { fit: 0, intent: 0, combined: 0, mql: false, icp: false, handRaise: false };
        leads.forEach((l, i) => {
          const days = columns.daysInactive[i]!;
          policy.score({ ordinal: i, sourceName: 's', form: FORM_TYPES[l.form]!, formIndex: l.form, signals: l.signals, has: () => false, daysInactive: days, acv: 0, namedAccount: false, timeZone: 'UTC', recycleCount: 0, raisedAt: 0 }, true, score);
          expect(out.mql[i]).toBe(score.mql ? 1 : 0);
          expect(out.combined[i]).toBeCloseTo(score.combined, 4);
        });
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

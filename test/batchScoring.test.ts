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
  // Mostly real form indexes; sometimes one past FORM_TYPES (a Uint8Array column can hold any byte): never a hand-raise.
  form: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: FORM_TYPES.length - 1 }) }, { weight: 1, arbitrary: fc.integer({ min: FORM_TYPES.length, max: 255 }) }),
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

  // The kernel packs four leads per 32-bit load when every column starts on a word, and reads bytes one lead at
  // a time otherwise and for the tail: each path must give the per-lead answer.
  const layouts = [
    { name: 'aligned, with a tail', leads: 10_003, offset: 0 },
    { name: 'columns one byte off a word boundary', leads: 5_001, offset: 1 },
    { name: 'columns three bytes off, fewer leads than a word', leads: 3, offset: 3 },
  ];
  it.each(layouts)('packs signals correctly: $name', ({ leads, offset }) => {
    const policy = rubricScoring(Scoring.parse({ rule: 'two-axis', handRaise: 'icp-demo' }));
    let seed = leads;
    const next = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
    const signals = Uint16Array.from({ length: leads }, () => Math.floor(next() * (1 << SIGNALS.length)));
    // Columns are views `offset` bytes into a larger buffer; a set signal is stored as 1 or 3 (only bit 0 counts).
    const view = (fill: (i: number) => number): Uint8Array => {
      const column = new Uint8Array(new ArrayBuffer(leads + 8), offset, leads);
      for (let i = 0; i < leads; i++) column[i] = fill(i);
      return column;
    };
    const columns = Object.fromEntries(SIGNALS.map((signal, bit) => [signal, view((i) => ((signals[i]! >> bit) & 1) * (next() < 0.5 ? 1 : 3))])) as unknown as SignalColumns;
    columns.daysInactive = Float32Array.from({ length: leads }, () => next() * 200);
    columns.form = view(() => Math.floor(next() * FORM_TYPES.length));
    const out = { combined: new Float32Array(leads), mql: new Uint8Array(leads) };
    scoreBatch(policy.rubric, columns, out);
    const score: ScoreResult = { fit: 0, intent: 0, combined: 0, mql: false, icp: false, handRaise: false };
    let mqls = 0;
    for (let i = 0; i < leads; i++) {
      const formIndex = columns.form[i]!;
      policy.score({ ordinal: i, sourceName: 's', form: FORM_TYPES[formIndex]!, formIndex, signals: signals[i]!, has: () => false, daysInactive: columns.daysInactive[i]!, acv: 0, namedAccount: false, timeZone: 'UTC', recycleCount: 0, raisedAt: 0 }, true, score);
      expect(out.mql[i], `lead ${i}`).toBe(score.mql ? 1 : 0);
      expect(out.combined[i], `lead ${i}`).toBe(Math.fround(score.combined));
      mqls += out.mql[i]!;
    }
    if (leads > 100) expect(mqls).toBeGreaterThan(0);
  });

  it('refuses a column or output shorter than the leads to score, naming it', () => {
    const policy = rubricScoring(Scoring.parse({}));
    const columns = Object.fromEntries(SIGNALS.map((signal) => [signal, new Uint8Array(8)])) as unknown as SignalColumns;
    columns.daysInactive = new Float32Array(8);
    columns.form = new Uint8Array(8);
    columns.webinar = new Uint8Array(5);
    expect(() => scoreBatch(policy.rubric, columns, { combined: new Float32Array(8), mql: new Uint8Array(8) })).toThrow('scoreBatch: webinar has 5 entries, fewer than the 8 leads to score');
    columns.webinar = new Uint8Array(8);
    expect(() => scoreBatch(policy.rubric, columns, { combined: new Float32Array(8), mql: new Uint8Array(7) })).toThrow('scoreBatch: mql has 7 entries');
    expect(() => scoreBatch(policy.rubric, columns, { combined: new Float32Array(8), mql: new Uint8Array(8) }, 6)).not.toThrow();
  });
});

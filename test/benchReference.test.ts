import { describe, expect, it } from 'vitest';
import { leadMix } from '../bench/scoring/leadMix.js';
import { referenceScore } from '../bench/scoring/referenceLoop.js';
import { SIGNALS } from '../src/leads/fields.js';
import { FORM_TYPES } from '../src/leads/fields.js';
import { scoreBatch, type BatchScores, type SignalColumns } from '../src/policies/batchScoring.js';
import { Rubric } from '../src/policies/rubric.js';
import { Scoring } from '../src/scenario/schema/policy.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

/** A small deterministic generator (mulberry32), so a failure names a reproducible case. */
function uniforms(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random columns: each signal on with its own probability, inactivity from 0 to ~7 years (past the decay table). */
function randomColumns(n: number, seed: number): SignalColumns {
  const u = uniforms(seed);
  const columns = Object.fromEntries(
    SIGNALS.map((signal) => {
      const p = u();
      return [signal, Uint8Array.from({ length: n }, () => (u() < p ? 1 : 0))];
    }),
  ) as unknown as SignalColumns;
  // Whole days (exact multiples of 30 included) and fractions, so step boundaries are exercised.
  columns.daysInactive = Float32Array.from({ length: n }, () => (u() < 0.3 ? Math.floor(u() * 90) : u() * 2500));
  columns.form = Uint8Array.from({ length: n }, () => Math.floor(u() * FORM_TYPES.length));
  return columns;
}

const scoresOf = (n: number): BatchScores => ({ combined: new Float32Array(n), mql: new Uint8Array(n) });

function expectSame(columns: SignalColumns): void {
  const n = columns.form.length;
  const batch = scoresOf(n);
  const reference = scoresOf(n);
  scoreBatch(new Rubric(Scoring.parse({})), columns, batch);
  referenceScore(columns, reference);
  // Compared as whole arrays (bit-identical floats), then spot-checked to show they are not all zero.
  expect(Buffer.from(reference.combined.buffer).equals(Buffer.from(batch.combined.buffer))).toBe(true);
  expect(Buffer.from(reference.mql.buffer).equals(Buffer.from(batch.mql.buffer))).toBe(true);
  expect(reference.mql.some((m) => m === 1) && reference.mql.some((m) => m === 0)).toBe(true);
  expect(reference.combined.some((c) => c > 0)).toBe(true);
}

describe('bench reference scoring loop', () => {
  it.each([1, 2, 3, 4, 5])('computes exactly what scoreBatch computes with the default rubric on random columns (seed %i)', (seed) => {
    expectSame(randomColumns(20_000, seed));
  });

  it('computes exactly what scoreBatch computes on the bench lead mix (baseline sources)', () => {
    expectSame(leadMix(loadScenarioFile(`${ROOT}scenarios/baseline.yaml`), 50_000).columns);
  });
});

import type { BatchScores, SignalColumns } from '../../src/policies/batchScoring.js';

/** Decay after k full 30-day periods at the default 20% per period, tabled for the first 64 periods. */
const DECAY_BASE = 1 - 20 / 100;
const TABLED_STEPS = 64;
const DECAY = Float64Array.from({ length: TABLED_STEPS }, (_, k) => Math.pow(DECAY_BASE, k));

/** Capped points of every combination of signal bits, from the default weights written out (bit c = column c). */
const pointsTable = (weights: number[], cap: number): Float64Array =>
  Float64Array.from({ length: 1 << weights.length }, (_, mask) => {
    const points = weights.reduce((sum, weight, bit) => (mask & (1 << bit) ? sum + weight : sum), 0);
    return points < 0 ? 0 : points > cap ? cap : points;
  });
const FIT_POINTS = pointsTable([15, 10, 10, 5, 10], 50);
const INTENT_POINTS = pointsTable([15, 25, 10, 10, 5, 25, -20], 50);
const LOW_BITS = 0x01010101;

/**
 * The DEFAULT rubric (schema defaults: the weights above, caps 50/50, 20% decay every 30 days, MQL at 65
 * combined with 25+ intent, demo/pricing hand-raise) hand-written as one loop with literal constants: the
 * practical speed limit that scoreBatch, which reads the same rules from a Rubric, is measured against.
 * Like scoreBatch it reads four leads per 32-bit load (the columns must start on a word, count a multiple
 * of 4), and its arithmetic order is scoreBatch's, so the outputs are bit-identical (test/benchReference.test.ts).
 */
export function referenceScore(columns: SignalColumns, out: BatchScores, count = columns.form.length): void {
  if (count % 4 !== 0) throw new Error('referenceScore scores whole words: count must be a multiple of 4');
  // Views of length n and the loop test j < n, one value: the JIT can drop the views' bounds checks (as scoreBatch).
  const n = count >>> 2;
  const word = (column: Uint8Array): Uint32Array => new Uint32Array(column.buffer, column.byteOffset, n);
  const c0 = word(columns.employeeBand), c1 = word(columns.industry), c2 = word(columns.revenueBand), c3 = word(columns.geo), c4 = word(columns.techStack);
  const c5 = word(columns.pricingView), c6 = word(columns.demoRequest), c7 = word(columns.secondSession), c8 = word(columns.highIntentContent);
  const c9 = word(columns.webinar), c10 = word(columns.productSignal), c11 = word(columns.unsubscribe);
  const days = columns.daysInactive;
  const forms = columns.form;
  const combinedOut = out.combined;
  const mqlOut = out.mql;
  for (let j = 0; j < n; j++) {
    const fitWord = (c0[j]! & LOW_BITS) | ((c1[j]! & LOW_BITS) << 1) | ((c2[j]! & LOW_BITS) << 2) | ((c3[j]! & LOW_BITS) << 3) | ((c4[j]! & LOW_BITS) << 4);
    const intentWord =
      (c5[j]! & LOW_BITS) | ((c6[j]! & LOW_BITS) << 1) | ((c7[j]! & LOW_BITS) << 2) | ((c8[j]! & LOW_BITS) << 3) | ((c9[j]! & LOW_BITS) << 4) | ((c10[j]! & LOW_BITS) << 5) | ((c11[j]! & LOW_BITS) << 6);
    for (let lane = 0; lane < 4; lane++) {
      const i = (j << 2) | lane;
      const steps = days[i]! / 30;
      // Past the table (over ~5 years idle) the factor is computed, as scoreBatch does; the mix never gets there.
      const factor = steps < TABLED_STEPS ? DECAY[steps | 0]! : Math.pow(DECAY_BASE, Math.floor(steps));
      const fit = FIT_POINTS[(fitWord >>> (lane << 3)) & 0xff]! * factor;
      const intent = INTENT_POINTS[(intentWord >>> (lane << 3)) & 0xff]! * factor;
      const combined = fit + intent;
      combinedOut[i] = combined;
      // Forms 5 and 6 are pricing and demo (FORM_TYPES order): hand-raises that qualify regardless of points.
      mqlOut[i] = (+(combined >= 65) & +(intent >= 25)) | +(forms[i]! >= 5);
    }
  }
}

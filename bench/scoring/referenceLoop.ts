import type { BatchScores, SignalColumns } from '../../src/policies/batchScoring.js';

/** Decay after k full 30-day periods at the default 20% per period, tabled for the first 64 periods. */
const DECAY_BASE = 1 - 20 / 100;
const TABLED_STEPS = 64;
const DECAY = Float64Array.from({ length: TABLED_STEPS }, (_, k) => Math.pow(DECAY_BASE, k));
const PER_STEP = 1 / 30;

/**
 * The DEFAULT rubric (schema defaults: the weights below, caps 50/50, 20% decay every 30 days, MQL at 65
 * combined with 25+ intent, demo/pricing hand-raise) hand-written as one loop with literal constants: the
 * practical speed limit that scoreBatch, which reads the same rules from a Rubric, is measured against.
 * It mirrors scoreBatch's arithmetic order so the outputs are bit-identical (test/benchReference.test.ts).
 */
export function referenceScore(columns: SignalColumns, out: BatchScores, count = columns.form.length): void {
  const { employeeBand: c0, industry: c1, revenueBand: c2, geo: c3, techStack: c4 } = columns;
  const { pricingView: c5, demoRequest: c6, secondSession: c7, highIntentContent: c8, webinar: c9, productSignal: c10, unsubscribe: c11 } = columns;
  const days = columns.daysInactive;
  const forms = columns.form;
  const combinedOut = out.combined;
  const mqlOut = out.mql;
  for (let i = 0; i < count; i++) {
    let fit = 15 * c0[i]! + 10 * c1[i]! + 10 * c2[i]! + 5 * c3[i]! + 10 * c4[i]!;
    let intent = 15 * c5[i]! + 25 * c6[i]! + 10 * c7[i]! + 10 * c8[i]! + 5 * c9[i]! + 25 * c10[i]! + -20 * c11[i]!;
    // Every default fit weight is positive, so fit only needs the upper cap.
    fit = fit > 50 ? 50 : fit;
    intent = intent < 0 ? 0 : intent > 50 ? 50 : intent;
    const step = (days[i]! * PER_STEP) | 0;
    // Past the table (over ~5 years idle) the factor is computed, as scoreBatch does; the mix never gets there.
    const factor = step < TABLED_STEPS ? DECAY[step]! : Math.pow(DECAY_BASE, step);
    fit *= factor;
    intent *= factor;
    const combined = fit + intent;
    combinedOut[i] = combined;
    // Forms 5 and 6 are pricing and demo (FORM_TYPES order): hand-raises that qualify regardless of points.
    mqlOut[i] = (combined >= 65 && intent >= 25) || forms[i]! >= 5 ? 1 : 0;
  }
}

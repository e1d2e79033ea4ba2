import { z } from 'zod';

/** One cut of the historical leads: the ones that passed and how they really converted. */
export const CutRow = z.object({
  /** The MQL threshold (null for the policy as configured). */
  threshold: z.number().nullable(),
  passed: z.number().int(),
  passedShare: z.number(),
  positivesPassed: z.number().int(),
  /** Conversion of passed leads = precision. */
  conversionPassed: z.number().nullable(),
  conversionFiltered: z.number().nullable(),
  /** Share of all converted leads that passed. */
  recall: z.number().nullable(),
  /** conversionPassed / base rate. */
  lift: z.number().nullable(),
});
export type CutRow = z.infer<typeof CutRow>;

export const LiftPoint = z.object({
  /** Share of leads targeted, best scores first. */
  targetedShare: z.number(),
  /** Share of converted leads among them (cumulative gain). */
  gain: z.number(),
  lift: z.number().nullable(),
});
export type LiftPoint = z.infer<typeof LiftPoint>;

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** A cut's row from pass flags and outcomes. */
export function cutRow(threshold: number | null, passed: readonly boolean[], positive: readonly boolean[]): CutRow {
  let passedCount = 0;
  let positivesPassed = 0;
  let positives = 0;
  for (let i = 0; i < passed.length; i++) {
    if (positive[i]) positives++;
    if (passed[i]) {
      passedCount++;
      if (positive[i]) positivesPassed++;
    }
  }
  const n = passed.length;
  const precision = ratio(positivesPassed, passedCount);
  const base = ratio(positives, n);
  return {
    threshold,
    passed: passedCount,
    passedShare: passedCount / n,
    positivesPassed,
    conversionPassed: precision,
    conversionFiltered: ratio(positives - positivesPassed, n - passedCount),
    recall: ratio(positivesPassed, positives),
    // One division, so hand-checkable figures come out exact (3/5 over 4/10 is 1.5, not 1.4999...).
    lift: precision === null || base === null || base === 0 ? null : (positivesPassed * n) / (passedCount * positives),
  };
}

/**
 * Cumulative gain and lift of ranking leads by score, at each tenth of the leads (and every distinct score for
 * the chart). Leads with equal scores cannot be told apart, so inside a tie the gain is interpolated linearly:
 * the expected value under a random order within the tie.
 */
export function liftCurve(scores: readonly number[], positive: readonly boolean[], points = 10): { deciles: LiftPoint[]; steps: LiftPoint[] } {
  const n = scores.length;
  const total = positive.filter(Boolean).length;
  const groups = new Map<number, { leads: number; positives: number }>();
  scores.forEach((score, i) => {
    const group = groups.get(score) ?? { leads: 0, positives: 0 };
    group.leads++;
    if (positive[i]) group.positives++;
    groups.set(score, group);
  });
  const steps: LiftPoint[] = [{ targetedShare: 0, gain: 0, lift: null }];
  let leads = 0;
  let captured = 0;
  for (const [, group] of [...groups.entries()].sort((a, b) => b[0] - a[0])) {
    leads += group.leads;
    captured += group.positives;
    steps.push({ targetedShare: leads / n, gain: total > 0 ? captured / total : 0, lift: total > 0 ? captured / total / (leads / n) : null });
  }
  const deciles = Array.from({ length: points }, (_, k) => {
    const share = (k + 1) / points;
    const upper = steps.findIndex((step) => step.targetedShare >= share - 1e-12);
    const hi = steps[upper]!;
    const lo = steps[Math.max(0, upper - 1)]!;
    const gain = hi.targetedShare === lo.targetedShare ? hi.gain : lo.gain + ((share - lo.targetedShare) / (hi.targetedShare - lo.targetedShare)) * (hi.gain - lo.gain);
    return { targetedShare: share, gain, lift: total > 0 ? gain / share : null };
  });
  return { deciles, steps };
}

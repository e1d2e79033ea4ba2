import { z } from 'zod';
import type { ExportLead } from '../../leads/replay/convert.js';
import { STAGES, type Stage } from '../../leads/replay/mapping.js';

/** A share with its 95% Wilson score interval (sound for small counts and rates near 0 or 1). */
export const Rate = z.object({
  count: z.number().int(),
  of: z.number().int(),
  rate: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
});
export type Rate = z.infer<typeof Rate>;

export const StageRates = z.object({
  /** Leads that reached each stage (a lead that reached a stage reached every earlier one). */
  reached: z.record(z.string(), z.number().int()),
  /** Leads -> the positive stage. */
  leadToPositive: Rate,
  /** MQLs -> the positive stage (the methodology's MQL -> won when positive is won). */
  mqlToPositive: Rate,
});
export type StageRates = z.infer<typeof StageRates>;

export function wilson(count: number, of: number): Rate {
  if (of === 0) return { count, of, rate: null, ci95: null };
  const z95 = 1.959963984540054;
  const p = count / of;
  const denominator = 1 + (z95 * z95) / of;
  const centre = (p + (z95 * z95) / (2 * of)) / denominator;
  const half = (z95 * Math.sqrt((p * (1 - p)) / of + (z95 * z95) / (4 * of * of))) / denominator;
  return { count, of, rate: p, ci95: [Math.max(0, centre - half), Math.min(1, centre + half)] };
}

/** Stage counts and conversion rates of a set of leads with outcomes. */
export function stageRates(leads: readonly ExportLead[], positive: Stage): StageRates {
  const reached = new Array<number>(STAGES.length).fill(0);
  for (const lead of leads) for (let s = 0; s <= (lead.stage ?? -1); s++) reached[s]!++;
  const positiveIndex = STAGES.indexOf(positive);
  return {
    reached: Object.fromEntries(STAGES.map((stage, i) => [stage, reached[i]!])),
    leadToPositive: wilson(reached[positiveIndex]!, leads.length),
    mqlToPositive: wilson(reached[positiveIndex]!, reached[STAGES.indexOf('mql')]!),
  };
}

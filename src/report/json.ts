import type { z } from 'zod';
import { StudySummary } from '../experiment/simulate.js';

/** The documented `simulate --json` shape (README "JSON output"); compare's summary.json adds `deltas`. */
export const SimulateJson = StudySummary.omit({ deltas: true });
export type SimulateJson = z.infer<typeof SimulateJson>;

export function simulateJson(summary: StudySummary): SimulateJson {
  const { deltas: _deltas, ...rest } = summary;
  return rest;
}

/** Stable, human-diffable JSON text: identical input gives byte-identical output. */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

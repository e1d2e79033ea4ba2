import type { StudySummary } from '../experiment/simulate.js';

/** The documented `simulate --json` shape (README "JSON output"); compare adds `deltas`. */
export function simulateJson(summary: StudySummary): Omit<StudySummary, 'deltas'> {
  const { deltas: _deltas, ...rest } = summary;
  return rest;
}

/** Stable, human-diffable JSON text: identical input gives byte-identical output. */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

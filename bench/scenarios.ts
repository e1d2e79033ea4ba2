import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseDocument } from 'yaml';
import { parseScenarioText, type LoadedScenario } from '../src/scenario/load.js';

/** Top-level scenario keys the bench resizes; everything else stays as the file says. */
export interface ScenarioOverrides {
  horizonWeeks?: number;
  warmupWeeks?: number;
  drainDays?: number;
}

/** The scenario file's text with some top-level keys replaced (comments and order kept). */
export function overriddenText(file: string, overrides: ScenarioOverrides): string {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) doc.set(key, value);
  return doc.toString();
}

/** A resized scenario, validated like any file (so it stays inside the schema) and hashed on its new content. */
export function loadResized(file: string, overrides: ScenarioOverrides): LoadedScenario {
  return parseScenarioText(overriddenText(file, overrides), file);
}

/** Leads per week across sources, from the configured weekly volumes. */
export const weeklyLeads = (loaded: LoadedScenario): number =>
  Object.values(loaded.scenario.sources).reduce((sum, source) => sum + source.weeklyVolume, 0);

/** The same scenario under another cache key, so runReplication builds its world and policies again. */
export const freshCopy = (loaded: LoadedScenario, tag: string): LoadedScenario => ({ ...loaded, hash: `${loaded.hash}/bench/${tag}` });

/** A resized scenario written to a temporary file, for the worker pool (workers read the scenario as text). */
export function temporaryScenario(file: string, overrides: ScenarioOverrides): { file: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-'));
  const path = join(dir, basename(file));
  writeFileSync(path, overriddenText(file, overrides));
  return { file: path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

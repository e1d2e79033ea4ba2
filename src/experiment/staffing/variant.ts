import { basename, dirname, join, resolve } from 'node:path';
import { parseScenarioText, type LoadedScenario } from '../../scenario/load.js';
import { withSeed } from '../simulate.js';

/** A scenario that differs from the user's file only in pod counts (and optionally added policies). */
export interface ScenarioVariant {
  /** Where the variant would live: beside the original, so `extends` and custom policy modules resolve the same way. */
  file: string;
  /** The user's scenario file it overrides: problems are reported against it, not the variant's name. */
  source: string;
  /** What workers parse: `extends: <original>` plus the overrides; never written to disk. */
  text: string;
  loaded: LoadedScenario;
  team: Record<string, number>;
}

/**
 * Builds the variant as an override of the original file and validates it here, so workers (which parse the
 * text themselves) and this thread agree on it, and its hash keys their caches apart from other headcounts.
 */
export function scenarioVariant(base: LoadedScenario, team: Record<string, number>, policies: Record<string, unknown> = {}, seed?: number): ScenarioVariant {
  const original = resolve(base.file);
  const file = join(dirname(original), `.${basename(original)}.staff.yaml`);
  const override = {
    extends: `./${basename(original)}`,
    team: Object.fromEntries(Object.entries(team).map(([pod, count]) => [pod, { count }])),
    ...(Object.keys(policies).length === 0 ? {} : { policies }),
  };
  // JSON is YAML, and keeps any pod or policy name quoted exactly.
  const text = `# handoff staff: ${basename(original)} with ${Object.entries(team).map(([pod, count]) => `${pod}=${count}`).join(', ')}\n${JSON.stringify(override)}\n`;
  return { file, source: base.file, text, loaded: withSeed(parseScenarioText(text, file), seed), team: { ...team } };
}

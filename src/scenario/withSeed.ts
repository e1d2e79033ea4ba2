import { UsageError } from '../errors.js';
import { scenarioHash, type LoadedScenario } from './load.js';
import { Seed } from './schema/scenario.js';

/** Refuses a --seed the scenario schema would refuse in a file, naming the flag. */
export function checkSeed(seed: number): void {
  if (!Seed.safeParse(seed).success) throw new UsageError(`--seed must be a whole number from 0 to 4294967295 (got ${seed})`);
}

/** The scenario with a different seed (the hash changes with it). */
export function withSeed(loaded: LoadedScenario, seed: number | undefined): LoadedScenario {
  if (seed !== undefined) checkSeed(seed);
  if (seed === undefined || seed === loaded.scenario.seed) return loaded;
  const scenario = { ...loaded.scenario, seed };
  return { ...loaded, scenario, hash: scenarioHash(scenario, loaded.file) };
}

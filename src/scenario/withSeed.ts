import { scenarioHash, type LoadedScenario } from './load.js';

/** The scenario with a different seed (the hash changes with it). */
export function withSeed(loaded: LoadedScenario, seed: number | undefined): LoadedScenario {
  if (seed === undefined || seed === loaded.scenario.seed) return loaded;
  const scenario = { ...loaded.scenario, seed };
  return { ...loaded, scenario, hash: scenarioHash(scenario) };
}

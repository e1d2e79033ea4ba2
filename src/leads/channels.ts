import type { Scenario } from '../scenario/schema/scenario.js';

/** The channel each source's credit goes to, in source order: its `channel` label, else its name (several may share one). */
export const channelOfSources = (sources: Scenario['sources']): string[] => Object.entries(sources).map(([name, source]) => source.channel ?? name);

import { LeadStore } from '../../src/engine/leadStore.js';
import { World } from '../../src/engine/world.js';
import { AttributeGenerator } from '../../src/leads/attributes.js';
import { SIGNALS } from '../../src/leads/fields.js';
import type { SignalColumns } from '../../src/policies/batchScoring.js';
import { cumulativeWeights, pickIndex } from '../../src/random/distributions.js';
import { ReplicationStreams } from '../../src/random/streams.js';
import type { LoadedScenario } from '../../src/scenario/load.js';

/** One set of leads in both layouts: the engine's lead store (per-lead API) and signal columns (batch API). */
export interface LeadMix {
  count: number;
  store: LeadStore;
  columns: SignalColumns;
  sourceNames: string[];
  zoneNames: string[];
}

/**
 * Draws `count` leads with the engine's own attribute generator, sources mixed by weekly volume, so the
 * scoring bench sees the signal, form and inactivity mix a real run scores rather than uniform noise.
 */
export function leadMix(loaded: LoadedScenario, count: number, seed = 7): LeadMix {
  const scenario = loaded.scenario;
  const world = new World(scenario);
  const sources = Object.values(scenario.sources);
  const generators = sources.map(
    (source, index) => new AttributeGenerator(source, index, world.sourceZones[index]!.indexes, world.sourceZones[index]!.weights, scenario.prospect.quality),
  );
  const sourceOdds = cumulativeWeights(sources.map((source) => source.weeklyVolume));
  const streams = new ReplicationStreams(seed, 0);
  const pickSource = streams.stream('arrivals', 'bench-mix');
  const attributes = streams.stream('attributes', 'bench-mix');
  const store = new LeadStore(count);
  for (let i = 0; i < count; i++) {
    const slot = store.allocate();
    store.ordinal[slot] = i;
    generators[pickIndex(sourceOdds, pickSource.next() * sourceOdds[sourceOdds.length - 1]!)]!.draw(store, slot, attributes);
  }
  return { count, store, columns: columnsOf(store, count), sourceNames: world.sourceNames, zoneNames: world.zones };
}

/** Splits the packed signal bits into one 0/1 column per signal (the layout batch scoring reads). */
export function columnsOf(store: LeadStore, count: number): SignalColumns {
  const bitColumns = SIGNALS.map((_, bit) => {
    const column = new Uint8Array(count);
    for (let i = 0; i < count; i++) column[i] = (store.signals[i]! >>> bit) & 1;
    return column;
  });
  const bySignal = Object.fromEntries(SIGNALS.map((signal, bit) => [signal, bitColumns[bit]!])) as Record<(typeof SIGNALS)[number], Uint8Array>;
  return { ...bySignal, daysInactive: store.daysInactive.slice(0, count), form: store.form.slice(0, count) };
}

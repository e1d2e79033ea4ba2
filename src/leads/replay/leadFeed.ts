import { World } from '../../engine/world.js';
import { LeadFlag, LeadStore } from '../../engine/leadStore.js';
import { ReplicationStreams } from '../../random/streams.js';
import { AttributeGenerator } from '../attributes.js';
import type { Scenario } from '../../scenario/schema/scenario.js';
import type { FeedRecord, LeadFeed } from '../feed.js';
import type { ReplayFrame } from './frame.js';
import { QualityModel } from './quality.js';

/** Replays a prepared, time-ordered list of records; a new feed per replication, the list can be shared. */
export class ArrayLeadFeed implements LeadFeed {
  private position = 0;

  constructor(private readonly records: readonly FeedRecord[]) {}

  next(): FeedRecord | null {
    return this.position < this.records.length ? this.records[this.position++]! : null;
  }
}

/** Per-source models replay draws from; built once per study (QualityModel memoizes its posteriors). */
export interface ReplayModels {
  world: World;
  generators: AttributeGenerator[];
  qualities: QualityModel[];
}

export function replayModels(scenario: Scenario, world: World = new World(scenario)): ReplayModels {
  const sources = Object.values(scenario.sources);
  return {
    world,
    generators: sources.map((source, index) => new AttributeGenerator(source, index, world.sourceZones[index]!.indexes, world.sourceZones[index]!.weights, scenario.prospect.quality)),
    qualities: sources.map((source) => new QualityModel(source, scenario.prospect.quality)),
  };
}

/**
 * The records of one replication: arrival time, source and every field the export has come from the export;
 * fields it lacks come from the scenario source's attribute generator, and the hidden quality is drawn given the
 * lead's form and signals (QualityModel). Draws use the replication's own stream, so replication r is the same
 * under every policy (common random numbers) and changes from one replication to the next.
 */
export function feedRecords(frame: ReplayFrame, replication: number, models: ReplayModels = replayModels(frame.loaded.scenario)): FeedRecord[] {
  const { world, generators, qualities } = models;
  const scenario = frame.loaded.scenario;
  const random = new ReplicationStreams(scenario.seed, replication).stream('attributes', 'replay');
  const store = new LeadStore(1);
  return frame.leads.map((lead, i): FeedRecord => {
    const source = frame.sourceIndex[i]!;
    const slot = store.allocate();
    generators[source]!.draw(store, slot, random);
    const form = lead.form ?? store.form[slot]!;
    const signals = lead.signals ?? store.signals[slot]!;
    const flags = store.flags[slot]!;
    const record: FeedRecord = {
      minutes: frame.minutes[i]!,
      source,
      form,
      signals,
      acv: lead.acv ?? store.acv[slot]!,
      daysInactive: lead.daysInactive ?? store.daysInactive[slot]!,
      timeZone: lead.timeZone ?? world.zones[store.timeZone[slot]!]!,
      namedAccount: lead.namedAccount ?? (flags & LeadFlag.NamedAccount) !== 0,
      activeOutbound: lead.activeOutbound ?? (flags & LeadFlag.ActiveOutbound) !== 0,
      quality: qualities[source]!.sample(form, signals, random.next(), random.next(), random.next()),
    };
    store.release(slot);
    return record;
  });
}

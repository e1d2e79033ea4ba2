import { stringify } from 'yaml';
import { HandoffSimulation } from '../../engine/simulation.js';
import { World } from '../../engine/world.js';
import type { Counts } from '../../metrics/collector.js';
import { buildPolicySet } from '../../policies/registry.js';
import type { PolicySet } from '../../policies/types.js';
import { parseScenarioText } from '../../scenario/load.js';
import type { ScenarioInput } from '../../scenario/schema/scenario.js';
import type { Stage } from '../../leads/replay/mapping.js';

/** A count out of a denominator, pooled over the tuning replications. */
export interface Tally {
  count: number;
  of: number;
}

/** What one tuning evaluation measured, pooled over its replications. */
export interface Evaluation {
  /** Leads -> positive stage. */
  leads: Tally;
  /** Distinct MQL leads -> positive stage (null when the engine does not count the stage per lead source). */
  mqls: Tally | null;
  /** Per source: distinct MQL leads -> positive stage (empty when not counted per source). */
  sources: Map<string, Tally>;
}

export type FunnelBases = Record<string, { base: number }>;

const COUNT_OF_STAGE: Partial<Record<Stage, keyof Counts>> = { sal: 'sal', sql: 'sql', opportunity: 'opportunities', won: 'won' };
/** The engine counts these stages per lead source (ReplicationResult.sources). */
const SOURCE_COUNT_OF_STAGE: Partial<Record<Stage, 'sql' | 'won'>> = { sql: 'sql', won: 'won' };

/** True when per-source conversion to `positive` can be simulated (the engine counts it by source). */
export const countedBySource = (positive: Stage): boolean => SOURCE_COUNT_OF_STAGE[positive] !== undefined;

/**
 * Simulates a draft scenario with a given funnel and per-source quality shifts, in-process, on fixed
 * replications (common random numbers: every evaluation sees the same arrivals and draws, so differences
 * between evaluations come from the parameters alone). Neither changes arrivals, so one World serves all.
 */
export class TuningRunner {
  private constructor(
    private readonly draft: ScenarioInput,
    private readonly file: string,
    private readonly positive: Stage,
    readonly replications: number,
    private readonly world: World,
    private readonly policies: PolicySet,
  ) {}

  static async create(draft: ScenarioInput, file: string, positive: Stage, replications: number): Promise<TuningRunner | null> {
    if (COUNT_OF_STAGE[positive] === undefined) return null;
    const base = parseScenarioText(stringify(draft), file);
    const policies = await buildPolicySet('current', base.scenario.policies.current!, file);
    return new TuningRunner(draft, file, positive, replications, new World(base.scenario), policies);
  }

  /** The draft with this funnel and these quality shifts (sources not named keep theirs). */
  scenarioWith(funnel: FunnelBases | undefined, shifts: ReadonlyMap<string, number>): ScenarioInput {
    const sources = Object.fromEntries(Object.entries(this.draft.sources).map(([name, source]) => [name, shifts.has(name) ? { ...source, qualityShift: shifts.get(name)! } : source]));
    return { ...this.draft, sources, prospect: funnel === undefined ? (this.draft.prospect ?? {}) : { ...this.draft.prospect, funnel } };
  }

  /** Yields to the event loop between replications, so Ctrl-C is handled during a calibration. */
  async evaluate(funnel: FunnelBases | undefined, shifts: ReadonlyMap<string, number>): Promise<Evaluation> {
    const loaded = parseScenarioText(stringify(this.scenarioWith(funnel, shifts)), this.file);
    const total = COUNT_OF_STAGE[this.positive]!;
    const bySource = SOURCE_COUNT_OF_STAGE[this.positive];
    const leads: Tally = { count: 0, of: 0 };
    const mqls: Tally = { count: 0, of: 0 };
    const sources = new Map<string, Tally>();
    for (let replication = 0; replication < this.replications; replication++) {
      await new Promise(setImmediate);
      const config = loaded.scenario.policies.current!;
      const result = new HandoffSimulation({ scenario: loaded.scenario, world: this.world, policies: this.policies, policyConfig: config, replication }).run();
      leads.count += result.counts[total];
      leads.of += result.counts.leads;
      mqls.count += result.counts[total];
      mqls.of += result.counts.mqls - result.counts.recycledMqls;
      if (bySource === undefined) continue;
      for (const source of result.sources) {
        const tally = sources.get(source.name) ?? { count: 0, of: 0 };
        tally.count += source[bySource];
        tally.of += source.mqls;
        sources.set(source.name, tally);
      }
    }
    return { leads, mqls: bySource === undefined ? null : mqls, sources };
  }
}

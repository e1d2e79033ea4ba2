import { HandoffSimulation, type TraceEvent } from '../engine/simulation.js';
import { World } from '../engine/world.js';
import type { ReplicationResult } from '../metrics/result.js';
import { buildPolicySet } from '../policies/registry.js';
import type { PolicySet } from '../policies/types.js';
import type { LoadedScenario } from '../scenario/load.js';
import { UsageError } from '../errors.js';
import type { LeadFeed } from '../leads/feed.js';

/** Per-process caches: a worker building the world once serves every replication it runs. */
const worlds = new Map<string, World>();
const policySets = new Map<string, Promise<PolicySet>>();

export function worldOf(loaded: LoadedScenario): World {
  let world = worlds.get(loaded.hash);
  if (world === undefined) {
    world = new World(loaded.scenario);
    worlds.set(loaded.hash, world);
  }
  return world;
}

export function policySetOf(loaded: LoadedScenario, policyName: string): Promise<PolicySet> {
  const config = Object.hasOwn(loaded.scenario.policies, policyName) ? loaded.scenario.policies[policyName] : undefined;
  if (config === undefined) {
    throw new UsageError(`policy "${policyName}" is not defined in ${loaded.file}; defined: ${Object.keys(loaded.scenario.policies).join(', ')}`);
  }
  const key = `${loaded.hash}/${policyName}`;
  let set = policySets.get(key);
  if (set === undefined) {
    set = buildPolicySet(policyName, config, loaded.file);
    policySets.set(key, set);
  }
  return set;
}

export interface ReplicationOptions {
  /** Wall-clock budget for this replication (ms since epoch at which it stops cleanly). */
  deadlineMs?: number;
  trace?: (event: TraceEvent) => void;
  /** Replay a real export instead of the synthetic lead stream. */
  leadFeed?: LeadFeed;
}

/** Runs replication `replication` of one policy; its seeds depend only on the scenario seed and `replication`. */
export async function runReplication(loaded: LoadedScenario, policyName: string, replication: number, options: ReplicationOptions = {}): Promise<ReplicationResult> {
  const policies = await policySetOf(loaded, policyName);
  const simulation = new HandoffSimulation({
    scenario: loaded.scenario,
    world: worldOf(loaded),
    policies,
    policyConfig: loaded.scenario.policies[policyName]!,
    replication,
    ...(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs }),
    ...(options.trace === undefined ? {} : { trace: options.trace }),
    ...(options.leadFeed === undefined ? {} : { leadFeed: options.leadFeed }),
  });
  return simulation.run();
}

import type { Policy } from '../scenario/schema/policy.js';
import { spacedCadence } from './cadence.js';
import { loadCustomPolicy, type PolicyKind } from './custom.js';
import { tierRouting } from './routing.js';
import { rubricScoring } from './scoring.js';
import { targetSla } from './sla.js';
import type { CadencePolicy, PolicySet, RoutingPolicy, ScoringPolicy, SlaPolicy } from './types.js';

/** Builds the four policy objects of a named scenario policy: built-ins, or custom modules where named. */
export async function buildPolicySet(policyName: string, config: Policy, scenarioFile: string): Promise<PolicySet> {
  const custom = async <T>(kind: PolicyKind, block: { module?: string | undefined; options?: Record<string, unknown> | undefined }, builtin: () => T): Promise<T> =>
    block.module === undefined ? builtin() : loadCustomPolicy<T>({ scenarioFile, policyName, kind, modulePath: block.module }, block.options, block);
  const scoring = await custom<ScoringPolicy>('scoring', config.scoring, () => rubricScoring(config.scoring));
  const routing = await custom<RoutingPolicy>('routing', config.routing, () => tierRouting(config.routing));
  if (!Array.isArray(routing.tiers)) (routing as { tiers: unknown }).tiers = config.routing.tiers;
  const sla = await custom<SlaPolicy>('sla', config.sla, () => targetSla(config.sla, config.routing.namedAccounts.slaMinutes));
  const cadence = await custom<CadencePolicy>('cadence', config.cadence, () => spacedCadence(config.cadence));
  return { name: policyName, scoring, routing, sla, cadence };
}

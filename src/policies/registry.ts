import { InputError } from '../errors.js';
import { Tiers, type Policy, type Tier } from '../scenario/schema/policy.js';
import { zodProblems } from '../scenario/zodProblems.js';
import { spacedCadence } from './cadence.js';
import { checkedCadence, checkedRouting, checkedScoring, checkedSla } from './checked.js';
import { loadCustomPolicy, type PolicyKind } from './custom.js';
import { tierRouting } from './routing.js';
import { rubricScoring } from './scoring.js';
import { targetSla } from './sla.js';
import type { CadencePolicy, PolicySet, RoutingPolicy, ScoringPolicy, SlaPolicy } from './types.js';

/** Tiers a routing module declares pass the scenario's own tier schema (defaults filled), or the module is refused at load. */
function moduleTiers(tiers: unknown, scenarioFile: string, policyName: string, modulePath: string): Tier[] {
  const parsed = Tiers.safeParse(tiers, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problems = zodProblems(parsed.error.issues, Tiers).map((problem) => ({
    path: `policies.${policyName}.routing.module`,
    message: `${modulePath}: tiers${problem.path === '' ? '' : `.${problem.path}`}: ${problem.message}`,
    fix: problem.fix ?? 'each tier is { name, when, role, sla, cadence }, as in a scenario file (see Policies in the README)',
  }));
  throw new InputError(scenarioFile, problems);
}

/** Builds the four policy objects of a named scenario policy: built-ins, or custom modules where named. */
export async function buildPolicySet(policyName: string, config: Policy, scenarioFile: string): Promise<PolicySet> {
  const custom = async <T>(kind: PolicyKind, block: { module?: string | undefined; options?: Record<string, unknown> | undefined }, builtin: () => T, check: (policy: T) => T): Promise<T> =>
    block.module === undefined ? builtin() : check(await loadCustomPolicy<T>({ scenarioFile, policyName, kind, modulePath: block.module }, block.options, block));
  const scoring = await custom<ScoringPolicy>('scoring', config.scoring, () => rubricScoring(config.scoring), checkedScoring);
  const routing = await custom<RoutingPolicy>(
    'routing',
    config.routing,
    () => tierRouting(config.routing),
    (policy) => {
      // A custom router may reuse the scenario's tiers instead of declaring its own; the module object is not modified.
      return checkedRouting(policy, policy.tiers === undefined ? config.routing.tiers : moduleTiers(policy.tiers, scenarioFile, policyName, config.routing.module!));
    },
  );
  const sla = await custom<SlaPolicy>('sla', config.sla, () => targetSla(config.sla, config.routing.namedAccounts.slaMinutes), checkedSla);
  const cadence = await custom<CadencePolicy>('cadence', config.cadence, () => spacedCadence(config.cadence), checkedCadence);
  return { name: policyName, scoring, routing, sla, cadence };
}

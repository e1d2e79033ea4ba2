import { UsageError } from '../errors.js';
import type { ReplicationResult } from '../metrics/result.js';
import type { LoadedScenario } from '../scenario/load.js';
import { withSeed } from '../scenario/withSeed.js';
import { z } from 'zod';
import { PolicyDeltas, PolicySummary, policyDeltas, summarizePolicy } from './aggregate.js';
import { runReplication } from './runReplication.js';

export interface StudyOptions {
  /** Policies to run, baseline first; default: every policy in the scenario, in file order. */
  policies?: string[];
  replications?: number;
  seed?: number;
  /** Called after each finished replication (progress reporting). */
  onResult?: (result: ReplicationResult) => void;
}

export const StudySummary = z.object({
  scenario: z.string(),
  seed: z.number().int(),
  replications: z.number().int(),
  policies: z.array(PolicySummary),
  /** Each challenger against the first (baseline) policy; empty with one policy. */
  deltas: z.array(PolicyDeltas),
});
export type StudySummary = z.infer<typeof StudySummary>;

export interface Study {
  summary: StudySummary;
  /** Every replication's raw result, by policy, in replication order. */
  results: Map<string, ReplicationResult[]>;
  loaded: LoadedScenario;
}

export { withSeed };

export function resolvePolicies(loaded: LoadedScenario, requested: string[] | undefined): string[] {
  const defined = Object.keys(loaded.scenario.policies);
  const names = requested === undefined || requested.length === 0 ? defined : requested;
  const unknown = names.filter((name) => !defined.includes(name));
  if (unknown.length > 0) throw new UsageError(`policy ${unknown.map((n) => `"${n}"`).join(', ')} is not defined in ${loaded.file}; defined: ${defined.join(', ')}`);
  if (new Set(names).size !== names.length) throw new UsageError(`policy list has duplicates: ${names.join(', ')}`);
  return names;
}

/** Runs R replications of each policy in this process and summarises them (the worker-pool version is in compare). */
export async function runStudyInProcess(source: LoadedScenario, options: StudyOptions = {}): Promise<Study> {
  const loaded = withSeed(source, options.seed);
  const policies = resolvePolicies(loaded, options.policies);
  const replications = options.replications ?? loaded.scenario.replications;
  const results = new Map<string, ReplicationResult[]>();
  for (const policy of policies) {
    const list: ReplicationResult[] = [];
    for (let replication = 0; replication < replications; replication++) {
      const result = await runReplication(loaded, policy, replication);
      options.onResult?.(result);
      list.push(result);
    }
    results.set(policy, list);
  }
  return { summary: summarize(loaded, policies, replications, results), results, loaded };
}

export function summarize(
  loaded: LoadedScenario,
  policies: string[],
  replications: number,
  results: Map<string, ReplicationResult[]>,
  failures: readonly { policy: string; replication: number; error: string }[] = [],
): StudySummary {
  const baseline = policies[0]!;
  const failedOf = (policy: string) => failures.filter((f) => f.policy === policy).map(({ replication, error }) => ({ replication, error }));
  return {
    scenario: loaded.scenario.name,
    seed: loaded.scenario.seed,
    replications,
    policies: policies.map((policy) => summarizePolicy(policy, results.get(policy)!, failedOf(policy), loaded.scenario.policies[policy]!.routing.tiers.map((tier) => tier.name))),
    deltas: policies.slice(1).map((policy) => policyDeltas(baseline, results.get(baseline)!, policy, results.get(policy)!)),
  };
}

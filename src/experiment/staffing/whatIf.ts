import { deriveMetrics } from '../../metrics/derive.js';
import type { ReplicationResult } from '../../metrics/result.js';
import type { LoadedScenario } from '../../scenario/load.js';
import type { Policy } from '../../scenario/schema/policy.js';
import { intervalOf, meanOf, meanOfPresent, pairedInterval, targetValue } from './measure.js';
import { statsAt } from './points.js';
import type { Window, WhatIfLabel, WhatIfRow } from './schema.js';
import type { StaffTarget } from './target.js';

/** The surge settings each what-if stands for (handoff-sla-methodology.txt, edge case 5). */
const SURGE_OVERRIDES: Record<WhatIfLabel, { enabled: boolean; overflow: boolean; highIntentOnly: boolean }> = {
  'surge protocol off': { enabled: false, overflow: false, highIntentOnly: false },
  'surge protocol on': { enabled: true, overflow: false, highIntentOnly: false },
  'surge protocol + overflow AEs': { enabled: true, overflow: true, highIntentOnly: false },
  'surge protocol + high-intent-only': { enabled: true, overflow: false, highIntentOnly: true },
};
export const WHAT_IF_LABELS = Object.keys(SURGE_OVERRIDES) as WhatIfLabel[];
const DERIVED_NAMES: Record<WhatIfLabel, string> = {
  'surge protocol off': 'staff-surge-off',
  'surge protocol on': 'staff-surge-on',
  'surge protocol + overflow AEs': 'staff-surge-overflow',
  'surge protocol + high-intent-only': 'staff-surge-high-intent-only',
};

export function whatIfLabelOf(policy: Policy): WhatIfLabel | undefined {
  const surge = policy.sla.surge;
  const wanted = { enabled: surge.enabled, overflow: surge.enabled && surge.overflow, highIntentOnly: surge.enabled && surge.highIntentOnly };
  return WHAT_IF_LABELS.find((label) => {
    const spec = SURGE_OVERRIDES[label];
    return spec.enabled === wanted.enabled && spec.overflow === wanted.overflow && spec.highIntentOnly === wanted.highIntentOnly;
  });
}

export interface WhatIfPolicy {
  label: WhatIfLabel;
  policy: string;
  source: 'scenario' | 'derived';
  description: string;
}

/**
 * One policy per what-if: the searched policy when it is that case, else the scenario's first policy that is,
 * else the searched policy with only sla.surge changed (added to the variant scenario under a new name).
 */
export function whatIfPolicies(loaded: LoadedScenario, searched: string): { policies: WhatIfPolicy[]; derived: Record<string, unknown> } {
  const defined = loaded.scenario.policies;
  const derived: Record<string, unknown> = {};
  const policies = WHAT_IF_LABELS.map((label): WhatIfPolicy => {
    const own = [searched, ...Object.keys(defined)].find((name) => whatIfLabelOf(defined[name]!) === label);
    if (own !== undefined) return { label, policy: own, source: 'scenario', description: defined[own]!.description ?? label };
    let name = DERIVED_NAMES[label];
    while (name in defined) name = `${name}-2`;
    derived[name] = { extends: searched, description: `${searched} with ${label}`, sla: { surge: SURGE_OVERRIDES[label] } };
    return { label, policy: name, source: 'derived', description: `${searched} with only sla.surge changed: ${label}` };
  });
  return { policies, derived };
}

/** One what-if row: the targets, pipeline and cost, each against the searched policy on the same replications. */
export function whatIfRow(spec: WhatIfPolicy, results: ReplicationResult[], baseline: ReplicationResult[], targets: StaffTarget[], window: Window, confidence: number): WhatIfRow {
  const stats = statsAt(results, targets, window, confidence);
  const values = (list: ReplicationResult[], target: StaffTarget) => list.map((result) => targetValue(result, target, window));
  return {
    ...spec,
    targets: stats.map((entry, index) => ({ ...entry, vsBaseline: spec.policy === baseline[0]?.policy ? null : pairedInterval(values(baseline, targets[index]!), values(results, targets[index]!)) })),
    pipeline: {
      ...intervalOf(results.map((result) => result.pipeline)),
      vsBaseline: spec.policy === baseline[0]?.policy ? null : pairedInterval(baseline.map((result) => result.pipeline), results.map((result) => result.pipeline)),
    },
    openRepHours: meanOf(results.map((result) => result.openRepHours)),
    utilizationByRole: {
      sdr: meanOfPresent(results.map((result) => result.utilizationByRole.sdr)),
      ae: meanOfPresent(results.map((result) => result.utilizationByRole.ae)),
    },
    surgeHeldShare: meanOfPresent(results.map((result) => deriveMetrics(result).surgeHeldShare)),
  };
}

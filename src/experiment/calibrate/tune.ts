import { stringify } from 'yaml';
import { HandoffSimulation } from '../../engine/simulation.js';
import { World } from '../../engine/world.js';
import type { Counts } from '../../metrics/collector.js';
import { buildPolicySet } from '../../policies/registry.js';
import { parseScenarioText, type LoadedScenario } from '../../scenario/load.js';
import { Prospect } from '../../scenario/schema/prospect.js';
import type { ScenarioInput } from '../../scenario/schema/scenario.js';
import type { Stage } from '../../leads/replay/mapping.js';

/** Funnel steps after contact, in order, and the stage each one reaches. */
const FUNNEL_STEPS = [
  { step: 'accept', stage: 'sal' },
  { step: 'sql', stage: 'sql' },
  { step: 'opportunity', stage: 'opportunity' },
  { step: 'won', stage: 'won' },
] as const;
type FunnelStep = (typeof FUNNEL_STEPS)[number]['step'];

const COUNT_OF_STAGE: Partial<Record<Stage, keyof Counts>> = { sal: 'sal', sql: 'sql', opportunity: 'opportunities', won: 'won' };
const MAX_EVALUATIONS = 10;
const logit = (p: number): number => Math.log(p / (1 - p));
const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

export interface FunnelTuning {
  /** Funnel steps shifted (every step up to the positive stage). */
  steps: FunnelStep[];
  /** Log-odds added to each step's base probability. */
  shift: number;
  funnel: Record<string, { base: number }>;
  target: number;
  /** Simulated leads -> positive stage at the chosen shift, pooled over the replications. */
  simulated: number;
  simulatedCount: number;
  simulatedLeads: number;
  replications: number;
  evaluations: number;
  /** False when even the widest shift could not reach the target (speed and reach cap conversion). */
  reached: boolean;
}

/**
 * Finds the common log-odds shift of the post-contact funnel that makes the simulated leads -> positive rate
 * equal the export's. One parameter, because an export shows the end rate, not where leads were lost. The
 * simulation is monotone in the shift and uses the same seeds at every step (common random numbers), so a
 * bracketed secant search converges in a few evaluations.
 */
export async function tuneFunnel(draft: ScenarioInput, file: string, positive: Stage, target: number, tolerance: number, replications: number): Promise<FunnelTuning | null> {
  const positiveCount = COUNT_OF_STAGE[positive];
  if (positiveCount === undefined) return null;
  const last = FUNNEL_STEPS.findIndex((entry) => entry.stage === positive);
  const steps = FUNNEL_STEPS.slice(0, last + 1).map((entry) => entry.step);
  const defaults = Prospect.parse({}).funnel;
  const funnelAt = (shift: number): Record<string, { base: number }> =>
    Object.fromEntries(steps.map((step) => [step, { base: Number(Math.min(0.9999, Math.max(0.0001, logistic(logit(defaults[step].base) + shift))).toPrecision(4)) }]));
  const base = parseScenarioText(stringify(draft), file);
  const world = new World(base.scenario);
  const policies = await buildPolicySet('current', base.scenario.policies.current!, file);
  const evaluate = (shift: number): { rate: number; count: number; leads: number } => {
    const loaded: LoadedScenario = parseScenarioText(stringify({ ...draft, prospect: { funnel: funnelAt(shift) } }), file);
    let count = 0;
    let leads = 0;
    for (let replication = 0; replication < replications; replication++) {
      // Only prospect parameters change between evaluations, so one World serves them all.
      const result = new HandoffSimulation({ scenario: loaded.scenario, world, policies, policyConfig: loaded.scenario.policies.current!, replication }).run();
      count += result.counts[positiveCount];
      leads += result.counts.leads;
    }
    return { rate: leads > 0 ? count / leads : 0, count, leads };
  };
  const clampLogit = (rate: number, leads: number): number => logit(Math.min(1 - 0.5 / leads, Math.max(0.5 / leads, rate)));
  const goal = logit(target);
  let evaluations = 0;
  const measure = (shift: number) => {
    evaluations++;
    const outcome = evaluate(shift);
    return { shift, ...outcome, gap: clampLogit(outcome.rate, Math.max(1, outcome.leads)) - goal };
  };
  let best = measure(0);
  let low: ReturnType<typeof measure> | null = best.gap < 0 ? best : null;
  let high: ReturnType<typeof measure> | null = best.gap >= 0 ? best : null;
  let previous = best;
  let next = -best.gap;
  while (evaluations < MAX_EVALUATIONS && Math.abs(best.rate - target) > tolerance) {
    if (low !== null && high !== null && !(next > low.shift && next < high.shift)) next = (low.shift + high.shift) / 2;
    next = Math.max(-8, Math.min(8, next));
    const point = measure(next);
    if (Math.abs(point.rate - target) < Math.abs(best.rate - target)) best = point;
    if (point.gap < 0) low = point;
    else high = point;
    if (point.shift === previous.shift || (low === null && point.shift === 8) || (high === null && point.shift === -8)) break;
    const slope = (point.gap - previous.gap) / (point.shift - previous.shift);
    next = slope > 0 ? point.shift - point.gap / slope : point.shift - point.gap;
    previous = point;
  }
  return {
    steps,
    shift: Number(best.shift.toFixed(4)),
    funnel: funnelAt(best.shift),
    target,
    simulated: best.rate,
    simulatedCount: best.count,
    simulatedLeads: best.leads,
    replications,
    evaluations,
    reached: Math.abs(best.rate - target) <= tolerance || (low !== null && high !== null),
  };
}

import { Prospect } from '../../scenario/schema/prospect.js';
import type { Stage } from '../../leads/replay/mapping.js';
import type { Evaluation, FunnelBases, Tally, TuningRunner } from './runner.js';

/** Funnel steps after contact, in order, and the stage each one reaches. */
const FUNNEL_STEPS = [
  { step: 'accept', stage: 'sal' },
  { step: 'sql', stage: 'sql' },
  { step: 'opportunity', stage: 'opportunity' },
  { step: 'won', stage: 'won' },
] as const;
type FunnelStep = (typeof FUNNEL_STEPS)[number]['step'];

const MAX_EVALUATIONS = 10;
const logit = (p: number): number => Math.log(p / (1 - p));
const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
/** Log-odds of a simulated rate, kept finite at 0 and 1 by half a count. */
export const clampedLogit = (tally: Tally): number => logit(Math.min(1 - 0.5 / Math.max(1, tally.of), Math.max(0.5 / Math.max(1, tally.of), tally.of > 0 ? tally.count / tally.of : 0)));

/** Which rate the funnel is tuned on: every lead, or distinct MQL leads (what per-source conversion is measured on). */
export type TuneMeasure = 'leads' | 'mqls';

export interface FunnelTuning {
  /** Funnel steps shifted (every step up to the positive stage). */
  steps: FunnelStep[];
  /** Log-odds added to each step's base probability. */
  shift: number;
  funnel: FunnelBases;
  measure: TuneMeasure;
  target: number;
  /** Simulated rate at the chosen shift, pooled over the replications. */
  simulated: Tally;
  /** Everything measured at the chosen shift (per-source counts start the per-source fit). */
  evaluation: Evaluation;
  replications: number;
  evaluations: number;
  /** False when even the widest shift could not reach the target (speed and reach cap conversion). */
  reached: boolean;
}

/**
 * Finds the common log-odds shift of the post-contact funnel that makes the simulated rate equal the
 * export's. One parameter, because an export shows the end rate, not where leads were lost. The simulation
 * is monotone in the shift and uses the same seeds at every step (common random numbers), so a bracketed
 * secant search converges in a few evaluations.
 */
export async function tuneFunnel(runner: TuningRunner, positive: Stage, measure: TuneMeasure, target: number, tolerance: number): Promise<FunnelTuning | null> {
  const last = FUNNEL_STEPS.findIndex((entry) => entry.stage === positive);
  if (last < 0) return null;
  const steps = FUNNEL_STEPS.slice(0, last + 1).map((entry) => entry.step);
  const defaults = Prospect.parse({}).funnel;
  const funnelAt = (shift: number): FunnelBases =>
    Object.fromEntries(steps.map((step) => [step, { base: Number(Math.min(0.9999, Math.max(0.0001, logistic(logit(defaults[step].base) + shift))).toPrecision(4)) }]));
  const goal = logit(target);
  let evaluations = 0;
  const measureAt = async (shift: number) => {
    evaluations++;
    const evaluation = await runner.evaluate(funnelAt(shift), new Map());
    const tally = measure === 'leads' ? evaluation.leads : evaluation.mqls!;
    const rate = tally.of > 0 ? tally.count / tally.of : 0;
    return { shift, evaluation, tally, rate, gap: clampedLogit(tally) - goal };
  };
  let best = await measureAt(0);
  let low: typeof best | null = best.gap < 0 ? best : null;
  let high: typeof best | null = best.gap >= 0 ? best : null;
  let previous = best;
  let next = -best.gap;
  while (evaluations < MAX_EVALUATIONS && Math.abs(best.rate - target) > tolerance) {
    if (low !== null && high !== null && !(next > low.shift && next < high.shift)) next = (low.shift + high.shift) / 2;
    next = Math.max(-8, Math.min(8, next));
    const point = await measureAt(next);
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
    measure,
    target,
    simulated: best.tally,
    evaluation: best.evaluation,
    replications: runner.replications,
    evaluations,
    reached: Math.abs(best.rate - target) <= tolerance || (low !== null && high !== null),
  };
}

import type { Evaluation, FunnelBases, Tally, TuningRunner } from './runner.js';
import { clampedLogit } from './tune.js';

/** Below this many MQLs in the export a source's own rate is too noisy to fit: such sources share one pooled shift. */
export const MIN_SOURCE_MQLS = 30;
const MAX_EVALUATIONS = 12;
/** The schema's bound on qualityShift. */
const SHIFT_LIMIT = 5;
/** Starting guess of d logit(MQL -> won) / d qualityShift: quality moves every funnel step and reach (slopes 0.4-1.0). */
const DEFAULT_SLOPE = 1.5;
/** One step moves a shift by at most this much, so a flat stretch of the (stepwise) simulated rate cannot fling it away. */
const MAX_STEP = 2;

/** Export MQLs (distinct leads) of one source and how many reached the positive stage. */
export interface SourceTarget {
  name: string;
  count: number;
  of: number;
}

export interface ShiftGroup {
  /** The sources sharing this shift: one, or every source with too few MQLs to fit alone (pooled). */
  sources: string[];
  pooled: boolean;
  /** The export's MQLs -> positive for these sources. */
  target: Tally;
  shift: number;
  /** Simulated MQLs -> positive at the chosen shifts, pooled over the tuning replications. */
  simulated: Tally;
  /** How close counts as fitted (toleranceOf); the fitted sources together are held to the pool's tolerance as well. */
  tolerance: number;
  reached: boolean;
}

export interface SourceShiftFit {
  groups: ShiftGroup[];
  /** Sources left at qualityShift 0 (following the tuned funnel), with the reason. */
  unfitted: { name: string; reason: string }[];
  shifts: Map<string, number>;
  /** Everything measured at the chosen shifts. */
  evaluation: Evaluation;
  evaluations: number;
  reached: boolean;
}

interface GroupState {
  sources: string[];
  pooled: boolean;
  target: Tally;
  /** The rate aimed at: the export's, kept half a count inside 0 and 1 (no finite shift reaches 0 or 100%). */
  aim: number;
  goal: number;
  tolerance: number;
  shift: number;
  slope: number;
  previous: { shift: number; gap: number } | null;
  low: number;
  high: number;
}

const rateOf = (tally: Tally): number => (tally.of > 0 ? tally.count / tally.of : 0);
const sum = (tallies: Tally[]): Tally => tallies.reduce((total, t) => ({ count: total.count + t.count, of: total.of + t.of }), { count: 0, of: 0 });

/**
 * Close enough: a quarter of the export's standard error (at least 0.1 point), far inside its sampling error,
 * or one simulated count when the simulation has so few MQLs that its rate moves in coarser steps (with the
 * same seeds at every evaluation the simulated rate is a step function of the shift).
 */
const aimOf = (target: Tally): number => Math.min(1 - 0.5 / target.of, Math.max(0.5 / target.of, rateOf(target)));

function toleranceOf(target: Tally, simulatedMqls: number): number {
  const p = aimOf(target);
  return Math.max(0.001, 0.25 * Math.sqrt((p * (1 - p)) / target.of), 1 / Math.max(1, simulatedMqls));
}

/** Sources with enough MQLs get their own group; the rest are pooled if the pool has enough, else left out. */
function groupSources(targets: readonly SourceTarget[], start: Evaluation): { groups: GroupState[]; unfitted: SourceShiftFit['unfitted'] } {
  const unfitted: SourceShiftFit['unfitted'] = [];
  const simulable = targets.filter((target) => {
    if ((start.sources.get(target.name)?.of ?? 0) > 0) return true;
    unfitted.push({ name: target.name, reason: 'no simulated MQLs from this source at the tuned funnel' });
    return false;
  });
  const own = simulable.filter((target) => target.of >= MIN_SOURCE_MQLS);
  const small = simulable.filter((target) => target.of < MIN_SOURCE_MQLS);
  const pool = sum(small);
  const sets: { sources: SourceTarget[]; pooled: boolean }[] = own.map((target) => ({ sources: [target], pooled: false }));
  if (small.length > 0 && pool.of >= MIN_SOURCE_MQLS) sets.push({ sources: small, pooled: true });
  else for (const target of small) unfitted.push({ name: target.name, reason: `${target.of} MQLs in the export (${pool.of} in all sources under ${MIN_SOURCE_MQLS}): too few to fit, even pooled` });
  const groups = sets.map(({ sources, pooled }) => {
    const target = sum(sources);
    const simulatedMqls = sum(sources.map((s) => start.sources.get(s.name)!)).of;
    const tolerance = toleranceOf(target, simulatedMqls);
    return { sources: sources.map((s) => s.name), pooled, target, aim: aimOf(target), goal: clampedLogit(target), tolerance, shift: 0, slope: DEFAULT_SLOPE, previous: null, low: -SHIFT_LIMIT, high: SHIFT_LIMIT };
  });
  return { groups, unfitted };
}

/**
 * Fits each source's qualityShift so its simulated MQL -> positive (distinct MQL leads) matches the export's,
 * on top of the tuned funnel. Each source's rate rises with its own shift and barely moves with the others'
 * (they share only the reps' time), so every evaluation simulates all sources at once and each group takes
 * its own bracketed secant step in log-odds: about as many evaluations as one search, not one per source.
 */
export async function fitSourceShifts(runner: Pick<TuningRunner, 'evaluate'>, funnel: FunnelBases, start: Evaluation, targets: readonly SourceTarget[]): Promise<SourceShiftFit> {
  const { groups, unfitted } = groupSources(targets, start);
  const shifts = new Map<string, number>();
  const simulatedOf = (evaluation: Evaluation, group: GroupState): Tally => sum(group.sources.map((name) => evaluation.sources.get(name) ?? { count: 0, of: 0 }));
  const errorOf = (evaluation: Evaluation, group: GroupState): number => rateOf(simulatedOf(evaluation, group)) - group.aim;
  // The fitted sources together must match too: small errors of one sign add up over many sources. Weighted
  // by simulated MQLs, as the simulation pools them (its MQL mix by source need not be the export's).
  const pooledTolerance = toleranceOf(sum(groups.map((group) => group.target)), sum(groups.map((group) => simulatedOf(start, group))).of);
  const pooledError = (evaluation: Evaluation): number => {
    const weights = groups.map((group) => simulatedOf(evaluation, group).of);
    const total = weights.reduce((a, b) => a + b, 0);
    return total > 0 ? groups.reduce((error, group, i) => error + weights[i]! * errorOf(evaluation, group), 0) / total : 0;
  };
  // Worst distance from a target, in tolerances: the evaluation with the smallest is kept.
  const score = (evaluation: Evaluation): number =>
    Math.max(Math.abs(pooledError(evaluation)) / pooledTolerance, ...groups.map((group) => Math.abs(errorOf(evaluation, group)) / group.tolerance));
  let current = start;
  let best = { evaluation: start, shifts: groups.map(() => 0), score: score(start) };
  let evaluations = 0;
  while (best.score > 1 && evaluations < MAX_EVALUATIONS) {
    let moved = false;
    const pooled = pooledError(current);
    for (const group of groups) {
      const simulated = simulatedOf(current, group);
      const error = errorOf(current, group);
      // A group within its tolerance still moves when the pool is off in the same direction as it.
      if (Math.abs(error) <= group.tolerance && !(Math.abs(pooled) > pooledTolerance && error * pooled > 0)) continue;
      const gap = clampedLogit(simulated) - group.goal;
      if (gap < 0) group.low = Math.max(group.low, group.shift);
      else group.high = Math.min(group.high, group.shift);
      // The other groups' moves shift this curve a little; a bracket they invalidated is reopened.
      if (group.low >= group.high) [group.low, group.high] = [-SHIFT_LIMIT, SHIFT_LIMIT];
      if (group.previous !== null && group.shift !== group.previous.shift) {
        const slope = (gap - group.previous.gap) / (group.shift - group.previous.shift);
        if (slope > 0.1 && slope < 10) group.slope = slope;
      }
      group.previous = { shift: group.shift, gap };
      let next = group.shift - Math.max(-MAX_STEP, Math.min(MAX_STEP, gap / group.slope));
      if (!(next > group.low && next < group.high)) next = (Math.max(group.low, -SHIFT_LIMIT) + Math.min(group.high, SHIFT_LIMIT)) / 2;
      // Rounded as the scenario file writes it, so the file simulates exactly what was tuned.
      next = Number(next.toFixed(4));
      if (next !== group.shift) moved = true;
      group.shift = next;
    }
    if (!moved) break;
    for (const group of groups) for (const name of group.sources) shifts.set(name, group.shift);
    current = await runner.evaluate(funnel, shifts);
    evaluations++;
    const value = score(current);
    if (value < best.score) best = { evaluation: current, shifts: groups.map((group) => group.shift), score: value };
  }
  const chosen = new Map<string, number>();
  const fitted = groups.map((group, i): ShiftGroup => {
    const shift = best.shifts[i]!;
    for (const name of group.sources) chosen.set(name, shift);
    const simulated = simulatedOf(best.evaluation, group);
    return { sources: group.sources, pooled: group.pooled, target: group.target, shift, simulated, tolerance: group.tolerance, reached: Math.abs(rateOf(simulated) - group.aim) <= group.tolerance };
  });
  for (const { name } of unfitted) chosen.set(name, 0);
  return { groups: fitted, unfitted, shifts: chosen, evaluation: best.evaluation, evaluations, reached: fitted.every((group) => group.reached) };
}

import { UsageError } from '../../errors.js';
import type { LoadedScenario } from '../../scenario/load.js';
import { analyticTarget, type AnalyticCaps } from './analytic.js';
import { comparisonSentence } from './explain.js';
import { meanOf } from './measure.js';
import type { RolePlan, StaffingPlan } from './plan.js';
import { curvePoint, marginalGains, type EvaluatedPoint, type PointContext } from './points.js';
import type { AnalyticRole, CurvePoint, Marginal, Search } from './schema.js';
import { searchHeadcount } from './search.js';
import type { TeamCache } from './teamCache.js';

export interface RoleOutcome {
  search: Search;
  analytic: AnalyticRole;
  points: EvaluatedPoint[];
  marginal: Marginal[];
  comparison: string;
}

/** Largest headcount searched when --max is not given: room above today's team and twice the formulas' answer. */
const defaultMax = (min: number, current: number, analytic: number | null): number => Math.min(10_000, Math.max(min, 2 * current, current + 10, 2 * (analytic ?? 0)));

/**
 * One role's search: a pilot at today's count (which also measures the arrival rate the formulas need), the
 * analytic estimate as the bracket's start, bracket and bisect, then one rep more than the answer for the
 * marginal view. Other pods stay as `team` has them.
 */
export async function searchRole(loaded: LoadedScenario, plan: StaffingPlan, rolePlan: RolePlan, caps: AnalyticCaps, team: Record<string, number>, cache: TeamCache): Promise<RoleOutcome> {
  const context: PointContext = { role: rolePlan.role, pod: rolePlan.pod, targets: rolePlan.targets, window: plan.window, confidence: plan.confidence };
  const evaluated = new Map<number, EvaluatedPoint>();
  const evaluate = async (headcount: number): Promise<CurvePoint> => {
    const counts = { ...team, [rolePlan.pod]: headcount };
    const { results, order } = await cache.simulate(counts);
    const point = curvePoint(context, counts, results, order);
    evaluated.set(headcount, { point, results });
    return point;
  };
  const pilotCount = Math.min(plan.max ?? Infinity, Math.max(plan.min, rolePlan.current));
  const pilot = await evaluate(pilotCount);
  const empty = pilot.targets.find((stats) => stats.n === 0);
  if (empty !== undefined) {
    const where = plan.window === 'launch' ? 'inside the surge windows of the measured period' : 'in the measured period';
    throw new UsageError(`--target "${empty.target}": no leads of that tier were assigned ${where} in any replication (with ${pilotCount} in pod "${rolePlan.pod}"), so there is nothing to size`);
  }
  const pilotResults = evaluated.get(pilotCount)!.results;
  const analyticFor = (curveMax: number) =>
    rolePlan.targets.map((target) =>
      analyticTarget({
        scenario: loaded.scenario,
        world: plan.world,
        pod: rolePlan.spec,
        target,
        window: plan.window,
        leadsInWindow: meanOf(pilotResults.map((result) => (plan.window === 'launch' ? result.surgeWindowTiers : result.tiers)?.find((tier) => tier.name === target.tier)?.assigned ?? 0)),
        caps,
        curveMax,
      }),
    );
  const method = loaded.scenario.prospect.patience === null ? 'erlang-c' : 'erlang-a';
  const estimates = analyticFor(1);
  const perTarget = estimates.map((estimate) => (method === 'erlang-a' ? estimate.erlangA : estimate.erlangC)?.scheduled ?? null);
  const analyticRecommended = perTarget.some((value) => value === null) ? null : Math.max(...(perTarget as number[]));
  const max = plan.max ?? defaultMax(plan.min, rolePlan.current, analyticRecommended);
  const start = Math.min(max, Math.max(plan.min, analyticRecommended ?? pilotCount));
  const outcome = await searchHeadcount({ min: plan.min, max, start, holds: async (headcount) => (await evaluate(headcount)).holds });
  // One more rep than the answer shows what it buys beyond the target.
  if (outcome.recommended !== null && outcome.recommended + 1 <= max && !evaluated.has(outcome.recommended + 1)) await evaluate(outcome.recommended + 1);
  const points = [...evaluated.values()].sort((a, b) => a.point.headcount - b.point.headcount);
  const tried = [...evaluated.values()].sort((a, b) => a.point.order - b.point.order).map((entry) => entry.point.headcount);
  const search: Search = {
    role: rolePlan.role,
    pod: rolePlan.pod,
    current: rolePlan.current,
    min: plan.min,
    max,
    start,
    targets: rolePlan.targets.map((target) => target.text),
    tried,
    recommended: outcome.recommended,
    reachable: outcome.recommended !== null,
  };
  const curveMax = Math.max(max, ...tried);
  const analytic: AnalyticRole = { role: rolePlan.role, pod: rolePlan.pod, method, recommended: analyticRecommended, targets: analyticFor(Math.min(curveMax, Math.max(...tried) + 5)) };
  const curvePoints = points.map((entry) => entry.point);
  return { search, analytic, points, marginal: marginalGains(context, points), comparison: comparisonSentence(loaded, rolePlan, plan.policy, plan.window, search, analytic, curvePoints) };
}

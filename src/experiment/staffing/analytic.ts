import type { World } from '../../engine/world.js';
import { compileDistribution } from '../../random/distributions.js';
import type { Distribution } from '../../scenario/schema/distribution.js';
import type { Scenario } from '../../scenario/schema/scenario.js';
import type { Pod } from '../../scenario/schema/team.js';
import { erlangCurve, halfinWhittWaitingProbability, scheduledWithShrinkage, squareRootStaffing, staffErlangA, staffErlangC } from '../staffingFormulas.js';
import type { AnalyticInputs, AnalyticTarget, Window } from './schema.js';
import type { StaffTarget } from './target.js';

export interface AnalyticCaps {
  maxOccupancy: number;
  maxAbandonment: number;
  /** Share of scheduled reps not on duty; default the pod's absence rate, the engine's own shrinkage. */
  shrinkage?: number;
}

export interface AnalyticArgs {
  scenario: Scenario;
  world: World;
  pod: Pod;
  target: StaffTarget;
  window: Window;
  /** Mean assigned leads of the target's tier in the window per replication, from the pilot simulation. */
  leadsInWindow: number;
  caps: AnalyticCaps;
  /** Last headcount of the overlay curve. */
  curveMax: number;
}

/** The measured stretches of the window: the whole measured period, or the surge windows inside it. */
export function windowSpans(world: World, window: Window): [number, number][] {
  if (window === 'all') return [[world.warmupEnd, world.horizonEnd]];
  return world.surgeWindows
    .map(([start, end]): [number, number] => [Math.max(start, world.warmupEnd), Math.min(end, world.horizonEnd)])
    .filter(([start, end]) => end > start);
}

export function describeDistribution(spec: Distribution): string {
  const { dist, ...parameters } = spec;
  const shown = Object.entries(parameters).map(([key, value]) => `${key} ${Array.isArray(value) ? `[${value.length} values]` : String(value)}`);
  return `${dist}${shown.length === 0 ? '' : ` (${shown.join(', ')})`}`;
}

/**
 * The formulas' inputs as the scenario implies them: the tier's leads per open hour of the pod's calendar in the
 * window (leads arriving while the pod is closed are folded into its open hours), the pod's mean work time per
 * touch, the mean patience, and the pod's absence rate as shrinkage.
 */
export function analyticInputs(args: AnalyticArgs): AnalyticInputs {
  const calendar = args.world.calendar(args.pod.calendar);
  const openMinutes = windowSpans(args.world, args.window).reduce((sum, [start, end]) => sum + calendar.openMinutesIn(start, end), 0);
  const meanWorkMinutes = compileDistribution(args.pod.workMinutes).mean;
  const patience = args.scenario.prospect.patience;
  const arrivalRatePerHour = openMinutes > 0 ? args.leadsInWindow / (openMinutes / 60) : 0;
  return {
    leadsInWindow: args.leadsInWindow,
    openHours: openMinutes / 60,
    arrivalRatePerHour,
    meanWorkMinutes,
    workDistribution: describeDistribution(args.pod.workMinutes),
    meanPatienceMinutes: patience === null ? null : compileDistribution(patience).mean,
    offeredLoad: (arrivalRatePerHour / 60) * meanWorkMinutes,
    shrinkage: args.caps.shrinkage ?? args.pod.absenceRate,
    maxOccupancy: args.caps.maxOccupancy,
    maxAbandonment: args.caps.maxAbandonment,
  };
}

/** Halfin-Whitt square-root staffing for a service level with a threshold: P(wait > t) ~ alpha(beta) exp(-beta sqrt(R) t / S). */
export function squareRootBeta(offeredLoad: number, meanServiceTime: number, threshold: number, fraction: number): number {
  const missed = (beta: number) => halfinWhittWaitingProbability(beta) * Math.exp((-beta * Math.sqrt(offeredLoad) * threshold) / meanServiceTime);
  let low = 0;
  let high = 1;
  while (missed(high) > 1 - fraction && high < 1e6) high *= 2;
  // Bisection to double precision; the miss probability falls steadily with beta.
  for (let i = 0; i < 200 && high - low > 1e-12 * high; i++) {
    const middle = (low + high) / 2;
    if (missed(middle) > 1 - fraction) low = middle;
    else high = middle;
  }
  return high;
}

/** Erlang C, Erlang A and square-root staffing for one target, with the overlay curve; formula failures become a note. */
export function analyticTarget(args: AnalyticArgs): AnalyticTarget {
  const inputs = analyticInputs(args);
  const empty = { target: args.target.text, inputs, erlangC: null, erlangA: null, squareRoot: null, curve: [] };
  if (inputs.openHours === 0) return { ...empty, note: `pod calendar "${args.pod.calendar}" has no open hours in the ${args.window === 'launch' ? 'surge windows' : 'measured window'}` };
  if (inputs.leadsInWindow === 0) return { ...empty, note: `no ${args.target.tier} leads were assigned in the window` };
  const arrivalRate = inputs.arrivalRatePerHour / 60;
  const common = { arrivalRate, meanServiceTime: inputs.meanWorkMinutes, threshold: args.target.minutes, targetServiceLevel: args.target.fraction, maxOccupancy: inputs.maxOccupancy, shrinkage: inputs.shrinkage };
  const notes: string[] = [];
  const attempt = <T>(name: string, compute: () => T): T | null => {
    try {
      return compute();
    } catch (error) {
      notes.push(`${name}: ${(error as Error).message}`);
      return null;
    }
  };
  const c = attempt('Erlang C', () => staffErlangC(common));
  const a = inputs.meanPatienceMinutes === null ? null : attempt('Erlang A', () => staffErlangA({ ...common, meanPatience: inputs.meanPatienceMinutes!, maxAbandonment: inputs.maxAbandonment }));
  const squareRoot = attempt('square-root staffing', () => {
    const beta = squareRootBeta(inputs.offeredLoad, inputs.meanWorkMinutes, args.target.minutes, args.target.fraction);
    const servers = squareRootStaffing({ arrivalRate, meanServiceTime: inputs.meanWorkMinutes, beta });
    return { beta, servers, scheduled: scheduledWithShrinkage(servers, inputs.shrinkage) };
  });
  const curve = erlangCurve({ arrivalRate, meanServiceTime: inputs.meanWorkMinutes, threshold: args.target.minutes, minServers: 1, maxServers: Math.max(1, args.curveMax), ...(inputs.meanPatienceMinutes === null ? {} : { meanPatience: inputs.meanPatienceMinutes }) });
  return {
    target: args.target.text,
    inputs,
    erlangC: c === null ? null : { servers: c.servers, scheduled: c.scheduled, serviceLevel: c.serviceLevel, occupancy: c.occupancy },
    erlangA: a === null ? null : { servers: a.servers, scheduled: a.scheduled, serviceLevel: a.serviceLevel, occupancy: a.occupancy, abandonment: a.abandonment },
    squareRoot,
    note: notes.length === 0 ? null : notes.join('; '),
    curve: curve.map((point) => ({ headcount: point.servers, serviceLevel: point.serviceLevel })),
  };
}

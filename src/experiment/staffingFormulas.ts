/**
 * Analytic staffing rules for the sales desk: smallest rep count meeting an SLA under
 * Erlang C or Erlang A, Halfin-Whitt square-root staffing, and service-level curves
 * to overlay on simulated results. Units: rates per minute, times in minutes.
 */
import {
  erlangAFromBlocking,
  erlangCFromBlocking,
  nextErlangB,
  requireNonNegative,
  requirePositiveFinite,
  requirePositiveOrInfinite,
  requireInteger,
  type ErlangAInput,
  type ErlangCInput,
} from './erlang.js';
import { standardNormalCdf } from './gamma.js';

export interface ErlangCStaffingInput {
  /** Leads arriving per minute. */
  readonly arrivalRate: number;
  /** Mean handling time per lead in minutes. */
  readonly meanServiceTime: number;
  /** SLA target wait in minutes. */
  readonly threshold: number;
  /** Required fraction of leads reached within the threshold, in (0, 1). */
  readonly targetServiceLevel: number;
  /** Upper bound on rep occupancy, in (0, 1]; default 1 (no cap). */
  readonly maxOccupancy?: number;
  /** Fraction of paid time reps are unavailable (breaks, meetings), in [0, 1); default 0. */
  readonly shrinkage?: number;
}

export interface ErlangCStaffingResult {
  /** Smallest number of reps on the phones meeting every target. */
  readonly servers: number;
  /** Reps to schedule so that `servers` remain after shrinkage: ceil(servers / (1 − shrinkage)). */
  readonly scheduled: number;
  readonly serviceLevel: number;
  readonly occupancy: number;
  readonly waitingProbability: number;
}

export interface ErlangAStaffingInput extends ErlangCStaffingInput {
  /** Mean exponential patience in minutes. */
  readonly meanPatience: number;
  /** Upper bound on the fraction of leads abandoning, in [0, 1]; default 1 (no cap). */
  readonly maxAbandonment?: number;
}

export interface ErlangAStaffingResult extends ErlangCStaffingResult {
  readonly abandonment: number;
}

export interface SquareRootStaffingInput {
  readonly arrivalRate: number;
  readonly meanServiceTime: number;
  /** Quality-of-service parameter β; may be negative when abandonment keeps the queue stable. */
  readonly beta: number;
}

export interface ErlangCurveInput {
  readonly arrivalRate: number;
  readonly meanServiceTime: number;
  readonly threshold: number;
  /** When given (finite or Infinity) the curve uses Erlang A and reports abandonment. */
  readonly meanPatience?: number;
  /** First server count on the curve; default 1. */
  readonly minServers?: number;
  /** Last server count on the curve; default ceil(R + 5√R + 5). */
  readonly maxServers?: number;
}

export interface ErlangCurvePoint {
  readonly servers: number;
  readonly serviceLevel: number;
  readonly waitingProbability: number;
  readonly occupancy: number;
  readonly meanWait: number;
  /** Only present for Erlang A curves. */
  readonly abandonment?: number;
}

// A staffing search beyond this many reps means the inputs are nonsensical, not a real desk.
const MAX_SEARCH_SERVERS = 1_000_000;
// Absorbs binary floating-point noise such as 14 / 0.7 = 20.000000000000004 before rounding up.
const CEILING_TOLERANCE = 1e-9;

function ceilWithTolerance(value: number): number {
  return Math.ceil(value - CEILING_TOLERANCE * Math.max(1, Math.abs(value)));
}

function requireOpenFraction(name: string, value: number, meaning: string): void {
  if (!(value > 0 && value < 1)) {
    throw new RangeError(`${name} must be strictly between 0 and 1 (${meaning}), got ${value}`);
  }
}

function requireFractionInRange(
  name: string,
  value: number,
  bounds: { readonly lowerInclusive: boolean; readonly upperInclusive: boolean },
  meaning: string,
): void {
  const aboveLower = bounds.lowerInclusive ? value >= 0 : value > 0;
  const belowUpper = bounds.upperInclusive ? value <= 1 : value < 1;
  if (!(aboveLower && belowUpper)) {
    const interval = `${bounds.lowerInclusive ? '[' : '('}0, 1${bounds.upperInclusive ? ']' : ')'}`;
    throw new RangeError(`${name} must be in ${interval} (${meaning}), got ${value}`);
  }
}

interface ResolvedStaffingTargets {
  readonly maxOccupancy: number;
  readonly shrinkage: number;
}

function validateErlangCStaffingInput(input: ErlangCStaffingInput): ResolvedStaffingTargets {
  requirePositiveFinite('arrivalRate', input.arrivalRate, 'leads per minute');
  requirePositiveFinite('meanServiceTime', input.meanServiceTime, 'minutes per lead');
  requireNonNegative('threshold', input.threshold, 'SLA target wait in minutes');
  requireOpenFraction('targetServiceLevel', input.targetServiceLevel, 'fraction of leads reached within threshold');
  const maxOccupancy = input.maxOccupancy ?? 1;
  const shrinkage = input.shrinkage ?? 0;
  requireFractionInRange('maxOccupancy', maxOccupancy, { lowerInclusive: false, upperInclusive: true }, 'largest acceptable rep occupancy');
  requireFractionInRange('shrinkage', shrinkage, { lowerInclusive: true, upperInclusive: false }, 'fraction of paid time reps are unavailable');
  return { maxOccupancy, shrinkage };
}

/** Reps to put on the schedule so that `servers` are available after shrinkage. */
export function scheduledWithShrinkage(servers: number, shrinkage: number): number {
  return ceilWithTolerance(servers / (1 - shrinkage));
}

/**
 * Walks c = 1, 2, … carrying the Erlang B recurrence and returns the first candidate
 * accepted; O(answer) work instead of O(answer²).
 */
function firstServerCountAccepted<T>(offeredLoad: number, evaluate: (servers: number, blocking: number) => T | undefined): T {
  let blocking = 1;
  for (let servers = 1; servers <= MAX_SEARCH_SERVERS; servers += 1) {
    blocking = nextErlangB(blocking, servers, offeredLoad);
    const accepted = evaluate(servers, blocking);
    if (accepted !== undefined) return accepted;
  }
  throw new RangeError(`no staffing level up to ${MAX_SEARCH_SERVERS} reps meets the targets`);
}

/**
 * Smallest number of reps c such that the Erlang C service level P(wait <= threshold) reaches
 * targetServiceLevel and occupancy R/c <= maxOccupancy; then scheduled = ceil(c / (1 − shrinkage)).
 */
export function staffErlangC(input: ErlangCStaffingInput): ErlangCStaffingResult {
  const { maxOccupancy, shrinkage } = validateErlangCStaffingInput(input);
  const offeredLoad = input.arrivalRate * input.meanServiceTime;
  return firstServerCountAccepted(offeredLoad, (servers, blocking) => {
    const queueInput: ErlangCInput = { arrivalRate: input.arrivalRate, meanServiceTime: input.meanServiceTime, servers, threshold: input.threshold };
    const metrics = erlangCFromBlocking(queueInput, blocking);
    const meetsTargets = metrics.stable && metrics.serviceLevel >= input.targetServiceLevel && metrics.occupancy <= maxOccupancy;
    if (!meetsTargets) return undefined;
    return {
      servers,
      scheduled: scheduledWithShrinkage(servers, shrinkage),
      serviceLevel: metrics.serviceLevel,
      occupancy: metrics.occupancy,
      waitingProbability: metrics.waitingProbability,
    };
  });
}

/**
 * Smallest number of reps c such that, under Erlang A, the service level (served within the
 * threshold, over all arrivals) reaches targetServiceLevel, abandonment <= maxAbandonment and
 * occupancy <= maxOccupancy; then scheduled = ceil(c / (1 − shrinkage)).
 */
export function staffErlangA(input: ErlangAStaffingInput): ErlangAStaffingResult {
  const { maxOccupancy, shrinkage } = validateErlangCStaffingInput(input);
  requirePositiveOrInfinite('meanPatience', input.meanPatience, 'mean minutes a lead waits before abandoning');
  const maxAbandonment = input.maxAbandonment ?? 1;
  requireFractionInRange('maxAbandonment', maxAbandonment, { lowerInclusive: true, upperInclusive: true }, 'largest acceptable abandonment fraction');
  const offeredLoad = input.arrivalRate * input.meanServiceTime;
  return firstServerCountAccepted(offeredLoad, (servers, blocking) => {
    const queueInput: ErlangAInput = {
      arrivalRate: input.arrivalRate,
      meanServiceTime: input.meanServiceTime,
      servers,
      threshold: input.threshold,
      meanPatience: input.meanPatience,
    };
    const metrics = erlangAFromBlocking(queueInput, blocking);
    const meetsTargets =
      metrics.serviceLevel >= input.targetServiceLevel && metrics.abandonment <= maxAbandonment && metrics.occupancy <= maxOccupancy;
    if (!meetsTargets) return undefined;
    return {
      servers,
      scheduled: scheduledWithShrinkage(servers, shrinkage),
      serviceLevel: metrics.serviceLevel,
      occupancy: metrics.occupancy,
      waitingProbability: metrics.waitingProbability,
      abandonment: metrics.abandonment,
    };
  });
}

/** Square-root staffing c = ceil(R + β√R), at least one rep. */
export function squareRootStaffing(input: SquareRootStaffingInput): number {
  requirePositiveFinite('arrivalRate', input.arrivalRate, 'leads per minute');
  requirePositiveFinite('meanServiceTime', input.meanServiceTime, 'minutes per lead');
  if (!Number.isFinite(input.beta)) {
    throw new RangeError(`beta must be a finite number (square-root staffing safety factor), got ${input.beta}`);
  }
  const offeredLoad = input.arrivalRate * input.meanServiceTime;
  return Math.max(1, ceilWithTolerance(offeredLoad + input.beta * Math.sqrt(offeredLoad)));
}

// ln(β Φ(β) / φ(β)), increasing in β > 0; logs keep it finite where φ(β) underflows.
function logHalfinWhittOdds(beta: number): number {
  return Math.log(beta) + Math.log(standardNormalCdf(beta)) + 0.5 * beta * beta + 0.5 * Math.log(2 * Math.PI);
}

/** Halfin-Whitt delay probability α(β) = [1 + β Φ(β)/φ(β)]^{-1} for β > 0. */
export function halfinWhittWaitingProbability(beta: number): number {
  requirePositiveFinite('beta', beta, 'square-root staffing safety factor');
  return 1 / (1 + Math.exp(logHalfinWhittOdds(beta)));
}

/**
 * β > 0 solving α(β) = targetWaitingProbability (Halfin-Whitt, many-server M/M/c), by bisection
 * on ln(βΦ(β)/φ(β)) = ln(1/α − 1).
 */
export function halfinWhittBeta(targetWaitingProbability: number): number {
  requireOpenFraction('targetWaitingProbability', targetWaitingProbability, 'desired probability that a lead waits');
  const targetLogOdds = Math.log1p(-targetWaitingProbability) - Math.log(targetWaitingProbability);
  let low = 0;
  let high = 1;
  while (logHalfinWhittOdds(high) < targetLogOdds) high *= 2;
  // 200 halvings reach the spacing of doubles long before the loop ends.
  for (let iteration = 0; iteration < 200 && high - low > Number.EPSILON * high; iteration += 1) {
    const middle = 0.5 * (low + high);
    if (logHalfinWhittOdds(middle) < targetLogOdds) low = middle;
    else high = middle;
  }
  return 0.5 * (low + high);
}

function defaultCurveMaxServers(offeredLoad: number): number {
  return Math.ceil(offeredLoad + 5 * Math.sqrt(offeredLoad) + 5);
}

/**
 * Analytic service level (and abandonment, for Erlang A) for every server count in
 * [minServers, maxServers], for overlaying on simulated staffing sweeps. Erlang C points
 * at or below the offered load are unstable and report service level 0.
 */
export function erlangCurve(input: ErlangCurveInput): ErlangCurvePoint[] {
  requirePositiveFinite('arrivalRate', input.arrivalRate, 'leads per minute');
  requirePositiveFinite('meanServiceTime', input.meanServiceTime, 'minutes per lead');
  requireNonNegative('threshold', input.threshold, 'SLA target wait in minutes');
  if (input.meanPatience !== undefined) {
    requirePositiveOrInfinite('meanPatience', input.meanPatience, 'mean minutes a lead waits before abandoning');
  }
  const offeredLoad = input.arrivalRate * input.meanServiceTime;
  const minServers = input.minServers ?? 1;
  const maxServers = input.maxServers ?? Math.max(minServers, defaultCurveMaxServers(offeredLoad));
  requireInteger('minServers', minServers, 1, 'first server count on the curve');
  requireInteger('maxServers', maxServers, minServers, 'last server count on the curve');
  const points: ErlangCurvePoint[] = [];
  let blocking = 1;
  for (let servers = 1; servers <= maxServers; servers += 1) {
    blocking = nextErlangB(blocking, servers, offeredLoad);
    if (servers >= minServers) points.push(curvePoint(input, servers, blocking));
  }
  return points;
}

function curvePoint(input: ErlangCurveInput, servers: number, blocking: number): ErlangCurvePoint {
  const queueInput: ErlangCInput = { arrivalRate: input.arrivalRate, meanServiceTime: input.meanServiceTime, servers, threshold: input.threshold };
  if (input.meanPatience === undefined) {
    const metrics = erlangCFromBlocking(queueInput, blocking);
    return { servers, serviceLevel: metrics.serviceLevel, waitingProbability: metrics.waitingProbability, occupancy: metrics.occupancy, meanWait: metrics.meanWait };
  }
  const metrics = erlangAFromBlocking({ ...queueInput, meanPatience: input.meanPatience }, blocking);
  return {
    servers,
    serviceLevel: metrics.serviceLevel,
    waitingProbability: metrics.waitingProbability,
    occupancy: metrics.occupancy,
    meanWait: metrics.meanWait,
    abandonment: metrics.abandonment,
  };
}

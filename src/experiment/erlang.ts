/**
 * Analytic queueing formulas for the lead-handoff desk: Erlang B, Erlang C (M/M/c) and
 * Erlang A (M/M/c+M, exponential patience). Units: rates per minute, times in minutes.
 *
 * Offered load R = arrivalRate × meanServiceTime (in Erlangs). All probabilities are
 * computed from the numerically stable Erlang B recurrence and log-space incomplete
 * gamma functions, never from factorials.
 */
import { logKummer1F1, regularizedLowerGamma, regularizedUpperGamma } from './gamma.js';

export interface ErlangCInput {
  /** Leads arriving per minute (Poisson). */
  readonly arrivalRate: number;
  /** Mean handling time per lead in minutes (exponential). */
  readonly meanServiceTime: number;
  /** Number of reps working the queue (integer >= 1). */
  readonly servers: number;
  /** SLA target wait in minutes; service level is measured against it (>= 0, may be Infinity). */
  readonly threshold: number;
}

export interface ErlangCResult {
  /** R = λ / μ, in Erlangs. */
  readonly offeredLoad: number;
  /** Fraction of time a rep is busy: R / c (1 when unstable). */
  readonly occupancy: number;
  /** P(an arriving lead has to wait) — the Erlang C probability. */
  readonly waitingProbability: number;
  /** P(wait <= threshold) over all arrivals = 1 − C·exp(−(cμ − λ)·threshold). */
  readonly serviceLevel: number;
  /** Mean time in queue over all arrivals (zero waits included) = C / (cμ − λ). */
  readonly meanWait: number;
  /** Whether R < c, i.e. the queue does not grow without bound. */
  readonly stable: boolean;
}

export interface ErlangAInput extends ErlangCInput {
  /** Mean of the exponential patience in minutes; Infinity reduces Erlang A to Erlang C. */
  readonly meanPatience: number;
}

/**
 * Erlang A (M/M/c+M) performance. Every probability is a fraction of ALL arriving leads.
 * Write V for the offered (virtual) wait — the wait a lead would have with infinite
 * patience — and τ for its patience; the lead is served iff V <= τ, and its actual
 * time in queue is W = min(V, τ).
 */
export interface ErlangAResult {
  /** R = λ / μ, in Erlangs. */
  readonly offeredLoad: number;
  /** P(V > 0): an arriving lead finds all reps busy (PASTA), whether or not it later abandons. */
  readonly waitingProbability: number;
  /**
   * P(served AND W <= threshold) = P(V <= threshold, V <= τ): leads reached by a rep within the
   * threshold, divided by all arrivals. Leads that abandon — even before the threshold — count
   * as misses and stay in the denominator. (Reproduces the 0.916792 reference value.)
   */
  readonly serviceLevel: number;
  /** P(τ < V): fraction of all arrivals that abandon before reaching a rep. */
  readonly abandonment: number;
  /** E[W] over all arrivals (zero waits and abandoners' time in queue included) = abandonment / θ. */
  readonly meanWait: number;
  /** Fraction of time a rep is busy = λ(1 − abandonment) / (cμ). */
  readonly occupancy: number;
}

function formatReceived(value: number): string {
  return Number.isNaN(value) ? 'NaN' : String(value);
}

/** Throws a RangeError unless value is a finite number > 0. */
export function requirePositiveFinite(name: string, value: number, meaning: string): void {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a positive finite number (${meaning}), got ${formatReceived(value)}`);
  }
}

/** Throws a RangeError unless value is > 0; Infinity is allowed. */
export function requirePositiveOrInfinite(name: string, value: number, meaning: string): void {
  if (!(value > 0)) {
    throw new RangeError(`${name} must be a positive number or Infinity (${meaning}), got ${formatReceived(value)}`);
  }
}

/** Throws a RangeError unless value is >= 0 (Infinity allowed). */
export function requireNonNegative(name: string, value: number, meaning: string): void {
  if (!(value >= 0)) {
    throw new RangeError(`${name} must be a non-negative number (${meaning}), got ${formatReceived(value)}`);
  }
}

/** Throws a RangeError unless value is an integer >= minimum. */
export function requireInteger(name: string, value: number, minimum: number, meaning: string): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(`${name} must be an integer >= ${minimum} (${meaning}), got ${formatReceived(value)}`);
  }
}

function validateErlangCInput(input: ErlangCInput): void {
  requirePositiveFinite('arrivalRate', input.arrivalRate, 'leads per minute');
  requirePositiveFinite('meanServiceTime', input.meanServiceTime, 'minutes per lead');
  requireInteger('servers', input.servers, 1, 'number of reps');
  requireNonNegative('threshold', input.threshold, 'SLA target wait in minutes');
}

/** One step of the Erlang B recurrence: B(k) from B(k−1). */
export function nextErlangB(previousBlocking: number, servers: number, offeredLoad: number): number {
  const numerator = offeredLoad * previousBlocking;
  return numerator / (servers + numerator);
}

/** Erlang B blocking probability for `servers` reps and `offeredLoad` Erlangs (B(0) = 1). */
export function erlangB(servers: number, offeredLoad: number): number {
  requireInteger('servers', servers, 0, 'number of reps');
  requirePositiveFinite('offeredLoad', offeredLoad, 'Erlangs, arrival rate × mean service time');
  let blocking = 1;
  for (let k = 1; k <= servers; k += 1) blocking = nextErlangB(blocking, k, offeredLoad);
  return blocking;
}

// Erlang C from Erlang B: C = B / (1 − ρ(1 − B)), valid only when ρ = R/c < 1.
function erlangCFromErlangB(blocking: number, servers: number, offeredLoad: number): number {
  const utilization = offeredLoad / servers;
  return blocking / (1 - utilization * (1 - blocking));
}

/**
 * Erlang C metrics given the Erlang B value for the same servers and load; lets staffing
 * searches walk c upward with one recurrence step per candidate. Input is not re-validated.
 */
export function erlangCFromBlocking(input: ErlangCInput, blocking: number): ErlangCResult {
  const offeredLoad = input.arrivalRate * input.meanServiceTime;
  if (offeredLoad >= input.servers) {
    return { offeredLoad, occupancy: 1, waitingProbability: 1, serviceLevel: 0, meanWait: Number.POSITIVE_INFINITY, stable: false };
  }
  const waitingProbability = erlangCFromErlangB(blocking, input.servers, offeredLoad);
  const drainRate = input.servers / input.meanServiceTime - input.arrivalRate;
  // Infinity × 0 would be NaN for an infinite threshold; the exponential is then exactly 0.
  const decay = input.threshold === Number.POSITIVE_INFINITY ? 0 : Math.exp(-drainRate * input.threshold);
  return {
    offeredLoad,
    occupancy: offeredLoad / input.servers,
    waitingProbability,
    serviceLevel: 1 - waitingProbability * decay,
    meanWait: waitingProbability / drainRate,
    stable: true,
  };
}

/** Erlang C (M/M/c) metrics; see {@link ErlangCResult} for definitions. */
export function erlangC(input: ErlangCInput): ErlangCResult {
  validateErlangCInput(input);
  const offeredLoad = input.arrivalRate * input.meanServiceTime;
  return erlangCFromBlocking(input, erlangB(input.servers, offeredLoad));
}

function validateErlangAInput(input: ErlangAInput): void {
  validateErlangCInput(input);
  requirePositiveOrInfinite('meanPatience', input.meanPatience, 'mean minutes a lead waits before abandoning');
}

function clampProbability(value: number): number {
  return Math.min(1, Math.max(0, value));
}

// Infinite patience is plain M/M/c: nobody abandons, so reuse the Erlang C answer.
function erlangAWithInfinitePatience(input: ErlangAInput, blocking: number): ErlangAResult {
  const c = erlangCFromBlocking(input, blocking);
  return {
    offeredLoad: c.offeredLoad,
    waitingProbability: c.waitingProbability,
    serviceLevel: c.serviceLevel,
    abandonment: 0,
    meanWait: c.meanWait,
    occupancy: c.occupancy,
  };
}

/**
 * ln(P(no wait) / P(wait)) = ln((1 − B) / (K·B)), where K = M(1, a+1, x) is the queue-length
 * sum relative to p_c; kept in logs because K overflows in overload.
 */
function erlangANoWaitLogOdds(blocking: number, logQueueSum: number): number {
  return Math.log1p(-blocking) - Math.log(blocking) - logQueueSum;
}

interface ErlangAScaledParameters {
  /** a = cμ/θ: service capacity in units of the abandonment rate. */
  readonly a: number;
  /** x = λ/θ: arrival rate in units of the abandonment rate. */
  readonly x: number;
  /** ln(a/(a+1)) − ln K(a, x), the common factor of the "served" probabilities. */
  readonly logServedShare: number;
}

/**
 * P(served, V <= t | V > 0). In overload (y >= a + 2, where Q(a+1, ·) is computed by its
 * continued fraction) the Kummer form is a tiny difference of huge terms, so the equivalent
 * upper-tail form (a/x)·[Q(a+1, y) − Q(a+1, x)] / P(a, x) is used instead.
 */
function erlangAServedWithinThresholdGivenWait(
  input: ErlangAInput,
  parameters: ErlangAScaledParameters,
  servedGivenWait: number,
): number {
  const { a, x, logServedShare } = parameters;
  if (input.threshold === 0) return 0;
  if (input.threshold === Number.POSITIVE_INFINITY) return servedGivenWait;
  const abandonRate = 1 / input.meanPatience;
  const y = x * Math.exp(-abandonRate * input.threshold);
  if (y >= a + 2) {
    const tailDifference = regularizedUpperGamma(a + 1, y) - regularizedUpperGamma(a + 1, x);
    return ((a / x) * tailDifference) / regularizedLowerGamma(a, x);
  }
  const serviceCapacity = input.servers / input.meanServiceTime;
  // x − y = x(1 − e^{−θt}) via expm1 so tiny θt does not cancel to zero.
  const logDecay = -(serviceCapacity + abandonRate) * input.threshold - x * Math.expm1(-abandonRate * input.threshold);
  const servedAfterThreshold = Math.exp(logServedShare + logDecay + logKummer1F1(a + 1, y));
  return servedGivenWait - servedAfterThreshold;
}

/**
 * Erlang A metrics given the Erlang B value for the same servers and load. Input is not
 * re-validated. With B the Erlang B value, θ = 1/meanPatience, a = cμ/θ, x = λ/θ,
 * y = x·e^{−θt} and K(a, x) = M(1, a+1, x) (Kummer's function, see logKummer1F1):
 *   P(V > 0)                = K(a, x)·B / (1 − B + K(a, x)·B)
 *   P(served | V > 0)       = a/(a+1) · K(a+1, x) / K(a, x)
 *   P(served, V > t | V > 0) = a/(a+1) · e^{−(cμ+θ)t + x − y} · K(a+1, y) / K(a, x)
 *   serviceLevel            = P(V = 0) + P(V > 0) · [P(served | V > 0) − P(served, V > t | V > 0)]
 * (from the offered-wait density f_V(v) ∝ exp(x(1 − e^{−θv}) − cμv) for v > 0).
 */
export function erlangAFromBlocking(input: ErlangAInput, blocking: number): ErlangAResult {
  if (input.meanPatience === Number.POSITIVE_INFINITY) return erlangAWithInfinitePatience(input, blocking);
  const { arrivalRate, meanServiceTime, servers, meanPatience } = input;
  const offeredLoad = arrivalRate * meanServiceTime;
  const a = (servers * meanPatience) / meanServiceTime;
  const x = arrivalRate * meanPatience;
  const logQueueSum = logKummer1F1(a, x);
  const parameters: ErlangAScaledParameters = { a, x, logServedShare: Math.log(a / (a + 1)) - logQueueSum };
  const noWaitLogOdds = erlangANoWaitLogOdds(blocking, logQueueSum);
  const waitingProbability = 1 / (1 + Math.exp(noWaitLogOdds));
  const noWaitProbability = 1 / (1 + Math.exp(-noWaitLogOdds));
  const servedGivenWait = Math.exp(parameters.logServedShare + logKummer1F1(a + 1, x));
  const abandonment = clampProbability(waitingProbability * (1 - servedGivenWait));
  const servedWithinGivenWait = erlangAServedWithinThresholdGivenWait(input, parameters, servedGivenWait);
  return {
    offeredLoad,
    waitingProbability,
    serviceLevel: clampProbability(noWaitProbability + waitingProbability * servedWithinGivenWait),
    abandonment,
    meanWait: abandonment * meanPatience,
    occupancy: (offeredLoad * (1 - abandonment)) / servers,
  };
}

/** Erlang A (M/M/c+M) metrics; see {@link ErlangAResult} for precise definitions. */
export function erlangA(input: ErlangAInput): ErlangAResult {
  validateErlangAInput(input);
  const offeredLoad = input.arrivalRate * input.meanServiceTime;
  return erlangAFromBlocking(input, erlangB(input.servers, offeredLoad));
}

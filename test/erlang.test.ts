import { describe, it, expect } from 'vitest';
import { erlangA, erlangB, erlangC, type ErlangAInput } from '../src/experiment/erlang.js';
import {
  logGamma,
  logKummer1F1,
  regularizedLowerGamma,
  regularizedUpperGamma,
  standardNormalCdf,
} from '../src/experiment/gamma.js';

// Reference desk: 100 leads per 30 minutes, 3-minute work time, 14 reps, 20-second SLA.
const REFERENCE = { arrivalRate: 100 / 30, meanServiceTime: 3, servers: 14, threshold: 20 / 60 } as const;

/** M/M/c+M as a birth-death chain; abandonRate 0 gives plain M/M/c. */
interface ChainModel {
  readonly arrivalRate: number;
  readonly serviceRate: number;
  readonly servers: number;
  readonly abandonRate: number;
}

function chainModelOf(input: ErlangAInput): ChainModel {
  return {
    arrivalRate: input.arrivalRate,
    serviceRate: 1 / input.meanServiceTime,
    servers: input.servers,
    abandonRate: input.meanPatience === Number.POSITIVE_INFINITY ? 0 : 1 / input.meanPatience,
  };
}

function deathRate(model: ChainModel, inSystem: number): number {
  const busy = Math.min(inSystem, model.servers);
  const queued = Math.max(0, inSystem - model.servers);
  return busy * model.serviceRate + queued * model.abandonRate;
}

// Queue positions beyond which the stationary mass is far below 1e-15.
function truncationQueueLength(model: ChainModel): number {
  if (model.abandonRate === 0) {
    const utilization = model.arrivalRate / (model.servers * model.serviceRate);
    return Math.ceil(Math.log(1e-20) / Math.log(utilization));
  }
  const x = model.arrivalRate / model.abandonRate;
  return Math.ceil(x + 15 * Math.sqrt(x) + 60);
}

/** Stationary probabilities p_0 … p_{c+J} of the truncated chain, built in log space. */
function stationaryDistribution(model: ChainModel, maxQueue: number): number[] {
  const logWeights = [0];
  for (let n = 1; n <= model.servers + maxQueue; n += 1) {
    logWeights.push(logWeights[n - 1]! + Math.log(model.arrivalRate) - Math.log(deathRate(model, n)));
  }
  const largest = Math.max(...logWeights);
  const weights = logWeights.map((w) => Math.exp(w - largest));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => w / total);
}

/**
 * For a tagged arrival finding j >= 0 leads queued ahead (all reps busy), the probability of
 * reaching a rep within t, by uniformization. The queue ahead shrinks at rate cμ + jθ; the
 * tagged lead itself abandons at rate ownAbandonRate (θ for actual service, 0 for offered wait V).
 */
function probabilityServedWithin(model: ChainModel, maxQueue: number, t: number, ownAbandonRate: number): number[] {
  const advanceRate = (ahead: number): number => model.servers * model.serviceRate + ahead * model.abandonRate;
  const uniformRate = advanceRate(maxQueue) + ownAbandonRate;
  const meanJumps = uniformRate * t;
  const maxJumps = Math.ceil(meanJumps + 12 * Math.sqrt(meanJumps) + 40);
  let absorbedAfterJumps = new Array<number>(maxQueue + 1).fill(0);
  const servedWithin = new Array<number>(maxQueue + 1).fill(0);
  let poissonWeight = Math.exp(-meanJumps);
  for (let jumps = 0; jumps <= maxJumps; jumps += 1) {
    for (let j = 0; j <= maxQueue; j += 1) servedWithin[j]! += poissonWeight * absorbedAfterJumps[j]!;
    const next = new Array<number>(maxQueue + 1);
    for (let j = 0; j <= maxQueue; j += 1) {
      const advance = advanceRate(j) / uniformRate;
      const stay = 1 - advance - ownAbandonRate / uniformRate;
      const afterAdvance = j === 0 ? 1 : absorbedAfterJumps[j - 1]!;
      next[j] = stay * absorbedAfterJumps[j]! + advance * afterAdvance;
    }
    absorbedAfterJumps = next;
    poissonWeight *= meanJumps / (jumps + 1);
  }
  return servedWithin;
}

interface ChainMetrics {
  readonly waitingProbability: number;
  readonly abandonment: number;
  readonly meanWait: number;
  readonly occupancy: number;
  /** P(served and wait <= t), all arrivals. */
  readonly servedWithinThreshold: number;
  /** P(offered wait V <= t), all arrivals. */
  readonly offeredWaitWithinThreshold: number;
}

function chainMetrics(input: ErlangAInput): ChainMetrics {
  const model = chainModelOf(input);
  const maxQueue = truncationQueueLength(model);
  const p = stationaryDistribution(model, maxQueue);
  const c = model.servers;
  let waitingProbability = 0;
  let meanQueue = 0;
  let busyServers = 0;
  p.forEach((probability, n) => {
    if (n >= c) waitingProbability += probability;
    meanQueue += Math.max(0, n - c) * probability;
    busyServers += Math.min(n, c) * probability;
  });
  const served = probabilityServedWithin(model, maxQueue, input.threshold, model.abandonRate);
  const offered = probabilityServedWithin(model, maxQueue, input.threshold, 0);
  const noWait = 1 - waitingProbability;
  const weightByQueueAhead = (values: number[]): number => values.reduce((sum, v, j) => sum + p[c + j]! * v, 0);
  return {
    waitingProbability,
    // Abandonment flux θ·E[queue] over arrival flux λ.
    abandonment: (model.abandonRate * meanQueue) / model.arrivalRate,
    meanWait: meanQueue / model.arrivalRate,
    occupancy: busyServers / c,
    servedWithinThreshold: noWait + weightByQueueAhead(served),
    offeredWaitWithinThreshold: noWait + weightByQueueAhead(offered),
  };
}

describe('special functions', () => {
  it('logGamma matches exact factorials and Γ(1/2) = √π', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 13);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    let logFactorial = 0;
    for (let k = 2; k < 170; k += 1) logFactorial += Math.log(k);
    expect(logGamma(170) / logFactorial).toBeCloseTo(1, 14);
  });

  it('P(a, x) matches the closed form for integer shape, 1 − e^{−x} Σ_{k<a} x^k/k!', () => {
    for (const a of [1, 2, 5, 30]) {
      for (const x of [0.01, 0.7, 3, 12.5, 29, 31, 80]) {
        let term = 1;
        let partial = 0;
        for (let k = 0; k < a; k += 1) {
          partial += term;
          term *= x / (k + 1);
        }
        const expected = 1 - Math.exp(-x) * partial;
        expect(Math.abs(regularizedLowerGamma(a, x) - expected)).toBeLessThan(1e-13);
        expect(Math.abs(regularizedUpperGamma(a, x) - (1 - expected))).toBeLessThan(1e-13);
      }
    }
  });

  it('P(a, x) matches scipy.special.gammainc reference values (series and continued-fraction regions)', () => {
    expect(regularizedLowerGamma(3.7, 2.1)).toBeCloseTo(0.2077099796776411, 13);
    expect(regularizedLowerGamma(3.7, 9.5)).toBeCloseTo(0.9895157043310306, 13);
    expect(regularizedUpperGamma(57.3, 60.2)).toBeCloseTo(0.33698710832769974, 12);
    expect(regularizedLowerGamma(0.5, 1e-3)).toBeCloseTo(0.035670591729679894, 14);
    expect(regularizedLowerGamma(1000.5, 1003.2)).toBeCloseTo(0.5381681031408555, 11);
  });

  it('logKummer1F1 equals the directly summed series in both evaluation regions', () => {
    const directSum = (a: number, x: number): number => {
      let term = 1;
      let sum = 1;
      for (let j = 1; j < 5000; j += 1) {
        term *= x / (a + j);
        sum += term;
      }
      return sum;
    };
    for (const [a, x] of [[23.3, 16.7], [9.33, 12], [0.25, 0.5], [57, 60], [1.25, 3], [5, 40]] as const) {
      expect(logKummer1F1(a, x) / Math.log(directSum(a, x))).toBeCloseTo(1, 12);
    }
    expect(logKummer1F1(4, 0)).toBe(0);
  });

  it('standardNormalCdf reproduces known values, including the far tail', () => {
    expect(standardNormalCdf(0)).toBe(0.5);
    expect(standardNormalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(standardNormalCdf(1.7)).toBeCloseTo(0.955434537241457, 14);
    expect(standardNormalCdf(-8.3) / 5.2055697448902465e-17).toBeCloseTo(1, 10);
  });
});

describe('erlangB', () => {
  it('matches hand-computed values', () => {
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(1, 4)).toBeCloseTo(4 / 5, 15);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
  });

  it('matches the factorial definition for small server counts', () => {
    const load = 7.5;
    let term = 1;
    let sum = 1;
    for (let c = 1; c <= 20; c += 1) {
      term *= load / c;
      sum += term;
      expect(erlangB(c, load)).toBeCloseTo(term / sum, 14);
    }
  });

  it('stays finite for thousands of servers where factorials overflow', () => {
    const blocking = erlangB(1000, 1000);
    expect(blocking).toBeCloseTo(0.024811917646160406, 12);
    expect(erlangB(5000, 100)).toBe(0);
  });
});

describe('erlangC', () => {
  it('reproduces the reference desk: service level 0.888, waiting probability 0.174', () => {
    const result = erlangC(REFERENCE);
    expect(result.offeredLoad).toBeCloseTo(10, 12);
    expect(result.serviceLevel).toBeCloseTo(0.888, 3);
    expect(result.waitingProbability).toBeCloseTo(0.174, 3);
    expect(result.occupancy).toBeCloseTo(10 / 14, 12);
    expect(result.stable).toBe(true);
  });

  it('agrees with the truncated M/M/c birth-death chain', () => {
    for (const input of [REFERENCE, { arrivalRate: 19, meanServiceTime: 5, servers: 100, threshold: 0.1 }, { arrivalRate: 0.4, meanServiceTime: 2, servers: 1, threshold: 3 }]) {
      const analytic = erlangC(input);
      const chain = chainMetrics({ ...input, meanPatience: Number.POSITIVE_INFINITY });
      expect(Math.abs(analytic.waitingProbability - chain.waitingProbability)).toBeLessThan(1e-9);
      expect(Math.abs(analytic.meanWait - chain.meanWait)).toBeLessThan(1e-9);
      expect(Math.abs(analytic.serviceLevel - chain.offeredWaitWithinThreshold)).toBeLessThan(1e-9);
      expect(Math.abs(analytic.occupancy - chain.occupancy)).toBeLessThan(1e-9);
    }
  });

  it('reports an overloaded desk as unstable', () => {
    const result = erlangC({ ...REFERENCE, servers: 10 });
    expect(result).toMatchObject({ waitingProbability: 1, serviceLevel: 0, meanWait: Number.POSITIVE_INFINITY, stable: false });
    expect(erlangC({ ...REFERENCE, servers: 9 }).stable).toBe(false);
  });

  it('treats a zero threshold as "answered immediately" and an infinite one as "eventually"', () => {
    const result = erlangC(REFERENCE);
    expect(erlangC({ ...REFERENCE, threshold: 0 }).serviceLevel).toBeCloseTo(1 - result.waitingProbability, 15);
    expect(erlangC({ ...REFERENCE, threshold: Number.POSITIVE_INFINITY }).serviceLevel).toBe(1);
  });

  it('service level never decreases as reps are added', () => {
    for (const arrivalRate of [0.5, 100 / 30, 20]) {
      let previous = 0;
      for (let servers = 1; servers <= 150; servers += 1) {
        const { serviceLevel } = erlangC({ arrivalRate, meanServiceTime: 3, servers, threshold: 1 / 3 });
        expect(serviceLevel).toBeGreaterThanOrEqual(previous);
        previous = serviceLevel;
      }
      expect(previous).toBeGreaterThan(0.999);
    }
  });
});

describe('erlangA', () => {
  const referenceA: ErlangAInput = { ...REFERENCE, meanPatience: 5 };

  it('reproduces the reference desk with 5-minute patience', () => {
    const result = erlangA(referenceA);
    expect(result.waitingProbability).toBeCloseTo(0.14526, 5);
    expect(result.abandonment).toBeCloseTo(0.013984, 6);
    expect(result.serviceLevel).toBeCloseTo(0.916792, 6);
    expect(result.offeredLoad).toBeCloseTo(10, 12);
  });

  it('service level is "served within the threshold over all arrivals", not another definition', () => {
    // The chain computes competing definitions independently; only one matches 0.916792.
    const chain = chainMetrics(referenceA);
    expect(chain.servedWithinThreshold).toBeCloseTo(0.916792, 6);
    const offeredWait = chain.offeredWaitWithinThreshold; // P(V <= t): ignores abandonment
    const earlyAbandonersAsMet = 1 - (1 - offeredWait) * Math.exp(-referenceA.threshold / referenceA.meanPatience);
    const conditionalOnServed = chain.servedWithinThreshold / (1 - chain.abandonment);
    for (const rival of [offeredWait, earlyAbandonersAsMet, conditionalOnServed]) {
      expect(Math.abs(rival - 0.916792)).toBeGreaterThan(1e-3);
    }
  });

  const chainCases: readonly { readonly name: string; readonly input: ErlangAInput }[] = [
    { name: 'reference desk', input: referenceA },
    { name: 'overloaded, impatient', input: { arrivalRate: 6, meanServiceTime: 3, servers: 14, threshold: 0.5, meanPatience: 2 } },
    { name: 'single rep', input: { arrivalRate: 1, meanServiceTime: 2, servers: 1, threshold: 1, meanPatience: 0.5 } },
    { name: 'large desk', input: { arrivalRate: 20, meanServiceTime: 5, servers: 95, threshold: 0.25, meanPatience: 3 } },
    { name: 'overloaded, patient (upper-tail branch)', input: { arrivalRate: 6, meanServiceTime: 3, servers: 10, threshold: 0.25, meanPatience: 5 } },
    { name: 'badly understaffed', input: { arrivalRate: 3, meanServiceTime: 4, servers: 5, threshold: 2, meanPatience: 1 } },
  ];

  for (const { name, input } of chainCases) {
    it(`agrees with the truncated M/M/c+M birth-death chain to 1e-9 (${name})`, () => {
      const analytic = erlangA(input);
      const chain = chainMetrics(input);
      expect(Math.abs(analytic.waitingProbability - chain.waitingProbability)).toBeLessThan(1e-9);
      expect(Math.abs(analytic.abandonment - chain.abandonment)).toBeLessThan(1e-9);
      expect(Math.abs(analytic.serviceLevel - chain.servedWithinThreshold)).toBeLessThan(1e-9);
      expect(Math.abs(analytic.meanWait - chain.meanWait)).toBeLessThan(1e-9);
      expect(Math.abs(analytic.occupancy - chain.occupancy)).toBeLessThan(1e-9);
    });
  }

  it('threshold 0 gives P(no wait) and an infinite threshold gives P(served)', () => {
    const atZero = erlangA({ ...referenceA, threshold: 0 });
    expect(atZero.serviceLevel).toBeCloseTo(1 - atZero.waitingProbability, 14);
    const eventually = erlangA({ ...referenceA, threshold: Number.POSITIVE_INFINITY });
    expect(eventually.serviceLevel).toBeCloseTo(1 - eventually.abandonment, 14);
  });

  it('converges to Erlang C as patience grows without bound', () => {
    const target = erlangC(REFERENCE);
    let previousGap = Number.POSITIVE_INFINITY;
    for (const meanPatience of [10, 1e2, 1e4, 1e6, 1e8]) {
      const result = erlangA({ ...REFERENCE, meanPatience });
      const gap = Math.max(
        Math.abs(result.serviceLevel - target.serviceLevel),
        Math.abs(result.waitingProbability - target.waitingProbability),
        Math.abs(result.meanWait - target.meanWait),
        result.abandonment,
      );
      expect(gap).toBeLessThan(previousGap);
      previousGap = gap;
    }
    expect(previousGap).toBeLessThan(1e-7);
    const infinite = erlangA({ ...REFERENCE, meanPatience: Number.POSITIVE_INFINITY });
    expect(infinite.serviceLevel).toBe(target.serviceLevel);
    expect(infinite.abandonment).toBe(0);
  });

  it('stays finite and sensible when heavily overloaded with very patient leads', () => {
    const result = erlangA({ arrivalRate: 60, meanServiceTime: 3, servers: 14, threshold: 0.5, meanPatience: 1e6 });
    expect(result.waitingProbability).toBeCloseTo(1, 12);
    // Overloaded fluid limit: everything beyond capacity abandons, 1 − cμ/λ.
    expect(result.abandonment).toBeCloseTo(1 - 14 / 180, 8);
    expect(result.serviceLevel).toBeGreaterThanOrEqual(0);
    expect(result.serviceLevel).toBeLessThan(1e-6);
  });

  it('service level never decreases and abandonment never increases as reps are added', () => {
    for (const meanPatience of [0.2, 5, 60]) {
      let previousLevel = 0;
      let previousAbandonment = 1;
      for (let servers = 1; servers <= 40; servers += 1) {
        const result = erlangA({ ...REFERENCE, servers, meanPatience });
        expect(result.serviceLevel).toBeGreaterThanOrEqual(previousLevel);
        expect(result.abandonment).toBeLessThanOrEqual(previousAbandonment);
        previousLevel = result.serviceLevel;
        previousAbandonment = result.abandonment;
      }
    }
  });
});

describe('input validation', () => {
  it.each([
    ['arrivalRate', { ...REFERENCE, arrivalRate: 0 }],
    ['arrivalRate', { ...REFERENCE, arrivalRate: -1 }],
    ['arrivalRate', { ...REFERENCE, arrivalRate: Number.NaN }],
    ['meanServiceTime', { ...REFERENCE, meanServiceTime: 0 }],
    ['meanServiceTime', { ...REFERENCE, meanServiceTime: Number.POSITIVE_INFINITY }],
    ['servers', { ...REFERENCE, servers: 0 }],
    ['servers', { ...REFERENCE, servers: 2.5 }],
    ['threshold', { ...REFERENCE, threshold: -1 }],
  ])('erlangC rejects a bad %s', (name, input) => {
    expect(() => erlangC(input)).toThrow(RangeError);
    expect(() => erlangC(input)).toThrow(new RegExp(`^${name} must be`));
  });

  it('erlangA rejects non-positive patience', () => {
    expect(() => erlangA({ ...REFERENCE, meanPatience: 0 })).toThrow(/meanPatience must be a positive number/);
    expect(() => erlangA({ ...REFERENCE, meanPatience: -5 })).toThrow(RangeError);
    expect(() => erlangA({ ...REFERENCE, arrivalRate: -2, meanPatience: 5 })).toThrow(/arrivalRate/);
  });

  it('erlangB rejects negative or fractional servers and non-positive load', () => {
    expect(() => erlangB(-1, 3)).toThrow(/servers must be an integer >= 0/);
    expect(() => erlangB(1.5, 3)).toThrow(RangeError);
    expect(() => erlangB(3, 0)).toThrow(/offeredLoad must be a positive finite number/);
  });
});

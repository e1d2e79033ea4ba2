import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { hashUniform, mix32, entitySeed, CounterSource } from '../src/random/counter.js';

// Behaviour: counter-based uniforms are deterministic, strictly inside (0, 1), uniform, and uncorrelated
// between consecutive counters, neighbouring seeds and neighbouring entities.

const N = 1_000_000;

/** Pearson chi-square over `bins` equal bins of [0, 1). */
function chiSquare(values: Float64Array, bins: number): number {
  const counts = new Float64Array(bins);
  for (const v of values) counts[Math.floor(v * bins)]!++;
  const expected = values.length / bins;
  let chi2 = 0;
  for (const c of counts) chi2 += (c - expected) ** 2 / expected;
  return chi2;
}

/** Pearson correlation of paired samples. */
function correlation(xs: Float64Array, ys: Float64Array): number {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

// Under independence a sample correlation has standard error ~ 1/sqrt(n).
const correlationBound = (n: number): number => 5 / Math.sqrt(n);

describe('hashUniform', () => {
  const seed = entitySeed(0xdeadbeef, 17);
  const draws = Float64Array.from({ length: N + 1 }, (_, i) => hashUniform(seed, i));

  it('is a pure function of (seed, counter), with the same values in every version (results stay reproducible)', () => {
    // Golden values: changing the hash changes every simulation result for a given seed.
    expect(seed).toBe(2727099220);
    expect(hashUniform(seed, 0)).toBe(0.2227977336645427);
    expect(hashUniform(seed, 12345)).toBe(0.5109798308485861);
    expect(hashUniform(1, 2)).toBe(0.26472767211913817);
    // The precomputed array was filled in counter order; drawing out of order gives the same values.
    for (const counter of [N, 7, 12345, 0]) expect(hashUniform(seed, counter)).toBe(draws[counter]);
  });

  it('is strictly inside (0, 1) for random seeds and counters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 2 ** 31 }), (s, c) => {
        const u = hashUniform(s, c);
        expect(u).toBeGreaterThan(0);
        expect(u).toBeLessThan(1);
      }),
      { numRuns: 10_000, seed: 113 },
    );
    for (const u of draws) if (!(u > 0 && u < 1)) expect.fail(`draw ${u} outside (0, 1)`);
  });

  // Regression: with a 53-bit numerator the +0.5 offset rounded away and this input returned exactly 1.
  it('is below 1 even for the largest numerator (seed 1514780133, counter 823872)', () => {
    expect(hashUniform(1514780133, 823872)).toBeLessThan(1);
  });

  it('is uniform: chi-square over 100 bins of 1e6 draws within 5 sd of its 99 degrees of freedom', () => {
    const df = 99;
    expect(Math.abs(chiSquare(draws.subarray(0, N), 100) - df)).toBeLessThan(5 * Math.sqrt(2 * df));
  });

  it('has mean 1/2 and variance 1/12 within 5 standard errors', () => {
    let sum = 0;
    for (let i = 0; i < N; i++) sum += draws[i]!;
    const mean = sum / N;
    let squares = 0;
    for (let i = 0; i < N; i++) squares += (draws[i]! - mean) ** 2;
    const variance = squares / (N - 1);
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    // Var of the sample variance of U(0,1): (mu4 - sigma^4) / n with mu4 = 1/80, sigma^4 = 1/144.
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / N));
  });

  it('consecutive counters are uncorrelated (serial correlation within 5/sqrt(n)), and so are pairs two apart', () => {
    expect(Math.abs(correlation(draws.subarray(0, N), draws.subarray(1, N + 1)))).toBeLessThan(correlationBound(N));
    expect(Math.abs(correlation(draws.subarray(0, N - 1), draws.subarray(2, N + 1)))).toBeLessThan(correlationBound(N));
  });

  it('pairs of consecutive draws fill the unit square evenly (chi-square over a 10 x 10 grid)', () => {
    const counts = new Float64Array(100);
    const pairs = N / 2;
    for (let i = 0; i < N; i += 2) counts[Math.floor(draws[i]! * 10) * 10 + Math.floor(draws[i + 1]! * 10)]!++;
    let chi2 = 0;
    for (const c of counts) chi2 += (c - pairs / 100) ** 2 / (pairs / 100);
    expect(Math.abs(chi2 - 99)).toBeLessThan(5 * Math.sqrt(2 * 99));
  });

  it('neighbouring raw seeds and neighbouring entity seeds give uncorrelated streams', () => {
    const n = 200_000;
    const a = Float64Array.from({ length: n }, (_, i) => hashUniform(1000, i));
    const b = Float64Array.from({ length: n }, (_, i) => hashUniform(1001, i));
    expect(Math.abs(correlation(a, b))).toBeLessThan(correlationBound(n));
    const e0 = Float64Array.from({ length: n }, (_, i) => hashUniform(entitySeed(42, i), 0));
    const e1 = Float64Array.from({ length: n }, (_, i) => hashUniform(entitySeed(42, i + 1), 0));
    expect(Math.abs(correlation(e0, e1))).toBeLessThan(correlationBound(n));
    const df = 99;
    expect(Math.abs(chiSquare(e0, 100) - df)).toBeLessThan(5 * Math.sqrt(2 * df));
  });
});

describe('mix32 / entitySeed', () => {
  it('mix32 returns unsigned 32-bit integers and is injective on a sample', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      const x = mix32(i);
      if (!(Number.isInteger(x) && x >= 0 && x <= 0xffffffff)) expect.fail(`mix32(${i}) = ${x}`);
      seen.add(x);
    }
    expect(seen.size).toBe(100_000);
  });

  it('entitySeed is deterministic and distinct across entities', () => {
    expect(entitySeed(7, 3)).toBe(2174397183);
    expect(entitySeed(8, 3)).toBe(1691885164);
    const seeds = new Set(Array.from({ length: 10_000 }, (_, i) => entitySeed(7, i)));
    expect(seeds.size).toBe(10_000);
    expect(entitySeed(7, 3)).not.toBe(entitySeed(8, 3));
  });
});

describe('CounterSource', () => {
  it('replays hashUniform(seed, first), hashUniform(seed, first + 1), ... and restarts on reset', () => {
    const source = new CounterSource().reset(99, 10);
    const first = [source.next(), source.next(), source.next()];
    expect(first).toEqual([hashUniform(99, 10), hashUniform(99, 11), hashUniform(99, 12)]);
    source.reset(99, 10);
    expect(source.next()).toBe(first[0]);
  });
});

import { describe, it, expect } from 'vitest';
import { compileDistribution, Categorical } from '../src/random/distributions.js';
import { ReplicationStreams } from '../src/random/streams.js';
import { Distribution } from '../src/scenario/schema/distribution.js';

// Behaviour: each compiled distribution samples with the theoretical mean and variance of its spec,
// reports that mean as `.mean`, and only ever returns finite non-negative numbers.

const N = 200_000;

interface Theory {
  mean: number;
  variance: number;
  /** Fourth central moment, for the standard error of the sample variance. */
  mu4: number;
}

/** Central moments from raw moments E[X], E[X^2], E[X^3], E[X^4]. */
function fromRaw([r1, r2, r3, r4]: readonly [number, number, number, number]): Theory {
  return {
    mean: r1,
    variance: r2 - r1 * r1,
    mu4: r4 - 4 * r1 * r3 + 6 * r1 * r1 * r2 - 3 * r1 ** 4,
  };
}

const powers = (f: (k: number) => number): [number, number, number, number] => [f(1), f(2), f(3), f(4)];

/** E[X^k] for X ~ Gamma(shape, scale): scale^k * shape (shape+1) ... (shape+k-1). */
const gammaRaw = (shape: number, scale: number): [number, number, number, number] =>
  powers((k) => {
    let product = 1;
    for (let i = 0; i < k; i++) product *= shape + i;
    return scale ** k * product;
  });

/** E[X^k] for X ~ Uniform(a, b) (a point mass when a = b). */
const uniformRaw = (a: number, b: number, k: number): number => (a === b ? a ** k : (b ** (k + 1) - a ** (k + 1)) / ((k + 1) * (b - a)));

function lognormalTheory(mean: number, sd: number): Theory {
  const s2 = Math.log(1 + (sd * sd) / (mean * mean));
  const variance = sd * sd;
  return { mean, variance, mu4: variance * variance * (Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 3) };
}

function discreteTheory(values: number[], weights: number[]): Theory {
  const total = weights.reduce((a, b) => a + b, 0);
  return fromRaw(powers((k) => values.reduce((sum, v, i) => sum + (weights[i]! / total) * v ** k, 0)));
}

/** Atom at the first point plus uniform mass on each segment of a piecewise-linear CDF. */
function piecewiseTheory(points: [number, number][]): Theory {
  return fromRaw(
    powers((k) => {
      let moment = points[0]![1] * points[0]![0] ** k;
      for (let i = 1; i < points.length; i++) moment += (points[i]![1] - points[i - 1]![1]) * uniformRaw(points[i - 1]![0], points[i]![0], k);
      return moment;
    }),
  );
}

const cases: { name: string; spec: Distribution; theory: Theory }[] = [
  { name: 'exponential mean 12', spec: { dist: 'exponential', mean: 12 }, theory: fromRaw(powers((k) => [1, 2, 6, 24][k - 1]! * 12 ** k)) },
  { name: 'lognormal mean 10 sd 5', spec: { dist: 'lognormal', mean: 10, sd: 5 }, theory: lognormalTheory(10, 5) },
  { name: 'lognormal mean 32000 sd 30000', spec: { dist: 'lognormal', mean: 32_000, sd: 30_000 }, theory: lognormalTheory(32_000, 30_000) },
  { name: 'gamma mean 6 shape 0.4 (shape < 1)', spec: { dist: 'gamma', mean: 6, shape: 0.4 }, theory: fromRaw(gammaRaw(0.4, 6 / 0.4)) },
  { name: 'gamma mean 6 shape 3.5 (shape > 1)', spec: { dist: 'gamma', mean: 6, shape: 3.5 }, theory: fromRaw(gammaRaw(3.5, 6 / 3.5)) },
  { name: 'gamma mean 2 shape 1', spec: { dist: 'gamma', mean: 2, shape: 1 }, theory: fromRaw(gammaRaw(1, 2)) },
  { name: 'erlang mean 10 k 3', spec: { dist: 'erlang', mean: 10, k: 3 }, theory: fromRaw(gammaRaw(3, 10 / 3)) },
  { name: 'erlang mean 30 k 40', spec: { dist: 'erlang', mean: 30, k: 40 }, theory: fromRaw(gammaRaw(40, 30 / 40)) },
  { name: 'uniform 2..8', spec: { dist: 'uniform', min: 2, max: 8 }, theory: fromRaw(powers((k) => uniformRaw(2, 8, k))) },
  {
    name: 'empirical with weights',
    spec: { dist: 'empirical', values: [1, 5, 20], weights: [0.5, 0.3, 0.2] },
    theory: discreteTheory([1, 5, 20], [0.5, 0.3, 0.2]),
  },
  { name: 'empirical unweighted', spec: { dist: 'empirical', values: [2, 4, 4, 9] }, theory: discreteTheory([2, 4, 4, 9], [1, 1, 1, 1]) },
  {
    name: 'piecewise CDF from 0',
    spec: { dist: 'piecewise', points: [[0, 0], [10, 0.5], [30, 0.9], [60, 1]] },
    theory: piecewiseTheory([[0, 0], [10, 0.5], [30, 0.9], [60, 1]]),
  },
  {
    name: 'piecewise CDF with atoms (at the first point and a vertical step)',
    spec: { dist: 'piecewise', points: [[5, 0.2], [10, 0.6], [10, 0.8], [40, 1]] },
    theory: piecewiseTheory([[5, 0.2], [10, 0.6], [10, 0.8], [40, 1]]),
  },
];

function draw(spec: Distribution, seedName: string, n = N): Float64Array {
  const sampler = compileDistribution(Distribution.parse(spec));
  const random = new ReplicationStreams(2024, 0).stream('attributes', seedName);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sampler.sample(random);
  return out;
}

function sampleStats(xs: Float64Array): { mean: number; variance: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let squares = 0;
  for (const x of xs) squares += (x - mean) ** 2;
  return { mean, variance: squares / (xs.length - 1) };
}

describe('compileDistribution', () => {
  for (const { name, spec, theory } of cases) {
    it(`${name}: .mean is the theoretical mean; samples are finite, non-negative, with mean and variance within 5 standard errors`, () => {
      expect(compileDistribution(Distribution.parse(spec)).mean).toBeCloseTo(theory.mean, 9);
      const xs = draw(spec, name);
      for (const x of xs) if (!(Number.isFinite(x) && x >= 0)) expect.fail(`sample ${x} is not finite and non-negative`);
      const { mean, variance } = sampleStats(xs);
      const seMean = Math.sqrt(theory.variance / N);
      const seVariance = Math.sqrt((theory.mu4 - theory.variance ** 2) / N);
      expect(Math.abs(mean - theory.mean)).toBeLessThan(5 * seMean);
      expect(Math.abs(variance - theory.variance)).toBeLessThan(5 * seVariance);
    });
  }

  it('fixed: always the value, and .mean is the value', () => {
    const sampler = compileDistribution({ dist: 'fixed', value: 7.25 });
    expect(sampler.mean).toBe(7.25);
    const random = new ReplicationStreams(1, 0).stream('attributes', 'fixed');
    for (let i = 0; i < 100; i++) expect(sampler.sample(random)).toBe(7.25);
  });

  it('empirical only returns listed values, in proportion to their weights (chi-square within 5 sd)', () => {
    const values = [1, 5, 20];
    const weights = [0.5, 0.3, 0.2];
    const xs = draw({ dist: 'empirical', values, weights }, 'empirical-freq');
    const counts = values.map((v) => xs.filter((x) => x === v).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(N);
    const chi2 = counts.reduce((sum, c, i) => sum + (c - N * weights[i]!) ** 2 / (N * weights[i]!), 0);
    const df = values.length - 1;
    expect(chi2).toBeLessThan(df + 5 * Math.sqrt(2 * df));
  });

  it('piecewise stays inside the CDF support and puts the first point\'s probability on it', () => {
    const xs = draw({ dist: 'piecewise', points: [[5, 0.2], [10, 0.6], [10, 0.8], [40, 1]] }, 'piecewise-atom');
    let atFive = 0;
    for (const x of xs) {
      if (x < 5 || x > 40) expect.fail(`sample ${x} outside [5, 40]`);
      if (x === 5) atFive++;
    }
    // Binomial(N, 0.2) within 5 sd.
    expect(Math.abs(atFive - 0.2 * N)).toBeLessThan(5 * Math.sqrt(N * 0.2 * 0.8));
  });

  // Regression: the log of a product of 1000 uniforms underflowed to log(0) = -Infinity.
  it('erlang at the schema maximum k = 1000 gives finite samples with the right mean', () => {
    const spec: Distribution = { dist: 'erlang', mean: 10, k: 1000 };
    const xs = draw(spec, 'erlang-1000', 2000);
    for (const x of xs) expect(Number.isFinite(x)).toBe(true);
    const { mean } = sampleStats(xs);
    // Erlang(k = 1000, mean 10) has variance 0.1.
    expect(Math.abs(mean - 10)).toBeLessThan(5 * Math.sqrt(0.1 / xs.length));
  });
});

describe('Categorical', () => {
  it('picks items in proportion to their weights and never a zero-weight item (chi-square within 5 sd)', () => {
    const weights = [1, 0, 3, 6];
    const categorical = new Categorical(['a', 'b', 'c', 'd'], weights);
    const random = new ReplicationStreams(99, 0).stream('attributes', 'categorical');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < N; i++) counts[categorical.pick(random.next())]!++;
    expect(counts[1]).toBe(0);
    let chi2 = 0;
    for (const i of [0, 2, 3]) chi2 += (counts[i]! - (N * weights[i]!) / 10) ** 2 / ((N * weights[i]!) / 10);
    expect(chi2).toBeLessThan(2 + 5 * Math.sqrt(4));
  });

  it('maps the ends of [0, 1) to the first and last positive-weight items', () => {
    const categorical = new Categorical(['zero', 'a', 'b', 'zero-too'], [0, 2, 2, 0]);
    expect(categorical.pick(0)).toBe(1);
    expect(categorical.pick(0.4999)).toBe(1);
    expect(categorical.pick(0.5)).toBe(2);
    expect(categorical.pick(1 - 2 ** -53)).toBe(2);
  });
});

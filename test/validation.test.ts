import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { describe, expect, it } from 'vitest';
import { erlangA, erlangC } from '../src/experiment/erlang.js';
import { runReplication } from '../src/experiment/runReplication.js';
import { deriveMetrics } from '../src/metrics/derive.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

/**
 * The textbook check: with Poisson arrivals, exponential work, one touch, 24/7 and one pooled FIFO queue the
 * engine is an M/M/c(+M) queue, so its numbers must match Erlang C / Erlang A within sampling error. The
 * tolerance is the 99% Student-t interval of the replication means (replications are independent), and the
 * interval itself must be tight, so the check cannot pass by being vague.
 */
const REPLICATIONS = 12;

async function simulate(file: string): Promise<Record<string, number[]>> {
  const loaded = loadScenarioFile(`${ROOT}${file}`);
  // Two weeks per replication (about 67,000 leads each) after the file's warm-up.
  const scenario = { ...loaded.scenario, horizonWeeks: 2.25 };
  const shorter = { ...loaded, scenario, hash: `${loaded.hash}-2w` };
  const series: Record<string, number[]> = { sl: [], waiting: [], abandonment: [], meanWait: [] };
  for (let r = 0; r < REPLICATIONS; r++) {
    const metrics = deriveMetrics(await runReplication(shorter, 'pooled-fifo', r));
    series.sl!.push(metrics.slaCompliance!);
    series.waiting!.push(metrics.waitingProbability!);
    series.abandonment!.push(metrics.abandonmentRate!);
    series.meanWait!.push(metrics.speedToLeadMinutes.mean!);
  }
  return series;
}

function expectWithinSamplingError(values: number[], expected: number, maxHalfWidth: number): void {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1));
  const halfWidth = tQuantile(0.995, n - 1) * (sd / Math.sqrt(n));
  expect(halfWidth).toBeLessThan(maxHalfWidth);
  expect(Math.abs(mean - expected)).toBeLessThanOrEqual(halfWidth);
}

const reference = { arrivalRate: 100 / 30, meanServiceTime: 3, servers: 14, threshold: 20 / 60 };

describe('Erlang validation scenarios', () => {
  it('erlang-c.yaml matches Erlang C (service level 0.888, waiting probability 0.174, mean wait)', async () => {
    const expected = erlangC(reference);
    expect(expected.serviceLevel).toBeCloseTo(0.888, 3);
    expect(expected.waitingProbability).toBeCloseTo(0.174, 3);
    const sim = await simulate('scenarios/validation/erlang-c.yaml');
    expectWithinSamplingError(sim.sl!, expected.serviceLevel, 0.01);
    expectWithinSamplingError(sim.waiting!, expected.waitingProbability, 0.015);
    expectWithinSamplingError(sim.meanWait!, expected.meanWait, 0.02);
    expect(Math.max(...sim.abandonment!)).toBe(0);
  });

  it('erlang-a.yaml matches Erlang A (waiting 0.14526, abandonment 0.013984, service level 0.916792)', async () => {
    const expected = erlangA({ ...reference, meanPatience: 5 });
    expect(expected.waitingProbability).toBeCloseTo(0.14526, 5);
    expect(expected.abandonment).toBeCloseTo(0.013984, 6);
    expect(expected.serviceLevel).toBeCloseTo(0.916792, 6);
    const sim = await simulate('scenarios/validation/erlang-a.yaml');
    expectWithinSamplingError(sim.sl!, expected.serviceLevel, 0.01);
    expectWithinSamplingError(sim.waiting!, expected.waitingProbability, 0.015);
    expectWithinSamplingError(sim.abandonment!, expected.abandonment, 0.003);
  });
});

import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runStaffing } from '../src/experiment/staffing.js';
import { targetValue } from '../src/experiment/staffing/measure.js';
import { StaffingRunner } from '../src/experiment/staffing/runner.js';
import type { Window } from '../src/experiment/staffing/schema.js';
import { parseTarget } from '../src/experiment/staffing/target.js';
import { scenarioVariant } from '../src/experiment/staffing/variant.js';
import { pairedDifference } from '../src/experiment/statistics.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

const smallQueue = loadScenarioFile(`${ROOT}test/fixtures/staffing/small-queue.yaml`);

describe('staffing search on simulated queues', () => {
  it('never recommends a headcount whose lower confidence bound misses the target, and the one below was seen to miss', async () => {
    // Targets from 30% within 5 s to 97% within 5 min on a 4-Erlang queue: answers from 4 to about 9 reps.
    const target = fc.record({ percent: fc.integer({ min: 30, max: 97 }), seconds: fc.integer({ min: 5, max: 300 }), confidence: fc.constantFrom(0.9, 0.95, 0.99) });
    await fc.assert(
      fc.asyncProperty(target, async ({ percent, seconds, confidence }) => {
        const text = `all:${percent / 100}@${seconds}s`;
        const { summary } = await runStaffing(smallQueue, { targets: [parseTarget(text)], confidence, workers: 2, whatIfs: false });
        const search = summary.searches[0]!;
        expect(search.reachable).toBe(true);
        const byHeadcount = new Map(summary.curve.map((point) => [point.headcount, point]));
        const chosen = byHeadcount.get(search.recommended!)!;
        expect(chosen.lowerBound!).toBeGreaterThanOrEqual(percent / 100);
        if (search.recommended! > search.min) expect(byHeadcount.get(search.recommended! - 1)!.holds).toBe(false);
        for (const point of summary.curve) {
          // The bound is one-sided at the stated confidence, from the same standard error as the 95% band.
          const n = point.targets[0]!.n;
          const standardError = (point.ci95![1] - point.ci95![0]) / 2 / tQuantile(0.975, n - 1);
          expect(point.lowerBound!).toBeCloseTo(point.mean! - tQuantile(confidence, n - 1) * standardError, 10);
          expect(point.holds).toBe(point.lowerBound! >= percent / 100);
        }
        // It brackets and bisects rather than sweeping the range.
        expect(search.tried.length).toBeLessThan(search.max - search.min + 1);
      }),
      { seed: 424242, numRuns: 5 },
    );
  });
});

/** Every headcount in a range on the same replications, the target's share per replication. */
async function sharesByHeadcount(file: string, pod: string, headcounts: number[], text: string, window: Window, replications: number): Promise<(number | null)[][]> {
  const loaded = loadScenarioFile(`${ROOT}${file}`);
  const target = parseTarget(text);
  const runner = new StaffingRunner(2);
  try {
    const shares: (number | null)[][] = [];
    for (const headcount of headcounts) {
      const team = Object.fromEntries(Object.entries(loaded.scenario.team).map(([name, spec]) => [name, name === pod ? headcount : spec.count]));
      const policy = Object.keys(loaded.scenario.policies)[0]!;
      const results = (await runner.run(scenarioVariant(loaded, team), [policy], replications)).get(policy)!;
      shares.push(results.map((result) => targetValue(result, target, window)));
    }
    return shares;
  } finally {
    await runner.close();
  }
}

/** An added rep may not lower the share beyond sampling error: the paired 99% interval of (c+1) - c must reach 0. */
function expectNoDetectableDrop(shares: (number | null)[][], headcounts: number[]): void {
  for (let i = 1; i < shares.length; i++) {
    const difference = pairedDifference(shares[i - 1]!, shares[i]!);
    const upper99 = difference.mean + (difference.halfWidth / tQuantile(0.975, difference.n - 1)) * tQuantile(0.995, difference.n - 1);
    expect(upper99, `${headcounts[i - 1]} -> ${headcounts[i]} reps`).toBeGreaterThanOrEqual(0);
  }
}

describe('more reps never make compliance worse beyond sampling error (common random numbers)', () => {
  it('pooled textbook queue, 4 to 9 reps', async () => {
    const headcounts = [4, 5, 6, 7, 8, 9];
    const shares = await sharesByHeadcount('test/fixtures/staffing/small-queue.yaml', 'sdr', headcounts, 'all:0.8@30s', 'all', 10);
    expectNoDetectableDrop(shares, headcounts);
  });

  it('per-rep round-robin queues on business hours with a launch surge, 1 to 6 SDRs, inside the surge window and overall', async () => {
    const headcounts = [1, 2, 3, 4, 5, 6];
    for (const [text, window] of [['warm-plus:0.8@1d', 'launch'], ['trial:0.8@1h', 'all']] as const) {
      const shares = await sharesByHeadcount('test/fixtures/staffing/small-launch.yaml', 'sdr', headcounts, text, window, 8);
      expectNoDetectableDrop(shares, headcounts);
    }
  });
});

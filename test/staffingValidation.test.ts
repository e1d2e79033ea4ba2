import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { describe, expect, it } from 'vitest';
import { erlangA, erlangC } from '../src/experiment/erlang.js';
import { runStaffing } from '../src/experiment/staffing.js';
import type { CurvePoint } from '../src/experiment/staffing/schema.js';
import { parseTarget } from '../src/experiment/staffing/target.js';
import { staffErlangA, staffErlangC } from '../src/experiment/staffingFormulas.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

/**
 * On the textbook queues (Poisson arrivals, exponential 3-minute work, one pooled FIFO queue, 24/7) the simulated
 * minimal headcount must be the Erlang answer. 100 leads per 30 minutes, 80% within 20 seconds: Erlang C gives 14
 * (service level 0.796 at 13, 0.888 at 14) and Erlang A with 5-minute patience 13 (0.772 at 12, 0.858 at 13), so
 * the neighbours are several standard errors from the target at 8 replications of a measured week.
 */
const textbook = { arrivalRate: 100 / 30, meanServiceTime: 3, threshold: 20 / 60, targetServiceLevel: 0.8 };

/** The 95% band's half-width back to a standard error, then the 99.9% two-sided tolerance from it. */
function tolerance(point: CurvePoint): number {
  const n = point.targets[0]!.n;
  const standardError = (point.ci95![1] - point.ci95![0]) / 2 / tQuantile(0.975, n - 1);
  return tQuantile(0.9995, n - 1) * standardError;
}

async function staff(file: string) {
  const study = await runStaffing(loadScenarioFile(`${ROOT}${file}`), { targets: [parseTarget('all:0.8@20s')], workers: 2, whatIfs: false });
  return study.summary;
}

describe('staff on the Erlang validation queues', () => {
  it('Erlang C queue: the simulated minimal headcount is 14, the Erlang C answer', async () => {
    const expected = staffErlangC(textbook);
    expect(expected.scheduled).toBe(14);
    const summary = await staff('test/fixtures/staffing/erlang-c.yaml');
    expect(summary.recommended).toEqual({ sdr: 14 });
    expect(summary.analytic.sdr!.method).toBe('erlang-c');
    expect(summary.analytic.sdr!.recommended).toBe(14);
    // The neighbour below was simulated and missed; both sit where Erlang C puts them, within sampling error.
    for (const servers of [13, 14]) {
      const point = summary.curve.find((entry) => entry.headcount === servers)!;
      expect(point.holds).toBe(servers === 14);
      expect(Math.abs(point.mean! - erlangC({ ...textbook, servers }).serviceLevel)).toBeLessThanOrEqual(tolerance(point));
    }
    // The formula's arrival rate comes from the simulation's assigned counts: 200 an hour, up to Poisson noise.
    const inputs = summary.analytic.sdr!.targets[0]!.inputs!;
    const poissonError = Math.sqrt(200 * inputs.openHours / summary.replications) / inputs.openHours;
    expect(Math.abs(inputs.arrivalRatePerHour - 200)).toBeLessThanOrEqual(4 * poissonError);
    expect(inputs.meanWorkMinutes).toBe(3);
    expect(inputs.meanPatienceMinutes).toBeNull();
    expect(summary.comparison).toMatch(/they agree/);
    // Bracketing from the estimate: the pilot (14, today's team), the neighbour below, and one above for the marginal view.
    expect(summary.searches[0]!.tried).toEqual([14, 13, 15]);
  });

  it('Erlang A queue (5-minute patience): the simulated minimal headcount is 13, the Erlang A answer', async () => {
    const expected = staffErlangA({ ...textbook, meanPatience: 5 });
    expect(expected.scheduled).toBe(13);
    const summary = await staff('test/fixtures/staffing/erlang-a.yaml');
    expect(summary.recommended).toEqual({ sdr: 13 });
    expect(summary.analytic.sdr!.method).toBe('erlang-a');
    expect(summary.analytic.sdr!.recommended).toBe(13);
    for (const servers of [12, 13]) {
      const point = summary.curve.find((entry) => entry.headcount === servers)!;
      expect(point.holds).toBe(servers === 13);
      expect(Math.abs(point.mean! - erlangA({ ...textbook, servers, meanPatience: 5 }).serviceLevel)).toBeLessThanOrEqual(tolerance(point));
    }
    expect(summary.analytic.sdr!.targets[0]!.inputs!.meanPatienceMinutes).toBe(5);
  });
});

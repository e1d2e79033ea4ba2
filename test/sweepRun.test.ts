import { describe, expect, it } from 'vitest';
import { planSweep, runSweep, SweepJson } from '../src/experiment/sweep.js';
import { runStudy } from '../src/experiment/study.js';
import { flattenMetrics } from '../src/metrics/derive.js';
import { jsonText } from '../src/report/json.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

const fixture = loadScenarioFile(`${ROOT}test/fixtures/sweep/short.yaml`);
const REPLICATIONS = 3;

describe('sweep runs on common random numbers', () => {
  it('at the scenario\u2019s own value, and at the value another policy sets, a point equals a plain compare run', async () => {
    const plan = planSweep(fixture, { params: ['policies.current.scoring.threshold=55,65,75'], replications: REPLICATIONS, maximize: 'pipeline' });
    const [sweep, study] = await Promise.all([runSweep(plan, { workers: 2 }), runStudy(fixture, { policies: ['current', 'tighter'], replications: REPLICATIONS, workers: 2 })]);
    expect(SweepJson.parse(sweep)).toEqual(sweep);
    // tighter = current with threshold 75, so the 75 point must match it as well as 65 matches current.
    for (const [pointIndex, policyIndex] of [[1, 0], [2, 1]] as const) {
      const point = sweep.points[pointIndex]!;
      const policy = study.summary.policies[policyIndex]!;
      const means = flattenMetrics(policy.metrics);
      for (const metric of sweep.metrics) {
        expect(point.metrics[metric]!.mean, `${policy.name} ${metric}`).toBe(means[metric] ?? null);
        expect(point.metrics[metric]!.ci95, `${policy.name} ${metric}`).toEqual(policy.ci95[metric] ?? null);
      }
    }
    // The parameter matters: a lower threshold makes more MQLs in the same lead stream.
    expect(sweep.points[0]!.metrics.mqls!.mean!).toBeGreaterThan(sweep.points[2]!.metrics.mqls!.mean!);
    expect(sweep.points.every((point) => point.replications === REPLICATIONS && point.feasible)).toBe(true);
    expect(sweep.best).not.toBeNull();
  });

  it('gives byte-identical sweep.json whatever the worker count', async () => {
    const plan = planSweep(fixture, { params: ['team.sdr.count=1..2:1', 'policies.current.scoring.threshold=60,70'], replications: REPLICATIONS, maximize: 'mqlToSql', require: ['slaCompliance>=0.5'] });
    const one = jsonText(await runSweep(plan, { workers: 1 }));
    const three = jsonText(await runSweep(plan, { workers: 3 }));
    expect(three).toBe(one);
    const sweep = JSON.parse(one) as SweepJson;
    expect(sweep.points).toHaveLength(4);
    expect(sweep.points.map((point) => point.values['team.sdr.count'])).toEqual([1, 1, 2, 2]);
    expect(one).not.toMatch(/NaN|Infinity/);
  });
});

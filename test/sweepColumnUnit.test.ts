import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { planSweep, runSweep } from '../src/experiment/sweep.js';
import type { SweepJson } from '../src/experiment/sweep/result.js';
import { sweepHtml } from '../src/report/sweepReport.js';
import { sweepTable } from '../src/report/sweepTable.js';
import { loadScenarioFile } from '../src/scenario/load.js';

// A sweep over headcount can take speed to lead from days to minutes; each cell picked its own unit, so the column
// read "2.2 d ±0.3 d" above "36.9 h ±8.7 h" (baseline, team.sdr.count=2..9), to be compared down the column.
const SWEEP = fileURLToPath(new URL('./fixtures/sweep/short.yaml', import.meta.url));
const SPEED = 'speedToLeadMinutes.mean';

let sweep: SweepJson;
beforeAll(async () => {
  sweep = await runSweep(planSweep(loadScenarioFile(SWEEP), { params: ['policies.current.scoring.threshold=55,75'], replications: 2, minimize: SPEED }), { workers: 2 });
});

describe('a column of times in the sweep table', () => {
  it('reads in one unit, the one its smallest mean reads best in', () => {
    // Means 52.8 h and 5.2 h: on their own, 2.2 d and 5.2 h.
    const [wide, narrow] = [{ mean: 3168, ci95: [2718, 3618] as [number, number] }, { mean: 312, ci95: [246, 378] as [number, number] }];
    const points = sweep.points.map((point, i) => ({ ...point, metrics: { ...point.metrics, [SPEED]: { ...point.metrics[SPEED]!, ...(i === 0 ? wide : narrow) } } }));
    const lines = sweepTable({ ...sweep, points }).split('\n');
    const column = lines[2]!.indexOf('Speed to lead, mean');
    expect(column).toBeGreaterThan(0);
    const cells = lines.slice(4, 6).map((line) => line.slice(column - 2).trim().split(/\s{2,}/)[0]);
    expect(cells).toEqual(['52.8 h ±7.5 h', '5.2 h ±1.1 h']);
    // report.html's table too: each mean and its interval.
    const html = sweepHtml({ ...sweep, points }, []);
    expect(html).toContain('<td>52.8 h<span class="ci">45.3 h to 60.3 h</span></td>');
    expect(html).toContain('<td>5.2 h<span class="ci">4.1 h to 6.3 h</span></td>');
  });
});

import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runStudyInProcess, type Study } from '../src/experiment/simulate.js';
import { planSweep, runSweep } from '../src/experiment/sweep.js';
import { metricKind, metricLabel } from '../src/experiment/sweep/metrics.js';
import type { SweepJson } from '../src/experiment/sweep/result.js';
import { flattenMetrics } from '../src/metrics/derive.js';
import { formatValue, tableMetrics, type MetricKind } from '../src/report/format.js';
import { meanCell } from '../src/report/interval.js';
import { summaryTable } from '../src/report/summaryTable.js';
import { sweepTable, verdict } from '../src/report/sweepTable.js';
import { loadScenarioFile } from '../src/scenario/load.js';

// With few replications a table printed "78.4% ±126.4%" for a share and negative lower ends for counts, dollars and
// times (148.5 min ±702.0 min). Where mean ± half-width passes what the metric can be, a cell shows the interval
// clipped (as the charts draw it); summary.json keeps the raw numbers.
const FIXTURE = fileURLToPath(new URL('./fixtures/report/small-surge.yaml', import.meta.url));
const SWEEP = fileURLToPath(new URL('./fixtures/sweep/short.yaml', import.meta.url));

/** Independently of the code under test: a share cannot leave 0-100%, nothing here can go below 0. */
const passesBound = (kind: MetricKind, [low, high]: readonly [number, number]) => low < 0 || (kind === 'rate' && high > 1);
/** The cells of a table line (columns are padded apart by two or more spaces). */
const cellsOf = (line: string | undefined) => (line ?? '').trim().split(/\s{2,}/);

let study: Study;
let sweep: SweepJson;
beforeAll(async () => {
  study = await runStudyInProcess(loadScenarioFile(FIXTURE), { replications: 2 });
  sweep = await runSweep(planSweep(loadScenarioFile(SWEEP), { params: ['policies.current.scoring.threshold=55,75'], replications: 2, maximize: 'sla' }), { workers: 2 });
});

describe('a table cell whose interval passes a natural bound', () => {
  it('shows the clipped interval in the metric\u2019s unit, and mean ± half-width when inside', () => {
    expect(meanCell('rate', 0.784, [-0.48, 2.048]).text).toBe('78.4% (0.0%-100.0%)');
    expect(meanCell('rate', 0.5, [0.4, 0.6]).text).toBe('50.0% \u00b110.0%');
    expect(meanCell('count', 5, [-3, 13]).text).toBe('5 (0-13)');
    expect(meanCell('dollars', 7.97e6, [-13.66e6, 29.6e6]).text).toBe('$7.97M ($0-$29.60M)');
    // A duration's bounds read in the row's unit, the unit written once.
    expect(meanCell('minutes', 148.5, [-553.5, 850.5], 'min').text).toBe('148.5 min (0.0-850.5 min)');
    expect(meanCell('minutes', 148.5, [-553.5, 850.5]).text).toBe('2.5 h (0.0-14.2 h)');
    expect(meanCell('minutes', 510, [-540, 1560], 'h').text).toBe('8.5 h (0.0-26.0 h)');
    expect(meanCell('rate', 0.5, [0.4, 0.6]).clipped).toBe(false);
  });

  it('the compare table shows no ± past a bound, and says what the clipped form means', () => {
    const table = summaryTable(study.summary);
    const lines = table.split('\n');
    let clipped = 0;
    for (const metric of tableMetrics(study.summary.policies)) {
      const cells = cellsOf(lines.find((line) => line.startsWith(`${metric.label}  `)));
      study.summary.policies.forEach((policy, column) => {
        const interval = policy.ci95[metric.key];
        const value = flattenMetrics(policy.metrics)[metric.key] ?? null;
        if (interval === undefined || value === null || !passesBound(metric.kind, interval)) return;
        clipped++;
        const cell = cells[column + 1]!;
        expect(cell, metric.label).not.toContain('\u00b1');
        if (metric.kind !== 'minutes') expect(cell, metric.label).toContain(`(${formatValue(metric.kind, Math.max(0, interval[0]))}-`);
      });
    }
    // Two replications of this fixture give intervals wide enough to pass a bound somewhere.
    expect(clipped).toBeGreaterThan(0);
    expect(lines[0]).toContain('(low-high): the CI clipped at 0 or 100%');
  });

  it('the sweep table shows no ± past a bound either', () => {
    const table = sweepTable(sweep);
    const lines = table.split('\n');
    const header = cellsOf(lines[2]);
    let clipped = 0;
    for (const point of sweep.points) {
      const cells = cellsOf(lines.find((line) => line.trim().startsWith(`${point.values['policies.current.scoring.threshold']}  `)));
      for (const [metric, estimate] of Object.entries(point.metrics)) {
        const column = header.indexOf(metricLabel(metric));
        if (column < 0 || estimate.ci95 === null || !passesBound(metricKind(metric), estimate.ci95)) continue;
        clipped++;
        expect(cells[column], metric).not.toContain('\u00b1');
      }
    }
    expect(clipped).toBeGreaterThan(0);
    expect(lines[0]).toContain('(low-high): the CI clipped at 0 or 100%');
  });

  it('the sweep verdict gives the best point’s interval clipped at 0 and 100%', () => {
    // Its lower end was clipped at 0 already; a share's upper end printed past 100%.
    const best = { ...sweep.best!, metric: 'slaCompliance', mean: 0.9, ci95: [-0.1, 1.3] as [number, number] };
    expect(verdict({ ...sweep, best })).toContain('slaCompliance 90.0% (95% CI 0.0% to 100.0%)');
  });
});

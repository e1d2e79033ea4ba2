import { beforeAll, describe, expect, it } from 'vitest';
import { planSweep, runSweep } from '../src/experiment/sweep.js';
import { formatMetric } from '../src/experiment/sweep/metrics.js';
import type { SweepJson } from '../src/experiment/sweep/result.js';
import { sweepHeatmap } from '../src/report/charts/sweepHeatmap.js';
import { valueLabelExpr } from '../src/report/charts/valueLabel.js';
import { formatValue, type MetricKind } from '../src/report/format.js';
import { renderSvg } from '../src/report/renderSvg.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

// The grid heatmap's legend said "$13.8M" where its cells said "$13.80M" (and a share's legend "86%" beside "85.9%"):
// the legend's labels are printed as the cells are.
const texts = (svg: string, role: string) => [...(svg.match(new RegExp(`<g class="mark-text ${role}[^"]*"[^>]*>([\\s\\S]*?)</g>`))?.[1] ?? '').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!);

const sweeps = new Map<string, SweepJson>();
beforeAll(async () => {
  const scenario = loadScenarioFile(`${ROOT}test/fixtures/sweep/short.yaml`);
  for (const metric of ['pipeline', 'sla']) {
    const plan = planSweep(scenario, { params: ['team.sdr.count=1..2:1', 'policies.current.scoring.threshold=55,75'], replications: 1, maximize: metric });
    sweeps.set(metric, await runSweep(plan, { workers: 2 }));
  }
});

describe('the sweep heatmap legend', () => {
  it.each(['pipeline', 'sla'])('labels its ends with the lowest and highest cells as the cells print them (%s)', async (name) => {
    const sweep = sweeps.get(name)!;
    const metric = sweep.objective!.metric;
    const svg = await renderSvg(sweepHeatmap(sweep));
    const means = sweep.points.filter((point) => point.feasible).map((point) => point.metrics[metric]!.mean!);
    const cells = texts(svg, 'role-mark value');
    const legend = texts(svg, 'role-legend-label');
    expect(cells).toContain(formatMetric(metric, Math.max(...means)));
    expect(legend).toEqual(expect.arrayContaining([formatMetric(metric, Math.min(...means)), formatMetric(metric, Math.max(...means))]));
  });

  it('label expression prints every kind of value as formatValue does', async () => {
    const values = [0, 0.004, 0.5, 0.8594, 1, 59.99, 119.9, 350, 2879, 4000, 12_345.6, 999_999, 13_804_000, 2.5e9];
    const kinds: MetricKind[] = ['rate', 'dollars', 'minutes', 'count', 'number'];
    for (const kind of kinds) {
      const spec = { data: { values: values.map((value) => ({ value })) }, transform: [{ calculate: valueLabelExpr(kind), as: 'label' }], mark: 'text' as const, encoding: { y: { field: 'value', type: 'ordinal' as const }, text: { field: 'label' } } };
      const svg = await renderSvg({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...spec });
      const printed = texts(svg, 'role-mark');
      expect(printed.sort(), kind).toEqual(values.map((value) => formatValue(kind, value)).sort());
    }
  });
});

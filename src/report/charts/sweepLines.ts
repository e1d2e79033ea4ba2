import { formatMetric, metricKind } from '../../experiment/sweep/metrics.js';
import type { SweepJson } from '../../experiment/sweep/result.js';
import { CONFIG, MUTED, PLOT_WIDTH, RED_FLAG_COLOR, SCHEMA, type LayerChild, type Panel, type VegaLiteSpec } from './common.js';
import { chartedMetrics, clippedInterval, objectivePhrase, parameterAxis, sweepMetricTitle, valueAxis } from './sweepCommon.js';

const PANEL_HEIGHT = 130;
const SINGLE_COLOR = '#4c78a8';
const BEST_COLOR = '#111827';

interface Row {
  x: number;
  series: string;
  mean: number;
  lo: number;
  hi: number;
  feasible: boolean;
}

/** Label of a point's line: the second parameter's value ("" in a one-parameter sweep). */
function seriesOf(sweep: SweepJson, values: Record<string, number>): string {
  const second = sweep.parameters[1];
  return second === undefined ? '' : String(values[second.path]);
}

/**
 * Each headline metric against the (first) parameter: mean line with its 95% band, one line per value of the
 * second parameter in a grid; the best point is a black diamond and the constraint bounds are drawn where they apply.
 */
export function sweepLines(sweep: SweepJson): VegaLiteSpec {
  const first = sweep.parameters[0]!;
  const second = sweep.parameters[1];
  const seriesDomain = second === undefined ? [''] : second.values.map(String);
  const color = second === undefined
    ? { value: SINGLE_COLOR }
    : { field: 'series', type: 'nominal' as const, title: second.path, sort: seriesDomain, legend: { titleLimit: PLOT_WIDTH, symbolOpacity: 1, symbolType: 'circle' }, scale: { domain: seriesDomain, scheme: seriesDomain.length <= 10 ? 'tableau10' : 'viridis' } };
  const xAxis = { field: 'x', type: 'quantitative' as const, title: first.path, scale: { zero: false, nice: false, padding: 12 }, axis: { ...parameterAxis(sweep, 0), grid: true, ...(first.values.length <= 15 ? { values: first.values } : {}) } };
  const metrics = chartedMetrics(sweep);
  const best = sweep.best === null ? null : sweep.points[sweep.best.index]!;

  // Layer names must be unique across panels: vega-lite names datasets after them.
  const panel = (metric: string, index: number): Panel => {
    const name = (role: string) => `panel${index}_${role}`;
    // The parameter's name under the bottom panel only; every panel keeps its tick labels.
    const x = { ...xAxis, title: index === metrics.length - 1 ? first.path : null };
    const rows: Row[] = sweep.points.flatMap((point) => {
      const interval = clippedInterval(point, metric);
      const mean = point.metrics[metric]?.mean ?? null;
      if (interval === null || mean === null) return [];
      return [{ x: point.values[first.path]!, series: seriesOf(sweep, point.values), mean, lo: interval[0], hi: interval[1], feasible: point.feasible }];
    });
    const y = { type: 'quantitative' as const, title: null, scale: { zero: metricKind(metric) === 'dollars' || metricKind(metric) === 'count' }, axis: { ...valueAxis(metric), tickCount: 4 } };
    const layers: LayerChild[] = [
      { name: name('band'), mark: { type: 'area', opacity: second === undefined ? 0.18 : 0.08 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color, detail: { field: 'series' } } },
      { name: name('mean'), mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { ...y, field: 'mean' }, color, detail: { field: 'series' } } },
      {
        name: name('point'),
        mark: { type: 'point', filled: true, size: 40 },
        encoding: { x, y: { ...y, field: 'mean' }, color, opacity: { condition: { test: 'datum.feasible', value: 1 }, value: 0.3 } },
      },
    ];
    // The bound in the axis's own terms: "required >= 75.0%" beside 80% ticks, not "required >= 0.75".
    const bounds = sweep.constraints.filter((constraint) => constraint.metric === metric).map((constraint) => ({ value: constraint.value, text: `required ${constraint.operator} ${formatMetric(metric, constraint.value)}` }));
    if (bounds.length > 0) {
      layers.push(
        { name: name('bound'), data: { values: bounds }, mark: { type: 'rule', color: RED_FLAG_COLOR, strokeDash: [5, 4], strokeWidth: 1.5 }, encoding: { y: { ...y, field: 'value' } } },
        { name: name('boundLabel'), data: { values: bounds }, mark: { type: 'text', color: RED_FLAG_COLOR, align: 'left', baseline: 'bottom', x: 4, dy: -2, fontSize: 11 }, encoding: { y: { ...y, field: 'value' }, text: { field: 'text' } } },
      );
    }
    const bestMean = best?.metrics[metric]?.mean ?? null;
    if (best !== null && bestMean !== null) {
      const star = [{ x: best.values[first.path]!, mean: bestMean }];
      layers.push(
        { name: name('bestRule'), data: { values: star }, mark: { type: 'rule', color: MUTED, strokeDash: [2, 3], strokeWidth: 1 }, encoding: { x } },
        { name: name('best'), data: { values: star }, mark: { type: 'point', shape: 'diamond', filled: true, size: 170, color: BEST_COLOR, stroke: 'white', strokeWidth: 1.5 }, encoding: { x, y: { ...y, field: 'mean' } } },
      );
    }
    return { title: { text: sweepMetricTitle(metric), fontSize: 13 }, width: PLOT_WIDTH, height: PANEL_HEIGHT, data: { values: rows }, layer: layers };
  };

  const objective = objectivePhrase(sweep);
  const subtitle = [
    `Policy ${sweep.policy}, ${sweep.replications} replication${sweep.replications === 1 ? '' : 's'} per point on common random numbers; line = mean, band = 95% confidence interval.`,
    ...(objective === null ? [] : [`${best === null ? 'No point meets the constraints' : 'Black diamond = best point'} for: ${objective}.${sweep.constraints.length > 0 ? ' Faded points break a constraint.' : ''}`]),
  ];
  return {
    $schema: SCHEMA,
    title: { text: `Sweep of ${first.path}${second === undefined ? '' : ` by ${second.path}`}`, subtitle },
    config: CONFIG,
    vconcat: metrics.map(panel),
    resolve: { scale: { color: 'shared' }, legend: { color: 'shared' } },
  };
}

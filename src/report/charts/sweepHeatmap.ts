import { formatMetric, metricKind } from '../../experiment/sweep/metrics.js';
import type { SweepJson } from '../../experiment/sweep/result.js';
import { CONFIG, PLOT_WIDTH, SCHEMA, type VegaLiteSpec } from './common.js';
import { objectivePhrase, sweepMetricTitle } from './sweepCommon.js';
import { valueLabelExpr } from './valueLabel.js';

const INFEASIBLE_FILL = '#e5e7eb';

/** The metric a grid's heatmap colours: the objective, or pipeline when there is none. */
export const heatmapMetric = (sweep: SweepJson): string => sweep.objective?.metric ?? 'pipelineDollars';

/**
 * A two-parameter grid as a heatmap of one metric (the objective): darker is better, grey cells break a
 * constraint, the best cell has a heavy outline, and every cell prints its mean.
 */
export function sweepHeatmap(sweep: SweepJson): VegaLiteSpec {
  const [first, second] = sweep.parameters;
  if (first === undefined || second === undefined) throw new Error('a heatmap needs a two-parameter sweep');
  const metric = heatmapMetric(sweep);
  const lowerIsBetter = sweep.objective?.direction === 'minimize';
  const coloured = sweep.points.filter((point) => point.feasible).map((point) => point.metrics[metric]?.mean ?? null).filter((mean): mean is number => mean !== null);
  const [low, high] = [Math.min(...coloured), Math.max(...coloured)];
  // White text on the darker half of the scale keeps the printed values readable.
  const dark = (mean: number) => high > low && (lowerIsBetter ? (high - mean) / (high - low) : (mean - low) / (high - low)) > 0.55;
  const rows = sweep.points.map((point) => {
    const mean = point.metrics[metric]?.mean ?? null;
    const feasible = point.feasible && mean !== null;
    return { x: point.values[first.path]!, y: point.values[second.path]!, mean, text: formatMetric(metric, mean), feasible, dark: feasible && dark(mean), best: sweep.best?.index === point.index };
  });
  const cell = Math.max(26, Math.min(64, Math.floor(PLOT_WIDTH / first.values.length)));
  const x = { field: 'x', type: 'ordinal' as const, title: first.path, sort: first.values, axis: { labelAngle: 0 } };
  const y = { field: 'y', type: 'ordinal' as const, title: second.path, sort: [...second.values].reverse() };
  const objective = objectivePhrase(sweep);
  return {
    $schema: SCHEMA,
    title: {
      text: `${sweepMetricTitle(metric)} by ${first.path} and ${second.path}`,
      subtitle: [
        `Policy ${sweep.policy}, mean of ${sweep.replications} replication${sweep.replications === 1 ? '' : 's'} per cell; ${lowerIsBetter ? 'lighter' : 'darker'} is better.`,
        ...(objective === null ? [] : [`Outlined cell = best for ${objective}.${sweep.constraints.length > 0 ? ' Grey cells break a constraint.' : ''}`]),
      ],
    },
    config: CONFIG,
    width: { step: cell },
    height: { step: Math.max(22, Math.min(40, cell)) },
    data: { values: rows },
    encoding: { x, y },
    layer: [
      {
        name: 'cell',
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: {
            condition: { test: '!datum.feasible', value: INFEASIBLE_FILL },
            field: 'mean',
            type: 'quantitative',
            title: sweepMetricTitle(metric),
            scale: { scheme: 'blues', reverse: lowerIsBetter, ...(coloured.length > 0 ? { domain: [low, high] } : {}) },
            // The legend's ends are the lowest and highest cells: printed as the cells print them.
            legend: { orient: 'right', direction: 'vertical', labelExpr: valueLabelExpr(metricKind(metric)) },
          },
        },
      },
      { name: 'best', transform: [{ filter: 'datum.best' }], mark: { type: 'rect', fill: null, stroke: '#111827', strokeWidth: 3 } },
      {
        name: 'value',
        mark: { type: 'text', fontSize: 10 },
        encoding: { text: { field: 'text' }, color: { condition: { test: 'datum.dark', value: 'white' }, value: '#111827' } },
      },
    ],
  };
}

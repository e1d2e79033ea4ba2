import { CONFIG, MUTED, SCHEMA, type Panel, type VegaLiteSpec } from '../../report/charts/common.js';
import { percent, plural } from '../../report/format.js';
import type { Backtest } from '../backtest.js';
import type { LiftPoint } from './curves.js';

const PANEL_WIDTH = 300;
const PANEL_HEIGHT = 240;
const SERIES = { domain: ['Precision (conversion of passed)', 'Recall (share of converted passed)'], range: ['#4c78a8', '#f58518'] };

/**
 * Two panels: the cumulative gain of ranking history by score (against random targeting), and precision and
 * recall of each MQL threshold with the configured threshold marked.
 */
export function backtestChart(backtest: Backtest, steps: readonly LiftPoint[]): VegaLiteSpec {
  const positive = backtest.positiveStage;
  const gain: Panel = {
    title: { text: `Cumulative gain: share of ${positive} leads in the top-scored leads`, fontSize: 13 },
    width: PANEL_WIDTH,
    height: PANEL_HEIGHT,
    layer: [
      {
        data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
        mark: { type: 'line', strokeDash: [4, 4], color: MUTED },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: steps.map((step) => ({ x: step.targetedShare, y: step.gain })) },
        mark: { type: 'line', color: '#4c78a8', strokeWidth: 2, interpolate: 'linear' },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: 'Share of leads, best scores first', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
          y: { field: 'y', type: 'quantitative', title: `Share of ${positive} leads captured`, axis: { format: '.0%' }, scale: { domain: [0, 1] } },
        },
      },
    ],
  };
  const rows = backtest.thresholds.flatMap((row) => [
    ...(row.conversionPassed === null ? [] : [{ threshold: row.threshold, series: SERIES.domain[0], value: row.conversionPassed }]),
    ...(row.recall === null ? [] : [{ threshold: row.threshold, series: SERIES.domain[1], value: row.recall }]),
  ]);
  const threshold: Panel = {
    title: { text: `Precision and recall by MQL threshold (${backtest.thresholdsBy === 'rule' ? 'the policy\u2019s rule' : 'score cut'})`, fontSize: 13 },
    width: PANEL_WIDTH,
    height: PANEL_HEIGHT,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: {
          x: { field: 'threshold', type: 'quantitative', title: 'MQL threshold (combined points)' },
          y: { field: 'value', type: 'quantitative', title: null, axis: { format: '.0%' }, scale: { domain: [0, 1] } },
          color: { field: 'series', type: 'nominal', scale: SERIES, title: null },
        },
      },
      ...(backtest.configuredThreshold === null
        ? []
        : [
            {
              data: { values: [{ threshold: backtest.configuredThreshold, label: `policy "${backtest.policy}"` }] },
              layer: [
                { mark: { type: 'rule' as const, color: MUTED, strokeDash: [3, 3] }, encoding: { x: { field: 'threshold', type: 'quantitative' as const } } },
                { mark: { type: 'text' as const, align: 'left' as const, dx: 4, y: 8, color: MUTED }, encoding: { x: { field: 'threshold', type: 'quantitative' as const }, text: { field: 'label' } } },
              ],
            },
          ]),
    ],
  };
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: `Backtest of "${backtest.policy}" on ${plural(backtest.leads, 'historical lead')}`,
      subtitle: `${backtest.positives.toLocaleString('en-US')} reached ${positive} (base rate ${percent(backtest.baseRate)}); policy as configured passes ${percent(backtest.asConfigured.passedShare)} of leads`,
    },
    hconcat: [gain, threshold],
  };
}

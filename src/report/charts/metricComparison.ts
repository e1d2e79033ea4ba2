import type { Study } from '../../experiment/simulate.js';
import { BAND_RULES } from '../../metrics/bands.js';
import { dollars, percent } from '../format.js';
import { CONFIG, DOLLAR_LABEL, intervalOf, meanOf, PLOT_WIDTH, policyColor, policyLabels, replicationsPhrase, SCHEMA, type Panel, type VegaLiteSpec } from './common.js';

/** The headline rates in reading order (the funnel from first touch to won). */
export const HEADLINE_RATES: { key: string; label: string }[] = [
  { key: 'contactRate', label: 'Contact rate (MQLs touched)' },
  { key: 'slaCompliance', label: 'SLA compliance' },
  { key: 'salAcceptance', label: 'SAL acceptance' },
  { key: 'mqlToSql', label: 'MQL → SQL' },
  { key: 'mqlToWon', label: 'MQL → won' },
];

export const HEADLINE_DOLLARS: { key: string; label: string }[] = [
  { key: 'pipelineDollars', label: 'Pipeline created' },
  { key: 'wonDollars', label: 'Closed-won' },
];

interface Row {
  metric: string;
  policy: string;
  mean: number;
  lo: number;
  hi: number;
  text: string;
}

function rows(study: Study, metrics: { key: string; label: string }[], format: (value: number) => string, max: number): Row[] {
  const labels = policyLabels(study);
  const out: Row[] = [];
  for (const metric of metrics) {
    study.summary.policies.forEach((policy, index) => {
      const mean = meanOf(policy, metric.key);
      if (mean === null) return;
      const [lo, hi] = intervalOf(policy, metric.key, mean, max);
      out.push({ metric: metric.label, policy: labels[index]!, mean, lo, hi, text: format(mean) });
    });
  }
  return out;
}

/** Headline rates and dollars per policy, each with its 95% confidence interval, against the methodology's bands. */
export function metricComparison(study: Study): VegaLiteSpec {
  const color = policyColor(study);
  const rateOrder = HEADLINE_RATES.map((metric) => metric.label);
  const dollarOrder = HEADLINE_DOLLARS.map((metric) => metric.label);
  const bands = HEADLINE_RATES.flatMap((metric) => {
    const rule = BAND_RULES[metric.key];
    if (rule === undefined || !rule.higherIsBetter) return [];
    return [
      { metric: metric.label, from: rule.good, to: 1, zone: 'good' },
      { metric: metric.label, from: 0, to: rule.red, zone: 'red flag' },
    ];
  });
  const rowHeight = Math.max(34, 14 * study.summary.policies.length + 12);
  const y = (order: string[]) => ({ field: 'metric', type: 'nominal' as const, sort: order, title: null, axis: { labelLimit: 220, labelPadding: 8 } });

  const rates: Panel = {
    title: { text: 'Rates', subtitle: 'Green zone: the methodology\u2019s “good” range; red zone: “red flag”.', fontSize: 13 },
    width: PLOT_WIDTH,
    height: { step: rowHeight, for: 'position' },
    layer: [
      ...(['good', 'red flag'] as const).map((zone) => ({
        name: zone === 'good' ? 'goodZone' : 'redFlagZone',
        data: { values: bands.filter((band) => band.zone === zone) },
        mark: { type: 'rect' as const, color: zone === 'good' ? '#e3f1e4' : '#fbe4e4' },
        encoding: {
          y: y(rateOrder),
          x: { field: 'from', type: 'quantitative' as const },
          x2: { field: 'to' },
        },
      })),
      {
        data: { values: rows(study, HEADLINE_RATES, (value) => percent(value), 1) },
        encoding: {
          y: y(rateOrder),
          yOffset: { field: 'policy', type: 'nominal', sort: color.sort },
          color,
        },
        layer: [
          {
            name: 'rateCi',
            mark: { type: 'errorbar', ticks: { size: 6 }, thickness: 2 },
            encoding: {
              x: { field: 'lo', type: 'quantitative', title: 'Share of MQLs (%)', scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 10 } },
              x2: { field: 'hi' },
            },
          },
          { name: 'ratePoint', mark: { type: 'point', filled: true, size: 70, opacity: 1 }, encoding: { x: { field: 'mean', type: 'quantitative' } } },
          { name: 'rateLabel', mark: { type: 'text', align: 'left', dx: 8, fontSize: 11 }, encoding: { x: { field: 'hi', type: 'quantitative' }, text: { field: 'text' } } },
        ],
      },
    ],
  };

  const money: Panel = {
    title: { text: 'Dollars in the measured window', fontSize: 13 },
    width: PLOT_WIDTH,
    height: { step: rowHeight, for: 'position' },
    data: { values: rows(study, HEADLINE_DOLLARS, (value) => dollars(value), Infinity) },
    encoding: {
      y: y(dollarOrder),
      yOffset: { field: 'policy', type: 'nominal', sort: color.sort },
      color,
    },
    layer: [
      {
        name: 'dollarCi',
        mark: { type: 'errorbar', ticks: { size: 6 }, thickness: 2 },
        encoding: {
          x: { field: 'lo', type: 'quantitative', title: 'US dollars', scale: { zero: true }, axis: { labelExpr: DOLLAR_LABEL } },
          x2: { field: 'hi' },
        },
      },
      { name: 'dollarPoint', mark: { type: 'point', filled: true, size: 70, opacity: 1 }, encoding: { x: { field: 'mean', type: 'quantitative' } } },
      { name: 'dollarLabel', mark: { type: 'text', align: 'left', dx: 8, fontSize: 11 }, encoding: { x: { field: 'hi', type: 'quantitative' }, text: { field: 'text' } } },
    ],
  };

  return {
    $schema: SCHEMA,
    title: { text: 'Headline results by policy', subtitle: `Dot = mean of ${replicationsPhrase(study)}; line = 95% confidence interval. Further right is better.` },
    config: CONFIG,
    vconcat: [rates, money],
  };
}

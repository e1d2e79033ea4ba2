import type { Study } from '../../experiment/simulate.js';
import { BAND_RULES } from '../../metrics/bands.js';
import { dollars, percent } from '../format.js';
import { CONFIG, DOLLAR_LABEL, intervalOf, LABEL_AXIS_WIDTH, LABELLED_PLOT_WIDTH, meanOf, policyColor, policyLabels, replicationsPhrase, SCHEMA, type Panel, type VegaLiteSpec } from './common.js';

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
  /** The methodology's good and red-flag zones for this metric (null where it has none). */
  goodFrom: number | null;
  redTo: number | null;
}

function rows(study: Study, metrics: { key: string; label: string }[], format: (value: number) => string, max: number): Row[] {
  const labels = policyLabels(study);
  const out: Row[] = [];
  for (const metric of metrics) {
    study.summary.policies.forEach((policy, index) => {
      const mean = meanOf(policy, metric.key);
      if (mean === null) return;
      const [lo, hi] = intervalOf(policy, metric.key, mean, max);
      const rule = BAND_RULES[metric.key];
      const banded = rule !== undefined && rule.higherIsBetter;
      out.push({ metric: metric.label, policy: labels[index]!, mean, lo, hi, text: format(mean), goodFrom: banded ? rule.good : null, redTo: banded ? rule.red : null });
    });
  }
  return out;
}

const RATE_TITLE = 'Share of MQLs (%)';
const DOLLAR_TITLE = 'US dollars';

/** Headline rates and dollars per policy, each with its 95% confidence interval, against the methodology's bands. */
export function metricComparison(study: Study): VegaLiteSpec {
  const color = policyColor(study);
  const rateOrder = HEADLINE_RATES.map((metric) => metric.label);
  const dollarOrder = HEADLINE_DOLLARS.map((metric) => metric.label);
  const rowHeight = Math.max(34, 14 * study.summary.policies.length + 12);
  const y = (order: string[]) => ({ field: 'metric', type: 'nominal' as const, sort: order, title: null, axis: { labelLimit: LABEL_AXIS_WIDTH, labelPadding: 8, minExtent: LABEL_AXIS_WIDTH, maxExtent: LABEL_AXIS_WIDTH } });

  const rates: Panel = {
    title: { text: 'Rates', subtitle: 'Green zone: the methodology\u2019s “good” range; red zone: “red flag”.', fontSize: 13 },
    width: LABELLED_PLOT_WIDTH,
    height: { step: rowHeight, for: 'position' },
    data: { values: rows(study, HEADLINE_RATES, (value) => percent(value), 1) },
    encoding: {
      y: y(rateOrder),
      yOffset: { field: 'policy', type: 'nominal', sort: color.sort },
    },
    layer: [
      // Zones are drawn per policy row (with the offset) so they line up exactly with the rows they judge.
      { name: 'goodZone', mark: { type: 'rect', color: '#e3f1e4' }, encoding: { x: { field: 'goodFrom', type: 'quantitative' }, x2: { datum: 1 } } },
      { name: 'redFlagZone', mark: { type: 'rect', color: '#fbe4e4' }, encoding: { x: { field: 'redTo', type: 'quantitative' }, x2: { datum: 0 } } },
      {
        encoding: { color },
        layer: [
          {
            name: 'rateCi',
            mark: { type: 'errorbar', ticks: { size: 6 }, thickness: 2 },
            encoding: {
              x: { field: 'lo', type: 'quantitative', title: RATE_TITLE, scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 5 } },
              x2: { field: 'hi' },
            },
          },
          { name: 'ratePoint', mark: { type: 'point', filled: true, size: 70, opacity: 1 }, encoding: { x: { field: 'mean', type: 'quantitative', title: RATE_TITLE } } },
          { name: 'rateLabel', mark: { type: 'text', align: 'left', dx: 8, fontSize: 11 }, encoding: { x: { field: 'hi', type: 'quantitative', title: RATE_TITLE }, text: { field: 'text' } } },
        ],
      },
    ],
  };

  const money: Panel = {
    title: { text: 'Dollars in the measured window', fontSize: 13 },
    width: LABELLED_PLOT_WIDTH,
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
          x: { field: 'lo', type: 'quantitative', title: DOLLAR_TITLE, scale: { zero: true }, axis: { labelExpr: DOLLAR_LABEL } },
          x2: { field: 'hi' },
        },
      },
      { name: 'dollarPoint', mark: { type: 'point', filled: true, size: 70, opacity: 1 }, encoding: { x: { field: 'mean', type: 'quantitative', title: DOLLAR_TITLE } } },
      { name: 'dollarLabel', mark: { type: 'text', align: 'left', dx: 8, fontSize: 11 }, encoding: { x: { field: 'hi', type: 'quantitative', title: DOLLAR_TITLE }, text: { field: 'text' } } },
    ],
  };

  return {
    $schema: SCHEMA,
    title: { text: 'Headline results by policy', subtitle: `Dot = mean of ${replicationsPhrase(study)}; line = 95% confidence interval. Further right is better.` },
    config: CONFIG,
    vconcat: [rates, money],
  };
}

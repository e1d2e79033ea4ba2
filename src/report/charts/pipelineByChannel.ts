import type { Study } from '../../experiment/simulate.js';
import { dollars } from '../format.js';
import { CONFIG, DOLLAR_LABEL, intervalOf, LABEL_AXIS_WIDTH, LABELLED_PLOT_WIDTH, meanOf, policyColor, policyLabels, replicationsPhrase, SCHEMA, type Panel, type VegaLiteSpec } from './common.js';

/** The 30/30/30/10 attribution split: credit key prefix, its share of each deal, and what the channel is. */
export const CREDIT_RULES: { prefix: string; title: string }[] = [
  { prefix: 'first-touch', title: 'First touch: source channel (30% of each deal)' },
  { prefix: 'lead-creation', title: 'Lead creation: form filled (30%)' },
  { prefix: 'opportunity-creation', title: 'Opportunity creation: sales motion (30%)' },
  { prefix: 'close', title: 'Near-close touch (10%)' },
];

export interface CreditRow {
  rule: string;
  channel: string;
  policy: string;
  mean: number;
  lo: number;
  hi: number;
  text: string;
}

/** Pipeline credit rows per rule, channel and policy; a channel a policy never credited counts as $0. */
export function creditRows(study: Study): CreditRow[] {
  const labels = policyLabels(study);
  const keys = [...new Set(study.summary.policies.flatMap((policy) => Object.keys(policy.metrics.pipelineByChannel ?? {})))].sort();
  const rows: CreditRow[] = [];
  for (const rule of CREDIT_RULES) {
    const ruleKeys = keys.filter((key) => key.startsWith(`${rule.prefix}:`));
    // Channels in the order of the baseline's credit, largest first, so the biggest channel reads first.
    const baseline = study.summary.policies[0];
    const weight = (key: string) => (baseline === undefined ? 0 : (meanOf(baseline, `pipelineByChannel.${key}`) ?? 0));
    ruleKeys.sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1));
    for (const key of ruleKeys) {
      study.summary.policies.forEach((policy, index) => {
        const path = `pipelineByChannel.${key}`;
        const mean = meanOf(policy, path) ?? 0;
        const [lo, hi] = intervalOf(policy, path, mean);
        rows.push({ rule: rule.prefix, channel: key.slice(rule.prefix.length + 1), policy: labels[index]!, mean, lo, hi, text: dollars(mean) });
      });
    }
  }
  return rows;
}

const X_TITLE = 'Pipeline credited (US dollars, measured window)';

/** Pipeline dollars credited to each channel under the 30/30/30/10 split, grouped by policy, with 95% CIs. */
export function pipelineByChannel(study: Study): VegaLiteSpec {
  const color = policyColor(study);
  const rows = creditRows(study);
  const rowHeight = Math.max(24, 12 * study.summary.policies.length + 8);
  const panels: Panel[] = CREDIT_RULES.filter((rule) => rows.some((row) => row.rule === rule.prefix)).map((rule, index, shown) => {
    const values = rows.filter((row) => row.rule === rule.prefix);
    const channels = [...new Set(values.map((row) => row.channel))];
    const last = index === shown.length - 1;
    return {
      title: { text: rule.title, fontSize: 13 },
      width: LABELLED_PLOT_WIDTH,
      height: { step: rowHeight, for: 'position' },
      data: { values },
      encoding: {
        y: { field: 'channel', type: 'nominal', sort: channels, title: null, axis: { labelLimit: LABEL_AXIS_WIDTH, labelPadding: 8, minExtent: LABEL_AXIS_WIDTH, maxExtent: LABEL_AXIS_WIDTH } },
        yOffset: { field: 'policy', type: 'nominal', sort: color.sort },
      },
      layer: [
        {
          name: `creditBar${index}`,
          mark: { type: 'bar', cornerRadiusEnd: 2 },
          encoding: {
            x: { field: 'mean', type: 'quantitative', title: last ? X_TITLE : null, axis: { labelExpr: DOLLAR_LABEL } },
            color,
          },
        },
        { name: `creditCi${index}`, mark: { type: 'errorbar', ticks: { size: 4 }, color: '#111827' }, encoding: { x: { field: 'lo', type: 'quantitative', title: last ? X_TITLE : null }, x2: { field: 'hi' } } },
        { name: `creditLabel${index}`, mark: { type: 'text', align: 'left', dx: 5, fontSize: 10, color: '#374151' }, encoding: { x: { field: 'hi', type: 'quantitative', title: last ? X_TITLE : null }, text: { field: 'text' } } },
      ],
    };
  });
  return {
    $schema: SCHEMA,
    title: {
      text: 'Pipeline by channel',
      subtitle: [`Each deal\u2019s pipeline is split 30% first touch, 30% lead creation, 30% opportunity creation, 10% near-close touch.`, `Bar = mean of ${replicationsPhrase(study)}; black line = 95% confidence interval. All panels share one dollar scale.`],
    },
    config: CONFIG,
    vconcat: panels,
    resolve: { scale: { x: 'shared', y: 'independent' } },
  };
}

import type { Study } from '../../experiment/simulate.js';
import { BAND_RULES } from '../../metrics/bands.js';
import { percent } from '../format.js';
import { CONFIG, GOOD_COLOR, intervalOf, LABEL_AXIS_WIDTH, LABELLED_PLOT_WIDTH, meanOf, policyColor, policyLabels, RED_FLAG_COLOR, replicationsPhrase, SCHEMA, type VegaLiteSpec } from './common.js';

const rule = BAND_RULES.slaCompliance!;

/** Tier names in routing order (as the engine reports them), over every policy. */
export function tierNames(study: Study): string[] {
  const names: string[] = [];
  for (const results of study.results.values()) {
    for (const tier of results[0]?.tiers ?? []) if (!names.includes(tier.name)) names.push(tier.name);
  }
  for (const policy of study.summary.policies) {
    for (const name of Object.keys(policy.metrics.slaComplianceByTier ?? {})) if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** "5 min", "4 h", "same day": the first-touch target of a tier when every policy agrees on it. */
function targetOf(study: Study, tier: string): string | null {
  const targets = new Set<string>();
  for (const policy of study.summary.policies) {
    const spec = study.loaded.scenario.policies[policy.name]?.routing.tiers.find((t) => t.name === tier);
    if (spec === undefined) continue;
    const sla = spec.sla;
    if (sla === 'same-business-day') targets.add('same business day');
    else targets.add(sla.minutes < 120 ? `${sla.minutes} min` : sla.minutes % 60 === 0 ? `${sla.minutes / 60} h` : `${(sla.minutes / 60).toFixed(1)} h`);
  }
  return targets.size === 1 ? [...targets][0]! : null;
}

const SLA_TITLE = 'MQLs touched within the tier\u2019s target (%)';

/** SLA compliance per routing tier, grouped by policy, with the methodology's good / red-flag thresholds. */
export function slaByTier(study: Study): VegaLiteSpec {
  const color = policyColor(study);
  const labels = policyLabels(study);
  const tiers = tierNames(study).map((name) => {
    const target = targetOf(study, name);
    return { name, label: target === null ? name : `${name} (${target})` };
  });
  const rows = tiers.flatMap((tier) =>
    study.summary.policies.flatMap((policy, index) => {
      const path = `slaComplianceByTier.${tier.name}`;
      const mean = meanOf(policy, path);
      if (mean === null) return [];
      const [lo, hi] = intervalOf(policy, path, mean, 1);
      return [{ tier: tier.label, policy: labels[index]!, mean, lo, hi, text: percent(mean, 0) }];
    }),
  );
  const thresholds = [
    // Labels point away from each other (good to the right, red flag to the left) so they never collide.
    { value: rule.good, label: `${percent(rule.good, 0)} good \u2192`, color: GOOD_COLOR, align: 'left' as const, dx: 3 },
    { value: rule.red, label: `\u2190 ${percent(rule.red, 0)} red flag`, color: RED_FLAG_COLOR, align: 'right' as const, dx: -3 },
  ];
  const rowHeight = Math.max(30, 16 * study.summary.policies.length + 10);
  const y = { field: 'tier', type: 'nominal' as const, sort: tiers.map((tier) => tier.label), title: 'Routing tier (first-touch target)', axis: { labelLimit: LABEL_AXIS_WIDTH + 30, labelPadding: 8 } };
  return {
    $schema: SCHEMA,
    title: {
      text: 'SLA compliance by lead tier',
      subtitle: [`Share of a tier\u2019s MQLs touched within its target. Bar = mean of ${replicationsPhrase(study)}; black line = 95% confidence interval.`, `Methodology: ${percent(rule.good, 0)}+ is good, under ${percent(rule.red, 0)} is a red flag.`],
    },
    config: CONFIG,
    width: LABELLED_PLOT_WIDTH,
    height: { step: rowHeight, for: 'position' },
    layer: [
      {
        data: { values: rows },
        encoding: { y, yOffset: { field: 'policy', type: 'nominal', sort: color.sort } },
        layer: [
          {
            name: 'slaBar',
            mark: { type: 'bar', cornerRadiusEnd: 2 },
            encoding: {
              x: { field: 'mean', type: 'quantitative', title: SLA_TITLE, scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 5 } },
              color,
            },
          },
          {
            name: 'slaCi',
            mark: { type: 'errorbar', ticks: { size: 5 }, color: '#111827' },
            encoding: { x: { field: 'lo', type: 'quantitative', title: SLA_TITLE }, x2: { field: 'hi' } },
          },
        ],
      },
      ...thresholds.flatMap((threshold, index) => [
        {
          name: `threshold${index}`,
          data: { values: [{ value: threshold.value, label: threshold.label }] },
          mark: { type: 'rule' as const, strokeDash: [6, 4], strokeWidth: 1.5, color: threshold.color },
          encoding: { x: { field: 'value', type: 'quantitative' as const } },
        },
        {
          name: `thresholdLabel${index}`,
          data: { values: [{ value: threshold.value, label: threshold.label }] },
          mark: { type: 'text' as const, align: threshold.align, dx: threshold.dx, baseline: 'bottom' as const, y: -4, fontSize: 11, fontWeight: 600 as const, color: threshold.color },
          encoding: { x: { field: 'value', type: 'quantitative' as const }, text: { field: 'label' } },
        },
      ]),
      // The value labels go over the threshold lines, on a white halo, so a line through "81%" does not cross it out.
      ...[{ name: 'slaLabelHalo', halo: { stroke: 'white', strokeWidth: 3, strokeJoin: 'round' as const } }, { name: 'slaLabel', halo: {} }].map(({ name, halo }) => ({
        name,
        data: { values: rows },
        mark: { type: 'text' as const, align: 'left' as const, dx: 5, fontSize: 11, color: '#374151', ...halo },
        encoding: { y, yOffset: { field: 'policy', type: 'nominal' as const, sort: color.sort }, x: { field: 'hi', type: 'quantitative' as const, title: SLA_TITLE }, text: { field: 'text' } },
      })),
    ],
  };
}

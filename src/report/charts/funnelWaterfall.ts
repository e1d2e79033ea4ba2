import type { Study } from '../../experiment/simulate.js';
import type { Counts } from '../../metrics/collector.js';
import { count, percent } from '../format.js';
import { CONFIG, intervalOf, LABEL_AXIS_WIDTH, LABELLED_PLOT_WIDTH, meanOf, measuredWeeksPhrase, policyColor, policyLabels, replicationsPhrase, SCHEMA, type Panel, type VegaLiteSpec } from './common.js';

/** Funnel stages and the replication count each is read from. */
export const FUNNEL_STAGES: { label: string; count: keyof Counts }[] = [
  { label: 'MQLs', count: 'mqls' },
  { label: 'Accepted (SAL)', count: 'sal' },
  { label: 'SQLs', count: 'sql' },
  { label: 'Opportunities', count: 'opportunities' },
  { label: 'Won', count: 'won' },
];

/** Stage-to-stage conversion metrics with the methodology's "typical" range (handoff-sla-methodology.txt section 3). */
export const FUNNEL_STEPS: { key: string; label: string; typical: [number, number] | null }[] = [
  { key: 'salAcceptance', label: 'MQL → SAL', typical: [0.4, 0.6] },
  { key: 'salToSql', label: 'SAL → SQL', typical: [0.5, 0.65] },
  { key: 'sqlToOpportunity', label: 'SQL → opportunity', typical: [0.4, 0.55] },
  { key: 'winRate', label: 'Opportunity → won', typical: null },
  { key: 'mqlToSql', label: 'MQL → SQL overall', typical: [0.13, 0.21] },
];

const stepLabel = (step: (typeof FUNNEL_STEPS)[number]) =>
  step.typical === null ? `${step.label} (no benchmark)` : `${step.label} (typical ${Math.round(step.typical[0] * 100)}–${percent(step.typical[1], 0)})`;

const STEP_TITLE = 'Conversion rate (%)';

/** MQL -> SAL -> SQL -> opportunity -> won per policy: counts per stage, and each step's rate against the benchmarks. */
export function funnelWaterfall(study: Study): VegaLiteSpec {
  const color = policyColor(study);
  const labels = policyLabels(study);
  const stageRows = study.summary.policies.flatMap((policy, index) => {
    const results = study.results.get(policy.name) ?? [];
    return FUNNEL_STAGES.map((stage) => {
      const mean = results.length === 0 ? 0 : results.reduce((sum, result) => sum + result.counts[stage.count], 0) / results.length;
      return { stage: stage.label, policy: labels[index]!, mean: Number(mean.toFixed(2)), text: count(mean) };
    });
  });
  const stepRows = FUNNEL_STEPS.flatMap((step) =>
    study.summary.policies.flatMap((policy, index) => {
      const mean = meanOf(policy, step.key);
      if (mean === null) return [];
      const [lo, hi] = intervalOf(policy, step.key, mean, 1);
      return [{ step: stepLabel(step), policy: labels[index]!, mean, lo, hi, text: percent(mean), typicalFrom: step.typical?.[0] ?? null, typicalTo: step.typical?.[1] ?? null }];
    }),
  );
  const stepOrder = FUNNEL_STEPS.map(stepLabel);
  const stepY = { field: 'step', type: 'nominal' as const, sort: stepOrder, title: null, axis: { labelLimit: LABEL_AXIS_WIDTH + 40, labelPadding: 8, minExtent: LABEL_AXIS_WIDTH + 40, maxExtent: LABEL_AXIS_WIDTH + 40 } };

  // Past two policies a bar is narrower than a label like "1,625": the labels then run up the bars, clear of each other.
  const upright = study.summary.policies.length <= 2;
  const stages: Panel = {
    title: { text: `Leads reaching each stage (mean per replication, ${measuredWeeksPhrase(study)})`, fontSize: 13 },
    width: LABELLED_PLOT_WIDTH,
    height: 220,
    data: { values: stageRows },
    encoding: {
      x: { field: 'stage', type: 'nominal', sort: FUNNEL_STAGES.map((stage) => stage.label), title: null, axis: { labelAngle: 0, labelFontSize: 12 } },
      xOffset: { field: 'policy', type: 'nominal', sort: color.sort },
      y: { field: 'mean', type: 'quantitative', title: 'Leads', axis: { format: ',d' } },
      color,
    },
    layer: [
      { name: 'stageBar', mark: { type: 'bar', cornerRadiusEnd: 2 } },
      { name: 'stageLabel', mark: { type: 'text', fontSize: 10, color: '#374151', ...(upright ? { baseline: 'bottom', dy: -3 } : { angle: 270, align: 'left', baseline: 'middle', dx: 3 }) }, encoding: { text: { field: 'text' } } },
    ],
  };
  const steps: Panel = {
    title: { text: 'Conversion at each step, against the methodology\u2019s typical range (grey)', fontSize: 13 },
    width: LABELLED_PLOT_WIDTH,
    height: { step: Math.max(30, 14 * study.summary.policies.length + 12), for: 'position' },
    data: { values: stepRows },
    encoding: { y: stepY, yOffset: { field: 'policy', type: 'nominal', sort: color.sort } },
    layer: [
      // Drawn per policy row (with the offset) so the band spans exactly the rows of its step.
      { name: 'typicalRange', mark: { type: 'rect', color: '#e5e7eb' }, encoding: { x: { field: 'typicalFrom', type: 'quantitative', title: STEP_TITLE }, x2: { field: 'typicalTo' } } },
      {
        encoding: { color },
        layer: [
          {
            name: 'stepCi',
            mark: { type: 'errorbar', ticks: { size: 6 }, thickness: 2 },
            encoding: { x: { field: 'lo', type: 'quantitative', title: STEP_TITLE, scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 5 } }, x2: { field: 'hi' } },
          },
          { name: 'stepPoint', mark: { type: 'point', filled: true, size: 70, opacity: 1 }, encoding: { x: { field: 'mean', type: 'quantitative', title: STEP_TITLE } } },
          { name: 'stepLabel', mark: { type: 'text', align: 'left', dx: 8, fontSize: 11 }, encoding: { x: { field: 'hi', type: 'quantitative', title: STEP_TITLE }, text: { field: 'text' } } },
        ],
      },
    ],
  };
  return {
    $schema: SCHEMA,
    title: { text: 'Lead funnel: where MQLs drop out', subtitle: `Top: how many leads reach each stage. Bottom: each step\u2019s conversion (dot = mean of ${replicationsPhrase(study)}, line = 95% CI).` },
    config: CONFIG,
    vconcat: [stages, steps],
  };
}


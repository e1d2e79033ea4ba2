import type { Config, TopLevelSpec } from 'vega-lite';
import type { Field } from 'vega-lite/types_unstable/channeldef.js';
import type { LayerSpec, NonNormalizedSpec, UnitSpec } from 'vega-lite/types_unstable/spec/index.js';
import type { PolicySummary } from '../../experiment/aggregate.js';
import type { Study } from '../../experiment/simulate.js';
import { flattenMetrics } from '../../metrics/derive.js';

/** Every chart builder returns a plain vega-lite spec (data inlined) so the report needs no network. */
export type VegaLiteSpec = TopLevelSpec;
/** A child of a layer (a unit or a nested layer). */
export type LayerChild = LayerSpec<Field> | UnitSpec<Field>;
/** A panel of a vconcat. */
export type Panel = NonNormalizedSpec;

/** Plot-area width of charts with a narrow numeric y axis (time series); the SVG comes to about 620-680 px. */
export const PLOT_WIDTH = 560;
/** Plot-area width of charts with a row-label axis on the left; with the labels the SVG comes to about 700 px. */
export const LABELLED_PLOT_WIDTH = 440;
/** Metric-compatible faces on macOS, Windows and Linux, so the widths renderSvg lays text out with hold everywhere. */
export const FONT = 'Helvetica, Arial, "Liberation Sans", "Nimbus Sans", sans-serif';
/** Fixed width of row-label axes, so stacked panels line their plots up. */
export const LABEL_AXIS_WIDTH = 180;
export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Tableau 10: colour-blind friendly enough for 2-4 series and familiar from BI tools; baseline always gets the first. */
const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#9d755d', '#eeca3b', '#ff9da6', '#bab0ac'];
export const GOOD_COLOR = '#2e7d32';
export const RED_FLAG_COLOR = '#c62828';
export const MUTED = '#6b7280';

export const CONFIG: Config = {
  font: FONT,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  title: { fontSize: 16, fontWeight: 600, anchor: 'start', color: '#111827', subtitleFontSize: 12, subtitleColor: '#4b5563', subtitlePadding: 4, offset: 14 },
  axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 600, labelColor: '#374151', titleColor: '#374151', gridColor: '#eceff3', domainColor: '#9ca3af', tickColor: '#9ca3af', titlePadding: 8 },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 600, labelColor: '#374151', titleColor: '#374151', symbolSize: 120, orient: 'top', direction: 'horizontal', columnPadding: 18, labelLimit: 320 },
  header: { labelFontSize: 12, titleFontSize: 13 },
  concat: { spacing: 28 },
};

/** Display name of each policy in study order; the first is marked as the baseline when there are challengers. */
export function policyLabels(study: Study): string[] {
  const names = study.summary.policies.map((policy) => policy.name);
  return names.map((name, index) => (index === 0 && names.length > 1 ? `${name} (baseline)` : name));
}

/** The same policy -> colour mapping in every chart, baseline first. */
export function policyColor(study: Study) {
  const domain = policyLabels(study);
  return {
    field: 'policy',
    type: 'nominal' as const,
    scale: { domain, range: domain.map((_, index) => PALETTE[index % PALETTE.length]!) },
    sort: domain,
    // Every policy-coloured mark is drawn opaque; a point legend would otherwise fade its symbols to 0.7.
    legend: { title: 'Policy', symbolOpacity: 1 },
  };
}

/** Mean over replications of a metric by dotted path, or null where undefined. */
export function meanOf(policy: PolicySummary, path: string): number | null {
  const value = flattenMetrics(policy.metrics)[path];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * 95% interval of a metric, clipped to the values it can take (a t-interval of a share near 0 or 1 can
 * cross the bound); a point interval when there is only one replication.
 */
export function intervalOf(policy: PolicySummary, path: string, mean: number, max = Infinity): [number, number] {
  const [lo, hi] = policy.ci95[path] ?? [mean, mean];
  return [Math.min(max, Math.max(0, lo)), Math.min(max, Math.max(0, hi))];
}

export function replicationsPhrase(study: Study): string {
  const n = study.summary.replications;
  return `${n} replication${n === 1 ? '' : 's'}`;
}

export function measuredWeeksPhrase(study: Study): string {
  const weeks = study.loaded.scenario.horizonWeeks - study.loaded.scenario.warmupWeeks;
  return `${Number(weeks.toFixed(2))}-week measured window`;
}

/** Axis label expression for dollar amounts: $950K, $10.5M, $1.2B. */
export const DOLLAR_LABEL = "replace(replace(format(datum.value, '$.3~s'), 'G', 'B'), 'k', 'K')";

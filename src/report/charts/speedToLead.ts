import type { Study } from '../../experiment/simulate.js';
import { binUpperMinutes } from '../../metrics/histogram.js';
import { CONFIG, MUTED, PLOT_WIDTH, policyColor, policyLabels, replicationsPhrase, SCHEMA, type VegaLiteSpec } from './common.js';

/** Reference response times a RevOps lead thinks in. */
export const SPEED_MARKERS: { minutes: number; label: string }[] = [
  { minutes: 5, label: '5 min' },
  { minutes: 60, label: '1 hour' },
  { minutes: 240, label: '4 hours' },
  { minutes: 1440, label: '1 day' },
];

const AXIS_TICKS: { minutes: number; label: string }[] = [
  { minutes: 0.1, label: '6 s' },
  { minutes: 1, label: '1 min' },
  { minutes: 5, label: '5 min' },
  { minutes: 15, label: '15 min' },
  { minutes: 60, label: '1 h' },
  { minutes: 240, label: '4 h' },
  { minutes: 1440, label: '1 day' },
  { minutes: 4320, label: '3 days' },
  { minutes: 10_080, label: '1 week' },
  { minutes: 40_320, label: '4 weeks' },
];

const FROM_MINUTES = 0.1;
/** Points per decade of the plotted curve: smooth on a log axis while keeping the SVG small. */
const POINTS_PER_DECADE = 24;

export interface SpeedPoint {
  policy: string;
  minutes: number;
  share: number;
}

/**
 * Cumulative share of assigned MQLs touched within t minutes, from the speed histograms of every replication
 * pooled. Dividing by MQLs assigned (not touched) makes the curve level off at the contact rate.
 */
export function speedCurves(study: Study): SpeedPoint[] {
  const labels = policyLabels(study);
  const pooled = study.summary.policies.map((policy) => {
    const counts = new Map<number, number>();
    let assigned = 0;
    for (const result of study.results.get(policy.name) ?? []) {
      assigned += result.counts.assigned;
      for (const [bin, count] of result.speedBins) counts.set(bin, (counts.get(bin) ?? 0) + count);
    }
    const bins = [...counts.entries()].sort((a, b) => a[0] - b[0]);
    return { assigned, bins };
  });
  const slowest = Math.max(1440, ...pooled.flatMap(({ bins }) => bins.map(([bin]) => binUpperMinutes(bin))));
  const until = Math.min(slowest, AXIS_TICKS[AXIS_TICKS.length - 1]!.minutes);
  const steps = Math.ceil(Math.log10(until / FROM_MINUTES) * POINTS_PER_DECADE);
  const points: SpeedPoint[] = [];
  pooled.forEach(({ assigned, bins }, index) => {
    if (assigned === 0) return;
    let next = 0;
    let touched = 0;
    for (let step = 0; step <= steps; step++) {
      const minutes = Math.min(until, FROM_MINUTES * 10 ** (step / POINTS_PER_DECADE));
      while (next < bins.length && binUpperMinutes(bins[next]![0]) <= minutes * (1 + 1e-9)) touched += bins[next++]![1];
      points.push({ policy: labels[index]!, minutes: Number(minutes.toPrecision(6)), share: Number((touched / assigned).toPrecision(6)) });
    }
  });
  return points;
}

/** Speed-to-lead distribution per policy: cumulative share of MQLs touched against minutes on a log axis. */
export function speedToLead(study: Study): VegaLiteSpec {
  const color = policyColor(study);
  const points = speedCurves(study);
  const until = Math.max(...points.map((point) => point.minutes), 1440);
  const ticks = AXIS_TICKS.filter((tick) => tick.minutes <= until * 1.0001);
  const tickLabel = ticks.map((tick) => `abs(datum.value - ${tick.minutes}) < ${tick.minutes * 1e-3} ? '${tick.label}'`).join(' : ') + " : ''";
  const x = {
    field: 'minutes',
    type: 'quantitative' as const,
    title: 'Time from MQL to first touch (log scale)',
    scale: { type: 'log' as const, domain: [FROM_MINUTES, until] },
    axis: { values: ticks.map((tick) => tick.minutes), labelExpr: tickLabel, grid: true },
  };
  return {
    $schema: SCHEMA,
    title: {
      text: 'Speed to lead: how quickly MQLs get a first touch',
      subtitle: [
        `Share of assigned MQLs touched within a given time, all ${replicationsPhrase(study)} pooled.`,
        'Higher and further left is faster; each line levels off at that policy\u2019s contact rate.',
      ],
    },
    config: CONFIG,
    width: PLOT_WIDTH,
    height: 300,
    layer: [
      {
        name: 'marker',
        data: { values: SPEED_MARKERS },
        mark: { type: 'rule', color: MUTED, strokeDash: [4, 4], strokeWidth: 1 },
        encoding: { x: { ...x, field: 'minutes' } },
      },
      {
        name: 'markerLabel',
        data: { values: SPEED_MARKERS },
        mark: { type: 'text', color: MUTED, align: 'left', baseline: 'top', dx: 4, y: 4, fontSize: 11 },
        encoding: { x: { field: 'minutes', type: 'quantitative' }, text: { field: 'label' } },
      },
      {
        name: 'curve',
        data: { values: points },
        mark: { type: 'line', interpolate: 'monotone', strokeWidth: 2.5, clip: true },
        encoding: {
          x,
          y: { field: 'share', type: 'quantitative', title: 'MQLs touched (% of assigned)', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          color,
        },
      },
    ],
  };
}

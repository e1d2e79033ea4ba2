import { localToSimMinutes, originOf } from '../../engine/calendar.js';
import type { Study } from '../../experiment/simulate.js';
import type { DailyResult, ReplicationResult } from '../../metrics/result.js';
import { CONFIG, MUTED, PLOT_WIDTH, policyColor, policyLabels, replicationsPhrase, SCHEMA, type LayerChild, type Panel, type VegaLiteSpec } from './common.js';
import { niceAxis } from './niceAxis.js';

const DAY_MS = 86_400_000;
const SURGE_FILL = '#fde7c8';
const WARMUP_FILL = '#eef0f3';
const PANEL_HEIGHT = 130;
/** Where the warm-up label sits: its top edge's offset from the top of the plot, and its font size. */
const LABEL_TOP = 4;
const LABEL_SIZE = 11;

export interface SurgeWindow {
  sources: string[];
  label: string;
  from: number;
  to: number;
}

/** Dates are plotted as UTC midnights of the local simulation days, so output never depends on the machine's zone. */
function dayZeroMs(study: Study): number {
  return Date.parse(`${study.loaded.scenario.start}T00:00:00Z`);
}

/**
 * Scenario surge windows (full-strength part) on the chart's time axis, clipped to the horizon; one launch that
 * several sources share is one window (drawn and labelled once), naming its sources.
 */
export function surgeWindows(study: Study): SurgeWindow[] {
  const scenario = study.loaded.scenario;
  const origin = originOf(scenario.start, scenario.timeZone);
  const zero = dayZeroMs(study);
  const end = zero + scenario.horizonWeeks * 7 * DAY_MS;
  const windows: SurgeWindow[] = [];
  for (const [source, spec] of Object.entries(scenario.sources)) {
    for (const surge of spec.surges) {
      const from = zero + localToSimMinutes(surge.start, scenario.timeZone, origin) * 60_000;
      const to = from + surge.hours * 3_600_000;
      if (to <= zero || from >= end) continue;
      const window = { sources: [source], label: surge.label ?? `${source} surge ×${surge.multiplier}`, from: Math.max(from, zero), to: Math.min(to, end) };
      const same = windows.find((other) => other.label === window.label && other.from === window.from && other.to === window.to);
      if (same === undefined) windows.push(window);
      else same.sources.push(source);
    }
  }
  return windows.sort((a, b) => a.from - b.from || (a.sources[0]! < b.sources[0]! ? -1 : a.sources[0]! > b.sources[0]! ? 1 : 0));
}

function dailyMean(results: readonly ReplicationResult[], pick: (daily: DailyResult) => number[], day: number): number {
  if (results.length === 0) return 0;
  const sum = results.reduce((total, result) => total + (pick(result.daily)[day] ?? 0), 0);
  return Number((sum / results.length).toFixed(3));
}

/** Daily inquiries, MQLs and queue length (means over replications) with surge windows and surge-protocol days. */
export function dailyVolume(study: Study): VegaLiteSpec {
  const scenario = study.loaded.scenario;
  const color = policyColor(study);
  const labels = policyLabels(study);
  const zero = dayZeroMs(study);
  const days = Math.ceil(scenario.horizonWeeks * 7 - 1e-9);
  const warmupDays = Math.min(days, Math.round(scenario.warmupWeeks * 7));
  const dateOf = (day: number) => zero + day * DAY_MS;
  const rows = study.summary.policies.flatMap((policy, index) => {
    const results = study.results.get(policy.name) ?? [];
    return Array.from({ length: days }, (_, day) => ({
      policy: labels[index]!,
      // A day's total is plotted at noon, the middle of the day it covers (and of any surge window inside it).
      date: dateOf(day) + DAY_MS / 2,
      day,
      measured: day >= warmupDays,
      arrivals: dailyMean(results, (d) => d.arrivals, day),
      mqls: dailyMean(results, (d) => d.mqls, day),
      queue: dailyMean(results, (d) => d.queueLength, day),
      surge: dailyMean(results, (d) => d.surge, day),
    }));
  });
  const baselineLabel = labels[0] ?? '';
  const sameArrivals = labels.every((label) => {
    const mine = rows.filter((row) => row.policy === label).map((row) => row.arrivals);
    const base = rows.filter((row) => row.policy === baselineLabel).map((row) => row.arrivals);
    return mine.every((value, i) => value === base[i]);
  });
  const surges = surgeWindows(study);
  const protocolDays = rows.filter((row) => row.surge > 0).map((row) => ({ policy: row.policy, date: dateOf(row.day), end: dateOf(row.day + 1), share: row.surge }));

  const ticks = Array.from({ length: Math.floor((days - 1) / 7) + 1 }, (_, week) => dateOf(week * 7));
  // The domain goes on the series layer only: vega-lite reports a conflict when a layer with x2 repeats it.
  const x = (title: string | null, field = 'date', withDomain = field === 'date') => ({
    field,
    type: 'temporal' as const,
    title,
    scale: withDomain ? { type: 'utc' as const, domain: [zero, dateOf(days)] } : { type: 'utc' as const },
    axis: { values: ticks, format: '%b %-d', labelAngle: 0, grid: true },
  });

  /** Warm-up and surge shading behind a panel's lines; the labels go on the top panel only. */
  const context = (panel: string, withLabels: boolean): LayerChild[] => {
    const layers: LayerChild[] = [];
    if (warmupDays > 0) {
      const warmup = [{ from: zero, to: dateOf(warmupDays), label: 'warm-up (not measured)' }];
      layers.push({ name: `${panel}Warmup`, data: { values: warmup }, mark: { type: 'rect', color: WARMUP_FILL }, encoding: { x: x(null, 'from'), x2: { field: 'to' } } });
      if (withLabels) {
        // At the top, in the headroom the panel keeps above its line (at the bottom the weekend dips ran through it).
        layers.push({ name: `${panel}WarmupLabel`, data: { values: warmup }, mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, y: LABEL_TOP, fontSize: LABEL_SIZE, color: MUTED }, encoding: { x: x(null, 'from'), text: { field: 'label' } } });
      }
    }
    if (surges.length > 0) {
      layers.push({ name: `${panel}SurgeWindow`, data: { values: surges }, mark: { type: 'rect', color: SURGE_FILL, opacity: 0.9 }, encoding: { x: x(null, 'from'), x2: { field: 'to' } } });
      if (withLabels) {
        // Up to three label rows so windows that start close together do not print on top of each other.
        for (let row = 0; row < Math.min(3, surges.length); row++) {
          const values = surges.filter((_, index) => index % 3 === row);
          layers.push({
            name: `${panel}SurgeLabel${row}`,
            data: { values },
            mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, y: 20 + row * 14, fontSize: 11, fontWeight: 600, color: '#b45309' },
            encoding: { x: x(null, 'from'), text: { field: 'label' } },
          });
        }
      }
    }
    return layers;
  };

  type Row = (typeof rows)[number];
  // The baseline is drawn wider underneath, so it still shows where a challenger's line lies right on top of it.
  const series = (name: string, values: Row[], encoding: { x: ReturnType<typeof x>; y: { field: string; type: 'quantitative'; title: string } }): LayerChild[] => [
    { name: `${name}Baseline`, data: { values: values.filter((row) => row.policy === baselineLabel) }, mark: { type: 'line', strokeWidth: 3.5 }, encoding: { ...encoding, color } },
    { name: `${name}Challengers`, data: { values: values.filter((row) => row.policy !== baselineLabel) }, mark: { type: 'line', strokeWidth: 1.8 }, encoding: { ...encoding, color } },
  ];
  // Headroom above the busiest day keeps the labels clear of the line: the surge labels' rows, or the warm-up label's one.
  const headroom = surges.length > 0 ? 1.35 : warmupDays > 0 ? PANEL_HEIGHT / (PANEL_HEIGHT - LABEL_TOP - LABEL_SIZE - 4) : 1;
  const valueY = (field: 'arrivals' | 'mqls' | 'queue', title: string, values: Row[], room = 1) => ({ field, type: 'quantitative' as const, title, ...niceAxis(Math.max(0, ...values.map((row) => row[field])) * room) });
  const arrivalsY = valueY('arrivals', 'Inquiries / day', rows, headroom);
  const inquiries: Panel = {
    title: { text: sameArrivals && labels.length > 1 ? 'Inquiries per day (the same simulated lead stream for every policy)' : 'Inquiries per day', fontSize: 13 },
    width: PLOT_WIDTH,
    height: PANEL_HEIGHT,
    layer: [
      ...context('inquiries', true),
      ...(sameArrivals
        ? [{ name: 'arrivals', data: { values: rows.filter((row) => row.policy === baselineLabel) }, mark: { type: 'line', color: MUTED, strokeWidth: 1.5 }, encoding: { x: x(null), y: arrivalsY } } satisfies LayerChild]
        : series('arrivals', rows, { x: x(null), y: arrivalsY })),
    ],
  };
  const mqls: Panel = {
    title: { text: 'MQLs per day', fontSize: 13 },
    width: PLOT_WIDTH,
    height: PANEL_HEIGHT,
    layer: [...context('mqls', false), ...series('mqls', rows, { x: x(null), y: valueY('mqls', 'MQLs / day', rows) })],
  };
  const measured = rows.filter((row) => row.measured);
  const queue: Panel = {
    title: { text: 'Leads waiting for a first touch (average over the day)', fontSize: 13 },
    width: PLOT_WIDTH,
    height: PANEL_HEIGHT,
    layer: [
      ...context('queue', false),
      ...series('queue', measured, { x: x(protocolDays.length > 0 ? null : 'Date'), y: valueY('queue', 'Leads waiting', measured) }),
    ],
  };
  const panels: Panel[] = [inquiries, mqls, queue];
  if (protocolDays.length > 0) {
    panels.push({
      title: { text: 'Days the surge protocol was on (darker = on in more replications)', fontSize: 13 },
      width: PLOT_WIDTH,
      height: { step: 18 },
      data: { values: protocolDays },
      name: 'surgeProtocol',
      mark: { type: 'rect' },
      encoding: {
        x: x('Date', 'date', false),
        x2: { field: 'end' },
        y: { field: 'policy', type: 'nominal', sort: color.sort, title: null, scale: { domain: labels }, axis: { labelLimit: 220 } },
        color,
        opacity: { field: 'share', type: 'quantitative', scale: { domain: [0, 1], range: [0.15, 1] }, legend: null },
      },
    });
  }
  return {
    $schema: SCHEMA,
    title: {
      text: 'Daily volume and backlog',
      subtitle: [`Means over ${replicationsPhrase(study)} per calendar day (${scenario.timeZone}).${surges.length > 0 ? ' Orange bands: scenario surge windows.' : ' No surge windows in this scenario.'}`],
    },
    config: CONFIG,
    vconcat: panels,
    resolve: { scale: { x: 'shared' } },
  };
}


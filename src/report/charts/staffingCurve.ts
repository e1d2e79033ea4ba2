import type { AnalyticRole, CurvePoint, StaffingSummary } from '../../experiment/staffing/schema.js';
import { durationLabel } from '../../experiment/staffing/target.js';
import { CONFIG, DOLLAR_LABEL, GOOD_COLOR, MUTED, PLOT_WIDTH, RED_FLAG_COLOR, SCHEMA, type Panel, type VegaLiteSpec } from './common.js';

const SIM_COLOR = '#4c78a8';
const ANALYTIC_COLOR = '#f58518';
const PANEL_HEIGHT = 240;

const pct = (value: number) => `${Number((value * 100).toFixed(1))}%`;

/** Headcounts shown: every simulated one with a step of margin, so the formula line frames the simulated points. */
function headcountDomain(points: readonly CurvePoint[]): [number, number] {
  const counts = points.map((point) => point.headcount);
  return [Math.max(0, Math.min(...counts) - 1), Math.max(...counts) + 1];
}

/** One panel: the simulated share with its 95% band, the formula's curve, the target and the answer. */
function targetPanel(summary: StaffingSummary, role: string, targetText: string, points: readonly CurvePoint[], analytic: AnalyticRole | undefined): Panel {
  const target = summary.targets.find((entry) => entry.text === targetText)!;
  const [from, to] = headcountDomain(points);
  const recommended = summary.recommended[role as 'sdr' | 'ae'] ?? null;
  const method = analytic?.method === 'erlang-a' ? 'Erlang A' : 'Erlang C';
  const simulated = points.flatMap((point) => {
    const stats = point.targets.find((entry) => entry.target === targetText);
    if (stats?.mean === null || stats?.mean === undefined || stats.ci95 === null) return [];
    return [{ series: 'simulation: mean and 95% band', headcount: point.headcount, mean: stats.mean, lo: Math.max(0, stats.ci95[0]), hi: Math.min(1, stats.ci95[1]), bound: stats.lowerBound ?? stats.mean, verdict: stats.holds ? 'meets target' : 'misses target' }];
  });
  const simSeries = 'simulation: mean and 95% band';
  const formulaSeries = `${method}, all reps on duty`;
  const series = { field: 'series', type: 'nominal' as const, scale: { domain: [simSeries, formulaSeries], range: [SIM_COLOR, ANALYTIC_COLOR] }, legend: { title: null } };
  const formula = (analytic?.targets.find((entry) => entry.target === targetText)?.curve ?? []).filter((point) => point.headcount >= from && point.headcount <= to).map((point) => ({ headcount: point.headcount, share: point.serviceLevel, series: formulaSeries }));
  const x = { field: 'headcount', type: 'quantitative' as const, title: `${role.toUpperCase()} headcount (pod "${points[0]?.pod ?? role}")`, scale: { domain: [from, to], nice: false }, axis: { tickMinStep: 1, format: 'd' } };
  const y = { type: 'quantitative' as const, title: `Share of ${target.tier} leads touched within ${durationLabel(target.minutes)}`, scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  const answer = recommended === null ? 'not reached within the search range' : `recommended: ${recommended}`;
  return {
    title: { text: `${target.text}: ${answer}`, subtitle: `Filled dot: the lower ${summary.confidence * 100}% confidence bound meets the target; hollow: it does not.` },
    width: PLOT_WIDTH,
    height: PANEL_HEIGHT,
    layer: [
      { data: { values: simulated }, mark: { type: 'area', opacity: 0.18, color: SIM_COLOR }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' } } },
      { data: { values: simulated }, mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { ...y, field: 'mean' }, color: series } },
      {
        data: { values: simulated },
        mark: { type: 'point', size: 70, strokeWidth: 2, color: SIM_COLOR },
        encoding: {
          x,
          y: { ...y, field: 'mean' },
          fill: { field: 'verdict', type: 'nominal', scale: { domain: ['meets target', 'misses target'], range: [SIM_COLOR, 'white'] }, legend: { title: null } },
          tooltip: [{ field: 'headcount' }, { field: 'mean', format: '.1%' }, { field: 'bound', title: 'lower bound', format: '.1%' }],
        },
      },
      ...(formula.length === 0 ? [] : [{ data: { values: formula }, mark: { type: 'line' as const, strokeDash: [6, 4], strokeWidth: 2, point: { color: ANALYTIC_COLOR, size: 24 } }, encoding: { x, y: { ...y, field: 'share' }, color: series } }]),
      { data: { values: [{ share: target.fraction, label: `target ${pct(target.fraction)}` }] }, mark: { type: 'rule', color: RED_FLAG_COLOR, strokeDash: [4, 3], strokeWidth: 1.5 }, encoding: { y: { ...y, field: 'share' } } },
      // Bottom right of the target line: the simulated curve crosses it from below and the formula's runs above it there.
      { data: { values: [{ share: target.fraction, label: `target ${pct(target.fraction)}`, headcount: to }] }, mark: { type: 'text', align: 'right', dx: -4, dy: 10, fontSize: 11, fontWeight: 600, color: RED_FLAG_COLOR }, encoding: { x, y: { ...y, field: 'share' }, text: { field: 'label' } } },
      ...(recommended === null
        ? []
        : [
            { data: { values: [{ headcount: recommended }] }, mark: { type: 'rule' as const, color: GOOD_COLOR, strokeWidth: 1.5 }, encoding: { x } },
            { data: { values: [{ headcount: recommended, label: `${recommended} ${role.toUpperCase()}s` }] }, mark: { type: 'text' as const, align: 'left' as const, dx: 4, y: 8, fontSize: 11, fontWeight: 600 as const, color: GOOD_COLOR }, encoding: { x, text: { field: 'label' } } },
          ]),
    ],
  };
}

/** The pipeline side: what each simulated headcount brings in, with its 95% interval. */
function pipelinePanel(role: string, points: readonly CurvePoint[]): Panel {
  const rows = points.map((point) => ({ headcount: point.headcount, mean: point.pipeline.mean, lo: Math.max(0, point.pipeline.ci95[0]), hi: point.pipeline.ci95[1] }));
  const [from, to] = headcountDomain(points);
  const x = { field: 'headcount', type: 'quantitative' as const, title: `${role.toUpperCase()} headcount`, scale: { domain: [from, to], nice: false }, axis: { tickMinStep: 1, format: 'd' } };
  const y = { type: 'quantitative' as const, title: 'Pipeline in the measured window', axis: { labelExpr: DOLLAR_LABEL }, scale: { zero: false } };
  return {
    title: { text: `Pipeline by ${role.toUpperCase()} headcount`, subtitle: 'Dot = mean over replications; line = 95% interval. Same replications at every headcount, so differences are paired.' },
    width: PLOT_WIDTH,
    height: 150,
    data: { values: rows },
    layer: [
      { mark: { type: 'rule', color: MUTED }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' } } },
      { mark: { type: 'point', filled: true, size: 60, color: SIM_COLOR }, encoding: { x, y: { ...y, field: 'mean' }, tooltip: [{ field: 'headcount' }, { field: 'mean', format: '$,.0f' }] } },
    ],
  };
}

/** The staffing curve: per role and target, simulated share vs headcount with the analytic curve overlaid, then pipeline. */
export function staffingCurve(summary: StaffingSummary): VegaLiteSpec {
  const panels: Panel[] = [];
  for (const search of summary.searches) {
    const points = summary.curve.filter((point) => point.role === search.role);
    if (points.length === 0) continue;
    for (const target of search.targets) panels.push(targetPanel(summary, search.role, target, points, summary.analytic[search.role]));
    if (points.some((point) => point.pipeline.mean > 0)) panels.push(pipelinePanel(search.role, points));
  }
  const window = summary.window === 'launch' ? 'MQLs created inside surge windows' : 'all MQLs in the measured window';
  return {
    $schema: SCHEMA,
    title: { text: `Staffing curve: ${summary.scenario}`, subtitle: `Policy ${summary.policy}; ${window}; ${summary.replications} replications per headcount on common random numbers.` },
    config: CONFIG,
    vconcat: panels,
  };
}

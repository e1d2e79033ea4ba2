import { CHART_METRICS, formatMetric, metricKind, metricLabel } from '../experiment/sweep/metrics.js';
import type { SweepJson, SweepPoint } from '../experiment/sweep/result.js';
import { describeValues } from '../experiment/sweep/best.js';
import { plural, rowUnit, type DurationUnit } from './format.js';
import { clipInterval, intervalLegend, meanCell } from './interval.js';

/** Metrics shown in the table: the headline five, then the objective and constrained metrics. */
export function tableMetrics(sweep: SweepJson): string[] {
  const extra = [...(sweep.objective === null ? [] : [sweep.objective.metric]), ...sweep.constraints.map((constraint) => constraint.metric)];
  return [...new Set<string>([...CHART_METRICS, ...extra])];
}

/**
 * "$10.2M ±$0.4M": the mean and the half-width of its 95% interval, or the interval clipped where that would pass 0 or
 * 100%. A time reads in its column's unit (`unit`), so the points can be compared down the column.
 */
function cell(point: SweepPoint, metric: string, unit: DurationUnit | undefined): { text: string; clipped: boolean } {
  const estimate = point.metrics[metric];
  if (estimate === undefined || estimate.mean === null) return { text: '-', clipped: false };
  return meanCell(metricKind(metric), estimate.mean, estimate.ci95, unit);
}

/** The one unit of a column of times (undefined for other metrics): the one its smallest mean reads best in, as a row of the compare table. */
export const columnUnit = (sweep: SweepJson, metric: string): DurationUnit | undefined => (metricKind(metric) === 'minutes' ? rowUnit(sweep.points.map((point) => point.metrics[metric]?.mean)) : undefined);

/** Where a point stands against the best point, in the words of the table's and the report's notes (null: nothing to say). */
export function standingOf(sweep: SweepJson, point: SweepPoint): 'best' | 'tied with best' | 'not significantly different' | null {
  if (sweep.best?.index === point.index) return 'best';
  if (sweep.best?.ties.includes(point.index)) return 'tied with best';
  if (sweep.replications > 1 && sweep.best?.statisticallyTied.includes(point.index)) return 'not significantly different';
  return null;
}

/** What to say about a point in the last column: best, tied with it, the constraints it breaks, the scenario's own value. */
function noteOf(sweep: SweepJson, point: SweepPoint): string {
  const notes: string[] = [];
  const standing = standingOf(sweep, point);
  if (standing !== null) notes.push(standing === 'best' ? '<- best' : standing);
  if (point.violations.length > 0) notes.push(`fails ${point.violations.join(', ')}`);
  if (sweep.parameters.every((parameter) => parameter.scenarioValue === point.values[parameter.path])) notes.push('scenario value');
  const failed = sweep.failures.filter((failure) => failure.point === point.index).length;
  const notRun = sweep.replications - point.replications - failed;
  if (failed > 0) notes.push(`${plural(failed, 'replication')} failed`);
  // Only an interrupted sweep leaves replications that neither finished nor failed.
  if (notRun > 0) notes.push(point.replications === 0 && failed === 0 ? 'not run (interrupted)' : `${plural(notRun, 'replication')} not run (interrupted)`);
  if (point.stoppedEarly > 0) notes.push(`${point.stoppedEarly} stopped early (see below)`);
  return notes.join('; ');
}

/** Points whose replications stopped on a resource limit: their figures cover only part of the horizon. */
export function stoppedEarlyLines(sweep: SweepJson): string[] {
  const stopped = sweep.points.filter((point) => point.stoppedEarly > 0);
  if (stopped.length === 0) return [];
  return [
    '',
    'Stopped early (partial results: these figures cover only part of the horizon; raise the limit or shorten the run):',
    ...stopped.map((point) => `  ${describeValues(point.values)}: ${point.stoppedEarly} of ${point.replications} replication${point.replications === 1 ? '' : 's'}, e.g. ${point.stopReason ?? 'a resource limit'}`),
  ];
}

/** The plain-text sweep table: one row per point, mean ± 95% half-width, the best point marked. */
export function sweepTable(sweep: SweepJson): string {
  const metrics = tableMetrics(sweep);
  const header = [...sweep.parameters.map((parameter) => parameter.path), ...metrics.map(metricLabel), 'note'];
  const units = metrics.map((metric) => columnUnit(sweep, metric));
  const cells = sweep.points.map((point) => metrics.map((metric, m) => cell(point, metric, units[m])));
  const rows = sweep.points.map((point, i) => [...sweep.parameters.map((parameter) => String(point.values[parameter.path])), ...cells[i]!.map((shown) => shown.text), noteOf(sweep, point)]);
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((row) => row[i]!.length)));
  const last = header.length - 1;
  const format = (row: string[]) => row.map((text, i) => (i === last ? text : text.padStart(widths[i]!))).join('  ').trimEnd();
  const title = `${sweep.scenario}: policy ${sweep.policy}, seed ${sweep.seed}, ${sweep.replications} replication${sweep.replications === 1 ? '' : 's'} per point ${sweep.replications === 1 ? '(values, no intervals)' : intervalLegend(cells.some((row) => row.some((shown) => shown.clipped)))}`;
  return [title, '', format(header), format(widths.map((w) => '-'.repeat(w))), ...rows.map(format), ...stoppedEarlyLines(sweep), '', verdict(sweep)].join('\n');
}

/** One or two lines on the best point (or why there is none). */
export function verdict(sweep: SweepJson): string {
  if (sweep.objective === null) return sweep.note ?? 'No objective given (--maximize or --minimize), so no best point is marked.';
  const goal = `${sweep.objective.direction} ${sweep.objective.metric}${sweep.constraints.length === 0 ? '' : ` subject to ${sweep.constraints.map((constraint) => constraint.text).join(' and ')}`}`;
  const notRun = sweep.points.filter((point) => point.replications === 0).length;
  const unrun = sweep.complete || notRun === 0 ? '' : ` (the sweep was interrupted: ${notRun} of ${plural(sweep.points.length, 'point')} not run yet; finish it with --resume)`;
  if (sweep.best === null) return `Objective: ${goal}.\nNo best point: ${sweep.note ?? 'no point qualifies'}${unrun}.`;
  const partial = sweep.complete ? '' : ' (so far: the sweep was interrupted, and this is the best among the replications that finished)';
  const best = sweep.best;
  const values = Object.entries(best.values).map(([path, value]) => `${path}=${value}`).join(', ');
  // A metric is never negative and a share never past 100%, so the interval is shown clipped (as the charts draw it).
  const clipped = best.ci95 === null ? null : clipInterval(metricKind(best.metric), best.ci95);
  const interval = clipped === null ? '' : ` (95% CI ${formatMetric(best.metric, clipped[0])} to ${formatMetric(best.metric, clipped[1])})`;
  const describe = (index: number) => Object.values(sweep.points[index]!.values).join('/');
  // One replication per point gives no interval of the difference: nothing can be called tied, or better.
  const tied =
    sweep.replications < 2
      ? '\nWith one replication per point there is no interval of the difference, so no point can be told apart from the best: run 2 or more.'
      : best.statisticallyTied.length === 0
        ? ''
        : `\nNot significantly different from the best (paired 95% CI of the difference includes 0): ${best.statisticallyTied.map(describe).join(', ')}.`;
  const ties = best.ties.length === 0 ? '' : `\nExact ties (the first in grid order was chosen): ${best.ties.map(describe).join(', ')}.`;
  return `Objective: ${goal}.\nBest point${partial}: ${values} with ${best.metric} ${formatMetric(best.metric, best.mean)}${interval}.${ties}${tied}`;
}

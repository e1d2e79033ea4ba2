import { htmlPage } from './htmlPage.js';
import { formatMetric, metricLabel } from '../experiment/sweep/metrics.js';
import type { SweepJson, SweepPoint } from '../experiment/sweep/result.js';
import { heatmapMetric, sweepHeatmap } from './charts/sweepHeatmap.js';
import { sweepLines } from './charts/sweepLines.js';
import { clippedInterval, objectivePhrase } from './charts/sweepCommon.js';
import type { VegaLiteSpec } from './charts/common.js';
import { minutes, plural, type DurationUnit } from './format.js';
import { escapeHtml } from './html.js';
import { chartFiles, type ReportFile } from './reportFiles.js';
import { renderSvg, scopeSvgIds } from './renderSvg.js';
import { columnUnit, standingOf, tableMetrics, verdict } from './sweepTable.js';

interface SweepChart {
  name: string;
  title: string;
  caption: string;
  spec: VegaLiteSpec;
}

/** The sweep's charts: metric lines for every sweep, plus a heatmap of the objective for a two-parameter grid. */
export function sweepCharts(sweep: SweepJson): SweepChart[] {
  const charts: SweepChart[] = [
    {
      name: 'sweep',
      title: 'Headline metrics against the parameter',
      caption:
        sweep.parameters.length === 1
          ? 'Each panel is one metric: the line is the mean over replications at each parameter value and the shaded band its 95% confidence interval; the black diamond marks the best point.'
          : `One line per value of ${sweep.parameters[1]!.path}; the shaded bands are 95% confidence intervals and the black diamond marks the best point.`,
      spec: sweepLines(sweep),
    },
  ];
  if (sweep.parameters.length === 2) {
    charts.push({
      name: 'sweepHeatmap',
      title: `${metricLabel(heatmapMetric(sweep))} over the grid`,
      caption: 'Every cell is one grid point; the colour and the printed value are the mean, grey cells break a constraint and the outlined cell is the best point.',
      spec: sweepHeatmap(sweep),
    });
  }
  return charts;
}

/** charts/<name>.vl.json and .svg for each chart, then report.html; the same sweep gives the same bytes. */
export async function sweepReportFiles(sweep: SweepJson, description?: string): Promise<ReportFile[]> {
  const files: ReportFile[] = [];
  const rendered: { chart: SweepChart; svg: string }[] = [];
  for (const chart of sweepCharts(sweep)) {
    const svg = await renderSvg(chart.spec);
    files.push(...chartFiles(chart.name, chart.spec, svg));
    rendered.push({ chart, svg });
  }
  files.push({ name: 'report.html', contents: sweepHtml(sweep, rendered, description) });
  return files;
}

const CSS = `
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: #111827; font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, "Liberation Sans", sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 28px 64px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid #e5e7eb; }
.lede, .note, .caption { color: #4b5563; }
.answer { background: #eef4fb; border-left: 4px solid #4c78a8; padding: 12px 18px; border-radius: 4px; white-space: pre-line; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { padding: 6px 9px; border-bottom: 1px solid #e5e7eb; text-align: right; vertical-align: top; white-space: nowrap; }
thead th { background: #f3f4f6; font-weight: 600; border-bottom: 2px solid #d1d5db; }
td.text { text-align: left; white-space: normal; min-width: 200px; }
thead th { white-space: normal; }
.ci { display: block; color: #4b5563; font-size: 11px; }
tr.best td { background: #e8f1fb; font-weight: 600; }
tr.infeasible td { color: #6b7280; }
.chart-svg { overflow-x: auto; }
.chart-svg svg { display: block; max-width: 100%; height: auto; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; font-size: 14px; }
dt { color: #4b5563; }
dd { margin: 0; overflow-wrap: anywhere; }
`;

/** A value in its column's unit when the column holds times (so the points compare down it), else as formatMetric prints it. */
const inColumn = (metric: string, value: number | null, unit: DurationUnit | undefined): string => (unit === undefined ? formatMetric(metric, value) : minutes(value, unit));

function pointRow(sweep: SweepJson, point: SweepPoint, metrics: string[], units: (DurationUnit | undefined)[]): string {
  const classes = [sweep.best?.index === point.index ? 'best' : '', point.feasible ? '' : 'infeasible'].filter(Boolean).join(' ');
  const values = sweep.parameters.map((parameter) => `<td>${escapeHtml(String(point.values[parameter.path]))}</td>`);
  const cells = metrics.map((metric, m) => {
    const mean = point.metrics[metric]?.mean ?? null;
    const interval = clippedInterval(point, metric);
    const ci = interval === null ? '' : `<span class="ci">${escapeHtml(`${inColumn(metric, interval[0], units[m])} to ${inColumn(metric, interval[1], units[m])}`)}</span>`;
    return `<td>${escapeHtml(inColumn(metric, mean, units[m]))}${ci}</td>`;
  });
  const notes = [
    // As the terminal's table: the points the best cannot be told apart from are marked too, not only the best.
    standingOf(sweep, point) ?? '',
    ...point.violations.map((text) => `fails ${text}`),
    point.replications === 0 ? 'not run (interrupted)' : '',
    point.stoppedEarly > 0 ? `${plural(point.stoppedEarly, 'replication')} stopped early: ${point.stopReason ?? 'a resource limit'}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return `<tr${classes === '' ? '' : ` class="${classes}"`}>${values.join('')}${cells.join('')}<td class="text">${escapeHtml(notes)}</td></tr>`;
}

/** A small self-contained page: inline CSS and SVG, no scripts or network; every text escaped. */
export function sweepHtml(sweep: SweepJson, charts: { chart: SweepChart; svg: string }[], description?: string): string {
  const metrics = tableMetrics(sweep);
  const units = metrics.map((metric) => columnUnit(sweep, metric));
  const title = `Parameter sweep: ${sweep.scenario}`;
  const ranges = sweep.parameters.map((parameter) => `${parameter.path} over ${parameter.values.length} value${parameter.values.length === 1 ? '' : 's'} (${parameter.values[0]} to ${parameter.values[parameter.values.length - 1]})`).join(' by ');
  const lede = `${description === undefined ? '' : `${description}. `}Policy ${sweep.policy}: ${ranges}; ${sweep.replications} replication${sweep.replications === 1 ? '' : 's'} per point, seed ${sweep.seed}.`;
  // A parameter path may break after its dots: unbroken, two of them pushed a grid's notes past the page column.
  const header = [...sweep.parameters.map((parameter) => parameter.path), ...metrics.map(metricLabel), ''].map((text) => `<th>${escapeHtml(text).replace(/\./g, '.<wbr>')}</th>`).join('');
  const failures = sweep.failures.length === 0 ? '' : `<p class="note">${escapeHtml(`${plural(sweep.failures.length, 'replication')} failed and are left out: ${sweep.failures.slice(0, 5).map((failure) => `point ${failure.point} replication ${failure.replication}: ${failure.error}`).join('; ')}`)}</p>`;
  const objective = objectivePhrase(sweep);
  return htmlPage(title, CSS, `<h1>${escapeHtml(title)}</h1>
<p class="lede">${escapeHtml(lede)}</p>
<div class="answer">${escapeHtml(verdict(sweep))}</div>
<h2>Points</h2>
<p class="note">${sweep.replications === 1 ? 'One replication per point: its value, with no confidence interval.' : 'Mean over replications with the 95% confidence interval underneath.'}${objective === null ? '' : ` Constraints are checked on the means; the highlighted row is the best point for: ${escapeHtml(objective)}.`}</p>
<div class="table-wrap"><table><thead><tr>${header}</tr></thead><tbody>
${sweep.points.map((point) => pointRow(sweep, point, metrics, units)).join('\n')}
</tbody></table></div>
${failures}
<h2>Charts</h2>
${charts.map(({ chart, svg }) => `<section id="${escapeHtml(chart.name)}"><h3>${escapeHtml(chart.title)}</h3><p class="caption">${escapeHtml(chart.caption)}</p><div class="chart-svg">${scopeSvgIds(svg, chart.name)}</div></section>`).join('\n')}
<h2>How to read this</h2>
<p>Replication <em>k</em> of every point replays the same simulated leads, arrival times and buyer behaviour (common random numbers), so differences between neighbouring points are the effect of the parameter, not the luck of the draw. Points listed as not significantly different from the best have a paired 95% interval of the difference, over those same replications, that includes zero: more replications, not this sweep, would be needed to tell them apart.</p>
<h2>Run facts</h2>
<dl>
<dt>Scenario</dt><dd>${escapeHtml(sweep.scenario)} (sha256 ${escapeHtml(sweep.scenarioHash.slice(0, 12))})</dd>
<dt>Policy measured</dt><dd>${escapeHtml(sweep.policy)}</dd>
<dt>Seed</dt><dd>${escapeHtml(String(sweep.seed))}</dd>
<dt>Replications per point</dt><dd>${escapeHtml(String(sweep.replications))}</dd>
<dt>Points</dt><dd>${escapeHtml(String(sweep.points.length))}</dd>
</dl>`);
}

import { htmlPage } from './htmlPage.js';
import type { Interval, StaffingSummary, TargetStats } from '../experiment/staffing/schema.js';
import type { StaffingStudy } from '../experiment/staffing.js';
import { describeTarget } from '../experiment/staffing/target.js';
import { staffingCurve } from './charts/staffingCurve.js';
import { csvText } from './csv.js';
import { count, dollars, minutes, percent, plural, points as pointsOf, shareBound, signOf } from './format.js';
import { escapeHtml } from './html.js';
import { clipInterval } from './interval.js';
import { jsonText } from './json.js';
import { chartFiles, type ReportFile } from './reportFiles.js';
import { renderSvg, scopeSvgIds } from './renderSvg.js';

const CHART = 'staffing-curve';
const e = escapeHtml;

const ci = (range: [number, number] | null, format: (value: number) => string) => (range === null ? '' : `${format(range[0])} – ${format(range[1])}`);
// Pipeline is never negative: its interval is shown clipped at $0, as the compare report shows its intervals.
const pipelineCi = (range: [number, number]) => ci(clipInterval('dollars', range), dollars);
// As the compare report writes a difference: no sign for an exact zero, and no 0.0 for one that is not zero.
const signed = (value: number, format: (value: number) => string) => `${signOf(value, '\u2212')}${format(Math.abs(value))}`;
const points = (value: number) => pointsOf(value, 'pts');
const intervalText = (interval: Interval | null, format: (value: number) => string) =>
  interval === null ? '–' : `${signed(interval.mean, format)} <span class="ci">${e(`${signed(interval.ci95[0], format)} to ${signed(interval.ci95[1], format)}`)}</span>`;

/** The headline answer, one paragraph per role, as plain text (escaped where it is placed). */
export function answerLines(summary: StaffingSummary): string[] {
  const answers = summary.searches.map((search) => {
    const targets = summary.targets.filter((target) => search.targets.includes(target.text)).map(describeTarget).join(' and ');
    const where = summary.window === 'launch' ? ' during the surge windows' : '';
    const role = search.role.toUpperCase();
    if (search.recommended === null) return `No ${role} headcount from ${search.min} to ${search.max} (pod "${search.pod}", ${search.current} today) gets ${targets}${where} with ${summary.confidence * 100}% confidence.`;
    const point = summary.curve.find((entry) => entry.role === search.role && entry.headcount === search.recommended);
    return `Recommended: ${plural(search.recommended, role)} in pod "${search.pod}" (${search.current} today) for ${targets}${where}: mean ${percent(point?.mean ?? null)}, lower ${summary.confidence * 100}% bound ${shareBound(point?.lowerBound ?? null)}.`;
  });
  const stopped = summary.stoppedEarly;
  // The answer stands on these replications: one cut short by a limit measured only part of the horizon.
  if (stopped === null) return answers;
  return [
    ...answers,
    `Partial results: ${stopped.replications} of ${stopped.of} replications stopped early (e.g. ${stopped.example}), so their figures cover only part of the horizon; raise the limit or shorten the run.`,
  ];
}

function statsCell(stats: TargetStats | undefined): string {
  if (stats === undefined || stats.mean === null) return '<td class="num">–</td>';
  return `<td class="num"><span class="value">${e(percent(stats.mean))}</span><span class="ci">${e(ci(stats.ci95, shareBound))}</span></td>`;
}

function curveTable(summary: StaffingSummary, role: string): string {
  const rows = summary.curve.filter((point) => point.role === role);
  const targets = rows[0]?.targets.map((stats) => stats.target) ?? [];
  const header = targets.map((target) => `<th class="num">${e(target)}<span class="sub">mean, 95% CI</span></th><th class="num">lower bound</th>`).join('');
  const body = rows
    .map((point) => {
      const cells = targets.map((target) => {
        const stats = point.targets.find((entry) => entry.target === target);
        return `${statsCell(stats)}<td class="num${stats?.holds ? ' ok' : ' miss'}">${e(shareBound(stats?.lowerBound ?? null))} ${stats?.holds ? '\u2713' : '\u2717'}</td>`;
      });
      const recommended = summary.recommended[point.role] === point.headcount;
      return `<tr${recommended ? ' class="recommended"' : ''}><th scope="row" class="num">${point.headcount}${recommended ? ' <span class="tag">recommended</span>' : ''}</th>${cells.join('')}<td class="num">${e(percent(point.utilization))}</td><td class="num">${e(count(point.openRepHours))}</td><td class="num">${e(dollars(point.pipeline.mean))}<span class="ci">${e(pipelineCi(point.pipeline.ci95))}</span></td><td class="num">${point.order}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th class="num">${e(role.toUpperCase())}s</th>${header}<th class="num">${e(role.toUpperCase())} utilization</th><th class="num">Rep hours (all pods)</th><th class="num">Pipeline</th><th class="num">Tried</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function marginalTable(summary: StaffingSummary, role: string): string {
  const rows = summary.marginal.filter((entry) => entry.role === role);
  if (rows.length === 0) return '';
  const targets = Object.keys(rows[0]!.perRep.targets);
  const body = rows
    .map((entry) => `<tr><th scope="row">${entry.from} \u2192 ${entry.to}</th>${targets.map((target) => `<td class="num">${intervalText(entry.perRep.targets[target] ?? null, points)}</td>`).join('')}<td class="num">${intervalText(entry.perRep.pipeline, dollars)}</td><td class="num">${e(signed(entry.perRep.openRepHours, count))} h</td></tr>`)
    .join('\n');
  return `<h3>What each extra ${e(role.toUpperCase())} buys</h3><p class="note">Paired differences between neighbouring simulated headcounts (same replications), divided by the number of reps added; 95% intervals underneath.</p><table><thead><tr><th>Headcount</th>${targets.map((target) => `<th class="num">${e(target)} per rep</th>`).join('')}<th class="num">Pipeline per rep</th><th class="num">Rep hours per rep</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The formulas' caps as set; without --max-occupancy/--max-abandonment a cap is 100%, which read as if one were set. */
function capsText(occupancy: number, abandonment: number): string {
  const set = ([['occupancy', occupancy], ['abandonment', abandonment]] as const).filter(([, cap]) => cap < 1).map(([name, cap]) => `${name} ${percent(cap)}`);
  return set.length === 0 ? 'none' : set.join(', ');
}

function analyticSection(summary: StaffingSummary): string {
  return Object.values(summary.analytic)
    .map((role) => {
      const rows = role.targets
        .map((target) => {
          const i = target.inputs;
          const inputs = i === null ? '–' : `${i.leadsInWindow.toFixed(1)} leads over ${i.openHours.toFixed(1)} open hours = ${i.arrivalRatePerHour.toFixed(2)}/h; work ${i.workDistribution}, mean ${i.meanWorkMinutes.toFixed(2)} min; offered load ${i.offeredLoad.toFixed(2)} Erlangs; patience ${i.meanPatienceMinutes === null ? 'none' : `${minutes(i.meanPatienceMinutes)} mean`}; shrinkage ${percent(i.shrinkage)}; caps: ${capsText(i.maxOccupancy, i.maxAbandonment)}`;
          const staffing = (value: { servers: number; scheduled: number } | null) => (value === null ? '–' : `${value.scheduled} <span class="sub">${value.servers} on duty</span>`);
          return `<tr><th scope="row">${e(target.target)}</th><td>${e(inputs)}${target.note === null ? '' : `<span class="sub">${e(target.note)}</span>`}</td><td class="num">${staffing(target.erlangC)}</td><td class="num">${staffing(target.erlangA)}</td><td class="num">${staffing(target.squareRoot)}${target.squareRoot === null ? '' : `<span class="sub">\u03b2 = ${target.squareRoot.beta.toFixed(3)}</span>`}</td></tr>`;
        })
        .join('\n');
      return `<h3>${e(role.role.toUpperCase())}s (pod "${e(role.pod)}"): ${e(role.method === 'erlang-a' ? 'Erlang A' : 'Erlang C')} says ${role.recommended === null ? 'nothing' : role.recommended}</h3><table><thead><tr><th>Target</th><th>Inputs taken from the scenario and the pilot run</th><th class="num">Erlang C</th><th class="num">Erlang A</th><th class="num">Square-root rule</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
    })
    .join('\n');
}

function whatIfSection(summary: StaffingSummary): string {
  const whatIfs = summary.whatIfs;
  if (whatIfs === null) return '<p>The scenario has no surge windows in the measured period, so there are no surge what-ifs.</p>';
  const targets = whatIfs.rows[0]?.targets.map((stats) => stats.target) ?? [];
  const body = whatIfs.rows
    .map((row) => {
      const cells = row.targets.map((stats) => `${statsCell(stats)}<td class="num">${intervalText(stats.vsBaseline, points)}</td>`).join('');
      const utilization = `${e(`SDR ${percent(row.utilizationByRole.sdr)}`)}<br>${e(`AE ${percent(row.utilizationByRole.ae)}`)}`;
      return `<tr><th scope="row">${e(row.label)}<span class="sub">${e(row.policy)} (${e(row.source === 'scenario' ? 'from the scenario' : 'derived: only sla.surge changed')})</span></th>${cells}<td class="num">${e(dollars(row.pipeline.mean))}<span class="ci">${e(pipelineCi(row.pipeline.ci95))}</span></td><td class="num">${intervalText(row.pipeline.vsBaseline, dollars)}</td><td class="num">${utilization}</td><td class="num">${e(percent(row.surgeHeldShare))}</td></tr>`;
    })
    .join('\n');
  const team = Object.entries(whatIfs.team).map(([pod, n]) => `${pod} ${n}`).join(', ');
  return `<p class="note">Each policy run at the recommended team (${e(team)}) on the same replications; differences are against ${e(whatIfs.baseline)}, paired by replication, with 95% intervals.</p><table class="what-ifs"><thead><tr><th>What-if</th>${targets.map((target) => `<th class="num">${e(target)}</th><th class="num">vs ${e(whatIfs.baseline)}</th>`).join('')}<th class="num">Pipeline</th><th class="num">vs ${e(whatIfs.baseline)}</th><th class="num">Utilization</th><th class="num">Held by high-intent-only</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const CSS = `
body { margin: 0; background: #f6f7f9; color: #111827; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 28px 64px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 6px; border-bottom: 2px solid #e5e7eb; } h3 { font-size: 16px; margin: 22px 0 8px; }
.answer { background: #eef4fb; border-left: 4px solid #4c78a8; padding: 12px 18px; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 8px 0; }
th, td { padding: 6px 9px; border-bottom: 1px solid #e5e7eb; text-align: left; vertical-align: top; }
thead th { background: #f3f4f6; border-bottom: 2px solid #d1d5db; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
/* What-ifs: headers may wrap and a name keeps its room; seven unbreakable columns pushed the table past the page and squeezed the names to a word a line. */
.what-ifs thead th.num { white-space: normal; } .what-ifs tbody th { min-width: 12em; }
.value { font-weight: 600; } .ci, .sub { display: block; color: #4b5563; font-size: 12px; font-weight: 400; }
tr.recommended { background: #f4faf4; } .ok { color: #1b5e20; } .miss { color: #b71c1c; }
.tag { background: #e3f1e4; color: #1b5e20; border-radius: 8px; padding: 0 6px; font-size: 11px; font-weight: 600; }
.note { color: #4b5563; font-size: 14px; } .chart svg { display: block; max-width: 100%; height: auto; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; font-size: 14px; } dt { color: #4b5563; } dd { margin: 0; overflow-wrap: anywhere; }
`;

/** The staffing report as one self-contained page (inline CSS and SVG, no scripts); every data string is escaped. */
export function staffingHtml(study: StaffingStudy, svg: string, command: string[]): string {
  const { summary } = study;
  const s = study.loaded.scenario;
  const title = `Staffing plan: ${summary.scenario}`;
  const roles = summary.searches.map((search) => `<h3>${e(search.role.toUpperCase())}s (pod "${e(search.pod)}", ${search.current} in the scenario; searched ${search.min}\u2013${search.max}, simulated ${e(search.tried.join(', '))} in that order)</h3>${curveTable(summary, search.role)}${marginalTable(summary, search.role)}`).join('\n');
  const facts: [string, string][] = [
    ['Scenario', `${s.name}${s.description === undefined ? '' : ` \u2014 ${s.description}`}`],
    ['File', summary.file],
    ['Policy searched', summary.policy],
    ['Window', summary.window === 'launch' ? 'MQLs created inside the surge windows of the measured period' : 'all MQLs of the measured period'],
    ['Replications per headcount', String(summary.replications)],
    ['Seed', String(summary.seed)],
    ['Final team', Object.entries(summary.final.team).map(([pod, n]) => `${pod} ${n}`).join(', ')],
    ['Every target at the final team', summary.final.targets.map((stats) => `${stats.target}: ${percent(stats.mean)} (lower bound ${shareBound(stats.lowerBound)}) ${stats.holds ? 'holds' : 'misses'}`).join('; ')],
    ['Command', ['handoff', ...command].join(' ')],
  ];
  return htmlPage(title, CSS, `<h1>${e(title)}</h1>
<section class="answer">
${answerLines(summary).map((line) => `<p><strong>${e(line)}</strong></p>`).join('\n')}
<p>${e(summary.comparison)}</p>
</section>
<h2>Staffing curve</h2>
<p class="note">The simulated share at each headcount tried (mean and 95% band) with the analytic curve overlaid; the search brackets from the analytic estimate and bisects, so it does not simulate every headcount.</p>
<div class="chart">${scopeSvgIds(svg, CHART)}</div>
<h2>Headcounts simulated: compliance, cost and pipeline</h2>
${roles}
<h2>The formulas</h2>
${analyticSection(summary)}
<h2>Surge what-ifs</h2>
${whatIfSection(summary)}
<h2>Notes</h2>
<ul>${summary.notes.map((note) => `<li>${e(note)}</li>`).join('')}</ul>
<h2>Run facts</h2>
<dl>${facts.map(([term, value]) => `<dt>${e(term)}</dt><dd>${e(value)}</dd>`).join('\n')}</dl>`);
}

/** One row per simulated headcount and target, for spreadsheets. */
export function curveCsv(summary: StaffingSummary): string {
  const header = ['role', 'pod', 'headcount', 'order', 'target', 'n', 'mean', 'ci95_low', 'ci95_high', 'lower_bound', 'holds', 'utilization', 'open_rep_hours', 'busy_rep_hours', 'pipeline_mean', 'pipeline_ci95_low', 'pipeline_ci95_high', 'won_dollars'];
  const rows = summary.curve.flatMap((point) =>
    point.targets.map((stats) => [point.role, point.pod, point.headcount, point.order, stats.target, stats.n, stats.mean, stats.ci95?.[0], stats.ci95?.[1], stats.lowerBound, stats.holds, point.utilization, point.openRepHours, point.busyRepHours, point.pipeline.mean, point.pipeline.ci95[0], point.pipeline.ci95[1], point.wonDollars]),
  );
  return csvText(header, rows);
}

/** Every file of a staffing run: summary.json, curve.csv, the chart as vega-lite and SVG, report.html. */
export async function staffingReportFiles(study: StaffingStudy, command: string[]): Promise<ReportFile[]> {
  const spec = staffingCurve(study.summary);
  const svg = await renderSvg(spec);
  return [
    { name: 'summary.json', contents: jsonText(study.summary) },
    { name: 'curve.csv', contents: curveCsv(study.summary) },
    ...chartFiles(CHART, spec, svg),
    { name: 'report.html', contents: staffingHtml(study, svg, command) },
  ];
}

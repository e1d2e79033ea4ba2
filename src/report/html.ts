import { htmlPage } from './htmlPage.js';
import { HEADLINE_METRICS, type MetricDelta, type PolicyDeltas, type PolicySummary } from '../experiment/aggregate.js';
import type { Study } from '../experiment/simulate.js';
import { bandOf, type Band } from '../metrics/bands.js';
import { flattenMetrics } from '../metrics/derive.js';
import { REPORT_CHARTS } from './charts/index.js';
import { tierNames } from './charts/slaByTier.js';
import { count, displayOf, dollars, durationDifference, durationUnit, formatValue, minutes, NO_INTERVAL, points, rowUnit, signOf, tableMetrics, unitOfLargest, type DurationUnit, type MetricKind } from './format.js';
import { clipInterval } from './interval.js';
import { scopeSvgIds } from './renderSvg.js';

export interface ChartSvg {
  name: string;
  title: string;
  svg: string;
  /** One sentence on how to read the chart; defaults to the registry's caption for that chart name. */
  caption?: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

const MINUS = '\u2212';

function metricInfo(key: string): { label: string; kind: MetricKind } {
  const display = displayOf(key);
  return display === undefined ? { label: key, kind: 'number' } : { label: display.label.replace(/->/g, '\u2192'), kind: display.kind };
}

/** A value in the metric's unit; durations in the given unit when set (to keep a range in one unit). */
function formatIn(kind: MetricKind, value: number, unit?: DurationUnit): string {
  return kind === 'minutes' && unit !== undefined ? minutes(value, unit) : formatValue(kind, value);
}

/** A signed change in the metric's own unit: rates in percentage points, durations, dollars, counts. */
export function formatDifference(kind: MetricKind, value: number, unit?: DurationUnit): string {
  const sign = signOf(value, MINUS);
  const abs = Math.abs(value);
  switch (kind) {
    case 'rate':
      return `${sign}${points(abs, 'pts')}`;
    case 'minutes':
      return `${sign}${durationDifference(abs, unit ?? durationUnit(abs))}`;
    case 'dollars':
      return `${sign}${dollars(abs)}`;
    case 'count':
      return `${sign}${count(abs)}`;
    default:
      return `${sign}${abs.toFixed(2)}`;
  }
}

/** "+2.4 h (95% CI +35.1 min ...)" would mix units; both ends and the estimate share one: the row's when given, else the largest's. */
function differenceParts(kind: MetricKind, metric: MetricDelta, row?: DurationUnit): { value: string; range: string } {
  const unit = kind === 'minutes' ? (row ?? unitOfLargest(metric.difference, ...(metric.ci95 ?? []))) : undefined;
  const range = metric.ci95 === null ? NO_INTERVAL : `${formatDifference(kind, metric.ci95[0], unit)} to ${formatDifference(kind, metric.ci95[1], unit)}`;
  return { value: formatDifference(kind, metric.difference, unit), range };
}

/** A 95% interval of a non-negative metric, clipped at 0 (and at 100% for rates), in one unit (the row's when given). */
function formatInterval(kind: MetricKind, interval: [number, number], row?: DurationUnit): string {
  const [low, high] = clipInterval(kind, interval);
  const unit = kind === 'minutes' ? (row ?? unitOfLargest(low, high)) : undefined;
  return `${formatIn(kind, low, unit)} – ${formatIn(kind, high, unit)}`;
}

const BAND_CLASS: Record<Band, string> = { good: 'good', warning: 'warning', 'red flag': 'red' };

function verdictClass(verdict: MetricDelta['verdict']): string {
  return verdict === 'better' ? 'better' : verdict === 'worse' ? 'worse' : verdict === 'no detectable difference' ? 'none' : 'neutral';
}

const verdictTag = (verdict: MetricDelta['verdict']) => `<span class="verdict ${verdictClass(verdict)}">${escapeHtml(verdict)}</span>`;

/** The metrics the top-of-page answer spells out, with the words used for them there. */
const ANSWER_METRICS: { key: string; name: string }[] = [
  { key: 'pipelineDollars', name: 'pipeline' },
  { key: 'slaCompliance', name: 'SLA compliance' },
  { key: 'mqlToSql', name: 'MQL \u2192 SQL conversion' },
  { key: 'speedToLeadMinutes.mean', name: 'mean speed to lead' },
  { key: 'mqls', name: 'MQL volume' },
];

/**
 * The plain-English answer at the top of the page (HTML, every data-derived string escaped): per challenger,
 * the verdict tally, then what it changes with 95% intervals and verdicts.
 */
export function answerHtml(study: Study): string {
  const { summary } = study;
  if (summary.deltas.length === 0) {
    const policy = summary.policies[0];
    if (policy === undefined) return '<p>This study has no policies.</p>';
    const flat = flattenMetrics(policy.metrics);
    const parts = ANSWER_METRICS.filter((metric) => metric.key !== 'speedToLeadMinutes.mean').map(({ key, name }) => {
      const { kind } = metricInfo(key);
      const ci = policy.ci95[key];
      const interval = ci === undefined || ci[0] === ci[1] ? '' : ` (95% CI ${escapeHtml(formatInterval(kind, ci))})`;
      return `${escapeHtml(name)} <strong>${escapeHtml(formatValue(kind, flat[key] ?? null))}</strong>${interval}`;
    });
    return `<p>With <strong>${escapeHtml(policy.name)}</strong>: ${joinList(parts)}. Add a second policy to the scenario to compare a change against it.</p>`;
  }
  return summary.deltas.map((delta) => challengerAnswer(delta, study.loaded.scenario.policies[delta.policy]?.description)).join('\n');
}

function challengerAnswer(delta: PolicyDeltas, description: string | undefined): string {
  const what = description === undefined || description.trim() === '' ? '' : ` (${escapeHtml(description.trim().replace(/\.$/, ''))})`;
  const metrics = Object.entries(delta.metrics);
  if (metrics.length === 0) return `<p class="answer-lead"><strong>${escapeHtml(delta.policy)}</strong>${what} against <strong>${escapeHtml(delta.baseline)}</strong>: no replication finished under both, so there is nothing to compare yet.</p>`;
  const tally = (verdict: MetricDelta['verdict']) => metrics.filter(([, metric]) => metric.verdict === verdict).length;
  const moved = metrics.filter(([, metric]) => metric.verdict === 'higher' || metric.verdict === 'lower').map(([key, metric]) => `${inSentence(metricInfo(key).label)} ${metric.verdict}`);
  const lead =
    `<p class="answer-lead"><strong>${escapeHtml(delta.policy)}</strong>${what} against <strong>${escapeHtml(delta.baseline)}</strong>: ` +
    `better on ${tally('better')} of ${metrics.length} headline metrics, worse on ${tally('worse')}, no detectable difference on ${tally('no detectable difference')}` +
    `${moved.length === 0 ? '' : `; volume measures without a better direction: ${escapeHtml(moved.join(', '))}`}.</p>`;
  // A metric equal in every pair (MQL volume when the policies share one lead stream) is not a change: "by 0 (0 to 0)".
  const same = (metric: MetricDelta): boolean => metric.difference === 0 && (metric.ci95 === null || (metric.ci95[0] === 0 && metric.ci95[1] === 0));
  const answered = ANSWER_METRICS.filter(({ key }) => delta.metrics[key] !== undefined);
  const parts = answered.flatMap(({ key, name }) => {
    const metric = delta.metrics[key]!;
    if (same(metric)) return [];
    const { value, range } = differenceParts(metricInfo(key).kind, metric);
    const interval = metric.ci95 === null ? 'no interval from one pair of replications' : `95% CI ${range}`;
    return [`${escapeHtml(name)} by <strong>${escapeHtml(value)}</strong> (${escapeHtml(interval)}) ${verdictTag(metric.verdict)}`];
  });
  const unchanged = answered.filter(({ key }) => same(delta.metrics[key]!)).map(({ name }) => escapeHtml(inSentence(name)));
  const changes = parts.length === 0 ? '' : `It changes ${joinList(parts)}.`;
  const leaves = unchanged.length === 0 ? '' : `${parts.length === 0 ? '' : ' '}It leaves ${joinList(unchanged)} exactly as under <strong>${escapeHtml(delta.baseline)}</strong> (the same in every pair of replications).`;
  return `${lead}\n<p>${changes}${leaves}</p>`;
}

/** "Rep utilization" -> "rep utilization" mid-sentence, but "MQLs" stays "MQLs". */
const inSentence = (label: string) => (/^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label);

function joinList(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

interface TableRow {
  key: string;
  label: string;
  kind: MetricKind;
  band: (value: number | null) => Band | null;
}

function headlineRows(study: Study): TableRow[] {
  const rows: TableRow[] = tableMetrics(study.summary.policies).map((metric) => ({ ...metric, label: metricInfo(metric.key).label, band: (value) => bandOf(metric.key, value) }));
  for (const tier of tierNames(study)) {
    rows.push({ key: `slaComplianceByTier.${tier}`, label: `SLA compliance: ${tier}`, kind: 'rate', band: (value) => bandOf('slaCompliance', value) });
  }
  return rows;
}

/** A row's cell: mean, band tag and interval; a duration row's mean and interval in the row's one unit. */
function headlineCell(policy: PolicySummary, flat: Record<string, number | null>, row: TableRow, unit: DurationUnit | undefined): string {
  const value = flat[row.key] ?? null;
  if (value === null) return '<td class="num">–</td>';
  const ci = policy.ci95[row.key];
  const band = row.band(value);
  const interval = ci === undefined || ci[0] === ci[1] ? '' : `<span class="ci">${escapeHtml(formatInterval(row.kind, ci, unit))}</span>`;
  const tag = band === null ? '' : `<span class="tag ${BAND_CLASS[band]}">${escapeHtml(band)}</span>`;
  return `<td class="num${band === null ? '' : ` band-${BAND_CLASS[band]}`}"><span class="value">${escapeHtml(formatIn(row.kind, value, unit))}</span>${tag}${interval}</td>`;
}

function headlineTable(study: Study): string {
  const policies = study.summary.policies;
  const flats = policies.map((policy) => flattenMetrics(policy.metrics));
  const header = policies.map((policy, index) => `<th class="num">${escapeHtml(policy.name)}${index === 0 && policies.length > 1 ? '<span class="sub">baseline</span>' : ''}</th>`).join('');
  const body = headlineRows(study)
    .filter((row) => flats.some((flat) => (flat[row.key] ?? null) !== null))
    .map((row) => {
      const unit = row.kind === 'minutes' ? rowUnit(flats.map((flat) => flat[row.key])) : undefined;
      return `<tr><th scope="row">${escapeHtml(row.label)}</th>${policies.map((policy, index) => headlineCell(policy, flats[index]!, row, unit)).join('')}</tr>`;
    })
    .join('\n');
  const what = study.summary.replications === 1 ? 'Metric (one replication: no interval)' : 'Metric (mean, 95% CI below)';
  return `<table class="metrics"><thead><tr><th>${what}</th>${header}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function deltasTable(delta: PolicyDeltas): string {
  const body = HEADLINE_METRICS.flatMap((key) => {
    const metric = delta.metrics[key];
    if (metric === undefined) return [];
    const { label, kind } = metricInfo(key);
    // The difference in the unit of the values beside it (12.1 h, 12.1 h, -0.05 h; not -2.8 min).
    const unit = kind === 'minutes' ? rowUnit([metric.baseline, metric.challenger]) : undefined;
    const { value, range } = differenceParts(kind, metric, unit);
    return [
      `<tr><th scope="row">${escapeHtml(label)}</th><td class="num">${escapeHtml(formatIn(kind, metric.baseline, unit))}</td><td class="num">${escapeHtml(formatIn(kind, metric.challenger, unit))}</td>` +
        `<td class="num">${escapeHtml(value)}</td><td class="num ci-cell">${escapeHtml(range)}</td><td>${verdictTag(metric.verdict)}</td></tr>`,
    ];
  }).join('\n');
  return (
    `<h3>${escapeHtml(delta.policy)} vs ${escapeHtml(delta.baseline)}</h3>\n` +
    `<table class="deltas"><thead><tr><th>Metric</th><th class="num">${escapeHtml(delta.baseline)}</th><th class="num">${escapeHtml(delta.policy)}</th><th class="num">Difference</th><th class="num">95% CI of difference</th><th>Verdict</th></tr></thead><tbody>\n${body}\n</tbody></table>`
  );
}

function chartSection(study: Study, chart: ChartSvg): string {
  const caption = chart.caption ?? REPORT_CHARTS.find((entry) => entry.name === chart.name)?.caption(study) ?? '';
  const id = `chart-${chart.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    `<section class="chart" id="${escapeHtml(id)}" data-chart="${escapeHtml(chart.name)}">\n<h3>${escapeHtml(chart.title)}</h3>\n` +
    `<p class="caption">${escapeHtml(caption)}</p>\n<div class="chart-svg">${scopeSvgIds(chart.svg, id)}</div>\n</section>`
  );
}

/** Replications cut short by a resource limit make every number partial: say so where it cannot be missed. */
function incompleteNote(study: Study): string {
  const incomplete = study.summary.policies.flatMap((policy) => policy.incomplete.map((entry) => `${policy.name} replication ${entry.replication}: ${entry.reason}`));
  return incomplete.length === 0 ? '' : `<p class="warning-box"><strong>Stopped early (partial results):</strong> ${incomplete.map(escapeHtml).join('; ')}</p>`;
}

function scenarioFacts(study: Study): string {
  const { loaded, summary } = study;
  const s = loaded.scenario;
  const measured = Number((s.horizonWeeks - s.warmupWeeks).toFixed(2));
  const facts: [string, string][] = [
    ['Scenario', s.name],
    ...(s.description === undefined ? [] : ([['Description', s.description]] as [string, string][])),
    ['File', loaded.file],
    ['Scenario hash (sha256)', loaded.hash],
    ['Seed', String(summary.seed)],
    ['Replications per policy', String(summary.replications)],
    ['Start', `${s.start} (${s.timeZone})`],
    ['Horizon', `${s.horizonWeeks} weeks: ${s.warmupWeeks}-week warm-up (not measured), ${measured} weeks measured, then ${s.drainDays} drain days for late leads to finish`],
    ...summary.policies.map((policy, index): [string, string] => [`Policy ${index + 1}${index === 0 && summary.policies.length > 1 ? ' (baseline)' : ''}`, `${policy.name}${s.policies[policy.name]?.description === undefined ? '' : ` — ${s.policies[policy.name]!.description}`}`]),
  ];
  const list = facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n');
  const warnings = loaded.warnings.map((warning) => `${warning.path === '' ? '' : `${warning.path}: `}${warning.message}`);
  const notes = [
    incompleteNote(study),
    ...(warnings.length > 0 ? [`<p class="warning-box"><strong>Scenario warnings:</strong> ${warnings.map(escapeHtml).join('; ')}</p>`] : []),
  ];
  return `<dl class="facts">\n${list}\n</dl>\n${notes.join('\n')}`;
}

const CSS = `
:root { --ink: #111827; --muted: #4b5563; --line: #e5e7eb; --good: #e3f1e4; --good-ink: #1b5e20; --warn: #fff4d6; --warn-ink: #8a5a00; --red: #fbe4e4; --red-ink: #b71c1c; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: var(--ink); font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, "Liberation Sans", sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 32px 28px 64px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 24px 0 8px; }
p { margin: 8px 0; }
.lede { color: var(--muted); margin: 0 0 20px; }
.answer { background: #eef4fb; border-left: 4px solid #4c78a8; padding: 14px 18px; border-radius: 4px; font-size: 16px; }
.answer p { margin: 6px 0; }
.answer-lead { font-size: 17px; }
.answer .verdict { font-size: 12px; padding: 0 7px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 8px 0 4px; }
th, td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: #f3f4f6; font-weight: 600; border-bottom: 2px solid #d1d5db; }
tbody th { font-weight: 500; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.value { font-weight: 600; }
.ci { display: block; color: var(--muted); font-size: 12px; }
.sub { display: block; font-weight: 400; font-size: 12px; color: var(--muted); }
.tag { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 8px; font-size: 11px; font-weight: 600; }
.tag.good { background: var(--good); color: var(--good-ink); }
.tag.warning { background: var(--warn); color: var(--warn-ink); }
.tag.red { background: var(--red); color: var(--red-ink); }
td.band-good { background: #f4faf4; }
td.band-warning { background: #fffbef; }
td.band-red { background: #fdf3f3; }
.verdict { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; font-weight: 600; white-space: nowrap; }
.verdict.better { background: var(--good); color: var(--good-ink); }
.verdict.worse { background: var(--red); color: var(--red-ink); }
.verdict.neutral { background: #e8eef7; color: #1e3a8a; }
.verdict.none { background: #f3f4f6; color: var(--muted); font-weight: 500; }
.legend-note { color: var(--muted); font-size: 13px; }
.chart { margin: 28px 0 8px; }
.caption { color: var(--muted); margin: 0 0 10px; }
.chart-svg { overflow-x: auto; }
.chart-svg svg { display: block; max-width: 100%; height: auto; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; font-size: 14px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.warning-box { background: var(--warn); border-left: 4px solid #d97706; padding: 8px 12px; }
@media print { body { background: #fff; } main { padding: 0; } .chart { break-inside: avoid; } }
`;

/** The whole report as one self-contained HTML page: inline CSS and SVG, no scripts, fonts or network. */
export function reportHtml(study: Study, svgs: ChartSvg[]): string {
  const { summary } = study;
  const s = study.loaded.scenario;
  const measured = Number((s.horizonWeeks - s.warmupWeeks).toFixed(2));
  const title = `Lead handoff simulation: ${summary.scenario}`;
  const lede = `${s.description === undefined ? '' : `${s.description}. `}${summary.policies.length} polic${summary.policies.length === 1 ? 'y' : 'ies'}, ${summary.replications} replication${summary.replications === 1 ? '' : 's'} each, ${measured} measured weeks after a ${s.warmupWeeks}-week warm-up starting ${s.start}.`;
  const deltas = summary.deltas.length === 0 ? '<p>Only one policy was simulated, so there is nothing to compare.</p>' : summary.deltas.map(deltasTable).join('\n');
  return htmlPage(title, CSS, `<header>
<h1>${escapeHtml(title)}</h1>
<p class="lede">${escapeHtml(lede)}</p>
</header>
<section class="answer" id="answer">
${answerHtml(study)}
</section>
${incompleteNote(study)}

<h2>Headline metrics</h2>
<p class="legend-note">${summary.replications === 1 ? 'Each cell is the one replication\u2019s value: one replication gives no confidence interval (run at least 2, and more for a usable one).' : `Each cell is the mean over ${escapeHtml(String(summary.replications))} replications with its 95% confidence interval underneath.`} Tags judge the mean against the methodology\u2019s bands: <span class="tag good">good</span> <span class="tag warning">warning</span> <span class="tag red">red flag</span>.</p>
${headlineTable(study)}

<h2>What changed, and is it real?</h2>
<p class="legend-note">Paired differences (challenger minus baseline) over the same replications.${summary.replications === 1 ? ' With one pair there is no interval, so no difference can be called real yet.' : ''} A verdict of better or worse means the 95% interval of the difference excludes zero; rates change in percentage points (pts).</p>
${deltas}

<h2>Charts</h2>
${svgs.map((chart) => chartSection(study, chart)).join('\n')}

<h2>How to read this report</h2>
<h3>95% confidence interval</h3>
<p>Each replication replays the whole period with its own random lead stream, so results vary from run to run the way real quarters do, and the interval shows how far the average of these replications could be from the long-run average: run the study again and again, and 95 of 100 intervals computed this way contain it. A narrow interval means more replications would barely move the number; a wide one (few replications, noisy metric) means read the mean with care.</p>
<h3>Paired difference</h3>
<p>Replication <em>k</em> of every policy sees exactly the same simulated leads, arrival times and buyer behaviour (common random numbers), so when we subtract the baseline from the challenger replication by replication the luck of the draw cancels and what is left is the effect of the policy. That is why a paired difference can be clearly real even when the two policies\u2019 own intervals overlap.</p>

<h2>Scenario facts</h2>
${scenarioFacts(study)}`);
}

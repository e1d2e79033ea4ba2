import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runStudyInProcess, type Study } from '../src/experiment/simulate.js';
import { REPORT_CHARTS } from '../src/report/charts/index.js';
import { dailyVolume, surgeWindows } from '../src/report/charts/dailyVolume.js';
import { FUNNEL_STAGES, FUNNEL_STEPS, funnelWaterfall } from '../src/report/charts/funnelWaterfall.js';
import { HEADLINE_DOLLARS, HEADLINE_RATES } from '../src/report/charts/metricComparison.js';
import { creditRows } from '../src/report/charts/pipelineByChannel.js';
import { tierNames } from '../src/report/charts/slaByTier.js';
import { SPEED_MARKERS, speedCurves } from '../src/report/charts/speedToLead.js';
import { meanOf } from '../src/report/charts/common.js';
import { deltaTable } from '../src/report/deltaTable.js';
import { withHalfWidth } from '../src/report/format.js';
import { summaryTable } from '../src/report/summaryTable.js';
import { escapeHtml, formatDifference, reportHtml } from '../src/report/html.js';
import { compileSpec, renderSvg, scopeSvgIds, textWidth } from '../src/report/renderSvg.js';
import { reportFiles } from '../src/report/reportFiles.js';
import { loadScenarioFile } from '../src/scenario/load.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/report/small-surge.yaml', import.meta.url));
const LAUNCH = fileURLToPath(new URL('../scenarios/launch-surge.yaml', import.meta.url));
const BASELINE_COLOR = '#4c78a8';
const CHALLENGER_COLOR = '#f58518';

/** Items (paths, lines, texts) drawn by a named vega-lite mark, including the parts of composite marks (errorbar). */
function markItems(svg: string, name: string, type?: string): number {
  let total = 0;
  const own = new RegExp(`^${name}(_layer_\\d+)?_marks$`);
  for (const match of svg.matchAll(/<g class="mark-(\w+) role-mark ([^"]+)"[^>]*>([\s\S]*?)<\/g>/g)) {
    if (!own.test(match[2]!) || (type !== undefined && match[1] !== type)) continue;
    total += (match[3]!.match(/<(path|line|text)\b/g) ?? []).length;
  }
  return total;
}

type Box = { text: string; left: number; right: number; top: number; bottom: number };

/** Where each text item of a named mark lands (its translate/rotate chain applied to a box sized with renderSvg's font metrics). */
function labelBoxes(svg: string, name: string): Box[] {
  const boxes: Box[] = [];
  for (const group of svg.matchAll(new RegExp(`<g class="mark-text role-mark ${name}_marks"[^>]*>([\\s\\S]*?)</g>`, 'g'))) {
    for (const item of group[1]!.matchAll(/<text[^>]*text-anchor="(\w+)" transform="([^"]+)"[^>]*font-size="([\d.]+)px"[^>]*>([^<]*)<\/text>/g)) {
      const [, anchor, transform, size, text] = item;
      const height = Number(size);
      const width = textWidth({ fontSize: height }, text!);
      const x0 = anchor === 'middle' ? -width / 2 : anchor === 'end' ? -width : 0;
      let corners: [number, number][] = [[x0, -height * 0.75], [x0 + width, -height * 0.75], [x0, height * 0.25], [x0 + width, height * 0.25]];
      // SVG applies the rightmost transform first.
      for (const step of [...transform!.matchAll(/(translate|rotate)\(([^)]*)\)/g)].reverse()) {
        const [a = 0, b = 0] = step[2]!.split(',').map(Number);
        const turn = (a * Math.PI) / 180;
        corners = corners.map(([x, y]) => (step[1] === 'translate' ? [x + a, y + b] : [x * Math.cos(turn) - y * Math.sin(turn), x * Math.sin(turn) + y * Math.cos(turn)]));
      }
      const xs = corners.map(([x]) => x);
      const ys = corners.map(([, y]) => y);
      boxes.push({ text: text!, left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) });
    }
  }
  return boxes;
}

/** Pairs of labels that print over each other. */
function overlapping(boxes: Box[]): string[] {
  const hits: string[] = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) hits.push(`${a.text} / ${b.text}`);
  }));
  return hits;
}

let study: Study;
/** launch-surge.yaml: four policies, and one launch that five sources share. */
let launch: Study;
const svgs = new Map<string, string>();

beforeAll(async () => {
  study = await runStudyInProcess(loadScenarioFile(FIXTURE), { replications: 2 });
  launch = await runStudyInProcess(loadScenarioFile(LAUNCH), { replications: 1 });
  for (const chart of REPORT_CHARTS) svgs.set(chart.name, await renderSvg(chart.spec(study)));
});

const policies = () => study.summary.policies;
/** Policy x metric pairs with a defined mean (a metric with an empty denominator is not drawn). */
const defined = (keys: string[]) => keys.reduce((sum, key) => sum + policies().filter((policy) => meanOf(policy, key) !== null).length, 0);

describe('report charts', () => {
  it('every chart compiles with vega-lite without warnings and renders to a non-empty SVG in the policy colours', () => {
    expect(REPORT_CHARTS.map((chart) => chart.name)).toEqual(['metricComparison', 'speedToLead', 'slaByTier', 'dailyVolume', 'funnelWaterfall', 'pipelineByChannel']);
    for (const chart of REPORT_CHARTS) {
      expect(compileSpec(chart.spec(study)).warnings, chart.name).toEqual([]);
      const svg = svgs.get(chart.name)!;
      const [, width, height] = svg.match(/^<svg[^>]* width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"/) ?? [];
      expect(Number(width), chart.name).toBeGreaterThanOrEqual(600);
      expect(Number(width), chart.name).toBeLessThanOrEqual(780);
      expect(Number(height), chart.name).toBeGreaterThan(200);
      expect(svg, chart.name).toContain(BASELINE_COLOR);
      expect(svg, chart.name).toContain(CHALLENGER_COLOR);
    }
  });

  it('the policy legend shows each colour as the marks draw it (the dot charts\u2019 legends were faded to 0.7)', () => {
    for (const chart of REPORT_CHARTS) {
      const symbols = [...svgs.get(chart.name)!.matchAll(/role-legend-symbol"[^>]*><path [^>]*?(?:fill|stroke)="([^"]+)"[^>]*? opacity="([\d.]+)"/g)];
      expect(symbols.map(([, fill]) => fill), chart.name).toEqual([BASELINE_COLOR, CHALLENGER_COLOR]);
      expect(symbols.map(([, , opacity]) => opacity), chart.name).toEqual(['1', '1']);
    }
  });

  it('metricComparison: one error bar and one dot per policy x headline rate and dollar metric', () => {
    const svg = svgs.get('metricComparison')!;
    const rates = defined(HEADLINE_RATES.map((metric) => metric.key));
    const money = defined(HEADLINE_DOLLARS.map((metric) => metric.key));
    expect(rates).toBe(policies().length * HEADLINE_RATES.length);
    expect(markItems(svg, 'rateCi', 'rule')).toBe(rates);
    expect(markItems(svg, 'ratePoint')).toBe(rates);
    expect(markItems(svg, 'dollarCi', 'rule')).toBe(money);
    expect(markItems(svg, 'dollarPoint')).toBe(money);
    expect(svg).toContain('current (baseline)');
    expect(svg).toContain('SLA compliance');
  });

  it('speedToLead: one cumulative curve per policy, levelling off at the contact rate, with the 5 min / 1 h / 4 h / 1 day lines', () => {
    const svg = svgs.get('speedToLead')!;
    expect(markItems(svg, 'curve')).toBe(policies().length);
    expect(markItems(svg, 'marker')).toBe(SPEED_MARKERS.length);
    for (const marker of SPEED_MARKERS) expect(svg).toContain(`>${marker.label}<`);
    const points = speedCurves(study);
    for (const policy of policies()) {
      const label = policy.name === 'current' ? 'current (baseline)' : policy.name;
      const curve = points.filter((point) => point.policy === label);
      expect(curve.length).toBeGreaterThan(50);
      for (let i = 1; i < curve.length; i++) expect(curve[i]!.share).toBeGreaterThanOrEqual(curve[i - 1]!.share);
      const results = study.results.get(policy.name)!;
      const touched = results.reduce((sum, result) => sum + result.counts.touched, 0);
      const assigned = results.reduce((sum, result) => sum + result.counts.assigned, 0);
      expect(curve[curve.length - 1]!.share).toBeCloseTo(touched / assigned, 5);
    }
  });

  it('slaByTier: one bar and one error bar per tier x policy, and the 85% / 70% threshold rules', () => {
    const svg = svgs.get('slaByTier')!;
    const tiers = tierNames(study);
    expect(tiers.length).toBeGreaterThan(2);
    const bars = defined(tiers.map((tier) => `slaComplianceByTier.${tier}`));
    expect(markItems(svg, 'slaBar')).toBe(bars);
    expect(markItems(svg, 'slaCi', 'rule')).toBe(bars);
    expect(markItems(svg, 'threshold0')).toBe(1);
    expect(markItems(svg, 'threshold1')).toBe(1);
    expect(svg).toContain('85% good →');
    expect(svg).toContain('← 70% red flag');
    expect(svg).toContain('hot (5 min)');
  });

  it('slaByTier: the value labels sit over the threshold lines on a white halo, so no line crosses a figure out', () => {
    const svg = svgs.get('slaByTier')!;
    const order = [...svg.matchAll(/class="mark-\w+ role-mark (\w+)_marks"/g)].map((match) => match[1]);
    // They were drawn first and the 70% / 85% lines ran through them ("81%" in the baseline's warm tier).
    expect(order.indexOf('slaLabelHalo')).toBeGreaterThan(Math.max(order.indexOf('threshold0'), order.indexOf('threshold1')));
    expect(order.indexOf('slaLabel')).toBeGreaterThan(order.indexOf('slaLabelHalo'));
    expect(labelBoxes(svg, 'slaLabelHalo')).toEqual(labelBoxes(svg, 'slaLabel'));
    expect(svg).toMatch(/slaLabelHalo_marks"[^>]*><text [^>]*stroke="white"/);
  });

  it('dailyVolume: surge window placed at its local time, shaded in every panel, and the surge-protocol days marked', () => {
    const windows = surgeWindows(study);
    // 2026-01-13T09:00 in New York is 14:00 UTC; the axis shows local wall-clock time as UTC dates.
    expect(windows).toEqual([{ sources: ['organic'], label: 'Product launch', from: Date.UTC(2026, 0, 13, 9), to: Date.UTC(2026, 0, 15, 9) }]);
    const svg = svgs.get('dailyVolume')!;
    for (const panel of ['inquiries', 'mqls', 'queue']) {
      expect(markItems(svg, `${panel}SurgeWindow`)).toBe(1);
      expect(markItems(svg, `${panel}Warmup`)).toBe(1);
    }
    expect(svg).toContain('Product launch');
    const surgeDays = study.results.get('surge-protocol')!.flatMap((result) => result.daily.surge.map((on, day) => (on > 0 ? day : -1))).filter((day) => day >= 0);
    expect(surgeDays.length).toBeGreaterThan(0);
    expect(markItems(svg, 'surgeProtocol')).toBe(new Set(surgeDays).size);
    expect(markItems(svg, 'mqlsBaseline')).toBe(1);
    expect(markItems(svg, 'mqlsChallengers')).toBe(policies().length - 1);
    expect(svg).toContain('>Jan 12<');
  });

  it('dailyVolume: a launch that several sources share is one band with one label, not a label per source', async () => {
    expect(surgeWindows(launch)).toEqual([{ sources: Object.keys(launch.loaded.scenario.sources), label: 'launch', from: Date.UTC(2026, 1, 24, 9), to: Date.UTC(2026, 1, 26, 9) }]);
    const svg = await renderSvg(dailyVolume(launch));
    for (const panel of ['inquiries', 'mqls', 'queue']) expect(markItems(svg, `${panel}SurgeWindow`), panel).toBe(1);
    // It printed "launch" five times, two pairs of them on top of each other.
    const labels = [0, 1, 2].flatMap((row) => labelBoxes(svg, `inquiriesSurgeLabel${row}`));
    expect(labels.map((label) => label.text)).toEqual(['launch']);
  });

  it('funnelWaterfall: a bar per stage x policy and a conversion dot with error bar per step x policy', () => {
    const svg = svgs.get('funnelWaterfall')!;
    expect(markItems(svg, 'stageBar')).toBe(FUNNEL_STAGES.length * policies().length);
    const steps = defined(FUNNEL_STEPS.map((step) => step.key));
    expect(markItems(svg, 'stepCi', 'rule')).toBe(steps);
    expect(markItems(svg, 'stepPoint')).toBe(steps);
    expect(svg).toContain('MQL → SAL (typical 40–60%)');
  });

  it('funnelWaterfall: the stage counts stay readable with four policies (bars too narrow for them side by side)', async () => {
    const two = labelBoxes(svgs.get('funnelWaterfall')!, 'stageLabel');
    expect(two).toHaveLength(FUNNEL_STAGES.length * policies().length);
    expect(overlapping(two)).toEqual([]);
    // The launch scenario's four policies and four-digit MQL counts printed "1,6251,6251,6251,625".
    const four = labelBoxes(await renderSvg(funnelWaterfall(launch)), 'stageLabel');
    expect(four).toHaveLength(FUNNEL_STAGES.length * 4);
    expect(overlapping(four)).toEqual([]);
  });

  it('pipelineByChannel: credit bars per channel x policy in each 30/30/30/10 panel, adding up to the pipeline', () => {
    const svg = svgs.get('pipelineByChannel')!;
    const rows = creditRows(study);
    const firstTouch = rows.filter((row) => row.rule === 'first-touch');
    expect(new Set(firstTouch.map((row) => row.channel))).toEqual(new Set(Object.keys(study.loaded.scenario.sources)));
    expect(markItems(svg, 'creditBar0')).toBe(firstTouch.length);
    expect(markItems(svg, 'creditCi0', 'rule')).toBe(firstTouch.length);
    for (const policy of policies()) {
      const label = policy.name === 'current' ? 'current (baseline)' : policy.name;
      const credited = rows.filter((row) => row.policy === label).reduce((sum, row) => sum + row.mean, 0);
      expect(credited).toBeCloseTo(meanOf(policy, 'pipelineDollars')!, -1);
    }
  });
});

describe('renderSvg', () => {
  it('gives byte-identical SVG for the same spec, also when renders overlap', async () => {
    const spec = REPORT_CHARTS[0]!.spec(study);
    const [a, b] = await Promise.all([renderSvg(spec), renderSvg(spec)]);
    expect(b).toBe(a);
    expect(await renderSvg(spec)).toBe(a);
  });

  it('scopes ids so several inline SVGs cannot capture each other\u2019s clip paths', () => {
    const svg = '<svg><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"></g><use href="#clip1"/></svg>';
    expect(scopeSvgIds(svg, 'chart-a')).toBe('<svg><defs><clipPath id="chart-a-clip1"><rect/></clipPath></defs><g clip-path="url(#chart-a-clip1)"></g><use href="#chart-a-clip1"/></svg>');
  });
});

/** The study with hostile text in every name a scenario author controls (as if the schema let it through). */
function hostile(source: Study): Study {
  const swaps: [string, string][] = [
    ['surge-protocol', '<script>alert("policy")</script>'],
    ['hot', '<img src=x onerror=alert(1)>'],
    ['organic', '<b>organic</b>'],
  ];
  // Whole names only: as a JSON string, or as a segment of a dotted metric path or "rule:channel" credit key.
  const swap = <T>(value: T): T => {
    let text = JSON.stringify(value);
    for (const [from, to] of swaps) text = text.replace(new RegExp(`(?<=[".:])${from}(?=[".])`, 'g'), JSON.stringify(to).slice(1, -1));
    return JSON.parse(text) as T;
  };
  const scenario = swap({ ...source.loaded.scenario, name: 'x<script>alert("name")</script>', description: 'A & B <script>alert("description")</script>' });
  const policyEntries = Object.entries(scenario.policies).map(([name, policy]) => [name, { ...policy, description: `<script>alert("${name}")</script>` }]);
  return {
    summary: { ...swap(source.summary), scenario: scenario.name },
    results: new Map(swap([...source.results.entries()])),
    loaded: { ...source.loaded, file: '<script>file</script>.yaml', scenario: { ...scenario, policies: Object.fromEntries(policyEntries) } },
  };
}

describe('report.html', () => {
  it('escapeHtml escapes markup and quotes', () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;');
    expect(escapeHtml('plain text')).toBe('plain text');
  });

  it('formats differences in the metric\u2019s unit with a real minus sign', () => {
    expect(formatDifference('rate', -0.0213)).toBe('\u22122.1 pts');
    expect(formatDifference('dollars', 2_940_000)).toBe('+$2.94M');
    expect(formatDifference('minutes', -144)).toBe('\u22122.4 h');
    expect(formatDifference('count', 0)).toBe('0');
    // A bound just off zero (the interval excludes it) keeps enough digits not to read as zero.
    expect(formatDifference('rate', 0.00004)).toBe('+0.004 pts');
    expect(formatDifference('rate', 0.0000001)).toBe('+0.000 pts');
    expect(formatDifference('minutes', 0.1, 'h')).toBe('+0.002 h');
    expect(formatDifference('rate', 0)).toBe('0.0 pts');
  });

  it('a table cell gives a duration and its half-width in one unit, a small half-width with its digits', () => {
    expect(withHalfWidth('minutes', 486, 41.2)).toBe('8.1 h \u00b10.7 h');
    expect(withHalfWidth('minutes', 450, 1.9)).toBe('7.5 h \u00b10.03 h');
    expect(withHalfWidth('minutes', 20, 90)).toBe('20.0 min \u00b190.0 min');
    expect(withHalfWidth('rate', 0.5, 0)).toBe('50.0%');
    expect(withHalfWidth('dollars', 8.6e6, 819_400)).toBe('$8.60M \u00b1$819.4K');
  });

  it('a row of durations reads in one unit across the policies, and a cell\u2019s mean in its interval\u2019s unit', () => {
    // launch-surge printed p90 2.2 d beside 41.9 h; baseline's median cell read 114.1 min over 1.4 h – 2.4 h.
    const [first, second] = study.summary.policies;
    const speed = (policy: typeof first, p50: number, p90: number, ci: [number, number]) =>
      ({ ...policy!, metrics: { ...policy!.metrics, speedToLeadMinutes: { ...policy!.metrics.speedToLeadMinutes!, p50, p90 } }, ci95: { ...policy!.ci95, 'speedToLeadMinutes.p50': ci, 'speedToLeadMinutes.p90': [p90 - 100, p90 + 100] as [number, number] } });
    const p90 = { baseline: 3168, challenger: 2514, difference: -654, ci95: [-900, -400] as [number, number], verdict: 'better' as const };
    const delta = { ...study.summary.deltas[0]!, metrics: { ...study.summary.deltas[0]!.metrics, 'speedToLeadMinutes.p90': p90 } };
    const summary = { ...study.summary, policies: [speed(first, 114.1, 3168, [84.4, 143.8]), speed(second, 18.9, 2514, [15.3, 22.4])], deltas: [delta] };
    const html = reportHtml({ ...study, summary }, []);
    const row = (label: string) => html.match(new RegExp(`<tr><th scope="row">${label}</th>.*</tr>`))?.[0] ?? '';
    expect(row('Speed to lead, p90')).toMatch(/>52\.8 h<.*>41\.9 h</);
    expect(row('Speed to lead, median')).toContain('>114.1 min</span><span class="ci">84.4 min – 143.8 min<');
    expect(html.match(/<table class="deltas">.*<\/table>/s)![0]).toMatch(/Speed to lead, p90<\/th><td class="num">52\.8 h<\/td><td class="num">41\.9 h<\/td>/);
    expect(summaryTable(summary)).toMatch(/\nSpeed to lead, p90 +52\.8 h ±1\.7 h +41\.9 h ±1\.7 h\n/);
    expect(deltaTable(summary)).toMatch(/\nSpeed to lead, p90 +52\.8 h +41\.9 h +-10\.9 h /);
  });

  it('escapes every name and description from the scenario, in the page and inside the chart SVGs', async () => {
    const evil = hostile(study);
    expect(evil.summary.policies.map((policy) => policy.name)).toContain('<script>alert("policy")</script>');
    expect(tierNames(evil)).toContain('<img src=x onerror=alert(1)>');
    const files = await reportFiles(evil);
    const html = files.find((file) => file.name === 'report.html')!.contents;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<b>organic');
    expect(html).toContain('&lt;script&gt;alert(&quot;policy&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('A &amp; B &lt;script&gt;');
    for (const file of files.filter((f) => f.name.endsWith('.svg'))) expect(file.contents, file.name).not.toMatch(/<script|<img|<b>/i);
  });

  it('is self-contained: no scripts, stylesheets, images or fonts from anywhere, and unique element ids', async () => {
    const html = (await reportFiles(study)).find((file) => file.name === 'report.html')!.contents;
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|@font-face|src=|url\(\s*['"]?(https?:|\/\/)/i);
    expect(html).not.toMatch(/href="(?!#)/);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const chart of REPORT_CHARTS) expect(html).toContain(`data-chart="${chart.name}"`);
    // The answer at the top, the two tables and the reading guide.
    expect(html).toMatch(/<section class="answer"[\s\S]*surge-protocol<\/strong> \(Surge protocol on[\s\S]*pipeline by <strong>/);
    expect(html).toContain('<table class="metrics">');
    expect(html).toContain('<table class="deltas">');
    expect(html).toContain('common random numbers');
    expect(html).toContain(study.loaded.hash);
  });

  it('warns at the top when a replication stopped early on a resource limit', () => {
    const [first, ...rest] = study.summary.policies;
    const partial: Study = { ...study, summary: { ...study.summary, policies: [{ ...first!, incomplete: [{ replication: 1, reason: 'maxLeads (5000) reached' }] }, ...rest] } };
    const html = reportHtml(partial, []);
    const answerEnd = html.indexOf('</section>');
    expect(html.indexOf('Stopped early (partial results)')).toBeGreaterThan(answerEnd);
    expect(html.indexOf('Stopped early (partial results)')).toBeLessThan(html.indexOf('<h2>Headline metrics</h2>'));
    expect(html).toContain('current replication 1: maxLeads (5000) reached');
  });

  it('with one replication, claims no interval under the cells and calls no difference real', async () => {
    const one = await runStudyInProcess(loadScenarioFile(FIXTURE), { replications: 1 });
    const html = reportHtml(one, []);
    expect(html).not.toContain('confidence interval underneath');
    expect(html).toContain('one replication gives no confidence interval');
    expect(html).toContain('With one pair there is no interval');
    expect(html).toContain('Metric (one replication: no interval)');
    expect(REPORT_CHARTS.find((chart) => chart.name === 'metricComparison')!.caption(one)).toContain('with no interval from one replication');
    expect(html).not.toContain('95% CI below');
    expect(reportHtml(study, [])).toContain('Each cell is the mean over 2 replications with its 95% confidence interval underneath.');
  });

  it('reads sensibly with a single policy (no comparison)', async () => {
    const single = await runStudyInProcess(loadScenarioFile(FIXTURE), { replications: 2, policies: ['current'] });
    const files = await reportFiles(single);
    const html = files.find((file) => file.name === 'report.html')!.contents;
    expect(html).toContain('With <strong>current</strong>');
    expect(html).toContain('nothing to compare');
    expect(files.find((file) => file.name === 'charts/metricComparison.svg')!.contents).not.toContain('(baseline)');
  });
});

describe('reportFiles', () => {
  it('returns spec, SVG per chart and report.html, byte-identical when rendered twice', async () => {
    const first = await reportFiles(study);
    const second = await reportFiles(study);
    expect(first.map((file) => file.name)).toEqual([...REPORT_CHARTS.flatMap((chart) => [`charts/${chart.name}.vl.json`, `charts/${chart.name}.svg`]), 'report.html']);
    expect(second).toEqual(first);
    for (const chart of REPORT_CHARTS) {
      const spec = first.find((file) => file.name === `charts/${chart.name}.vl.json`)!.contents;
      expect(JSON.parse(spec)).toEqual(JSON.parse(JSON.stringify(chart.spec(study))));
      expect(spec.endsWith('\n')).toBe(true);
    }
    const html = first.find((file) => file.name === 'report.html')!.contents;
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(reportHtml(study, [])).toContain('<h2>Charts</h2>');
  });
});

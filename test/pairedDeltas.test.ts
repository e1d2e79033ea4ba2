import { describe, expect, it } from 'vitest';
import { policyDeltas } from '../src/experiment/aggregate.js';
import { summarize } from '../src/experiment/simulate.js';
import { deltaTable } from '../src/report/deltaTable.js';
import { summaryTable } from '../src/report/summaryTable.js';
import { answerHtml } from '../src/report/html.js';
import { DISPLAY_METRICS, FLAG_METRICS, tableMetrics } from '../src/report/format.js';
import { runReplication } from '../src/experiment/runReplication.js';
import { deriveMetrics, flattenMetrics } from '../src/metrics/derive.js';
import type { ReplicationResult } from '../src/metrics/result.js';
import { meanInterval } from '../src/experiment/statistics.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

const loaded = loadScenarioFile(`${ROOT}test/fixtures/reliability/long-run.yaml`);
const run = (policy: string, replications: number[]): Promise<ReplicationResult[]> => Promise.all(replications.map((r) => runReplication(loaded, policy, r)));

describe('paired differences', () => {
  it('pair replications by number, so one missing under a policy drops only its own pair', async () => {
    const baseline = await run('current', [0, 1, 2, 3, 4]);
    // Replication 1 failed (or was cut off) under the challenger only.
    const challenger = await run('tighter', [0, 2, 3, 4]);
    const mqls = (result: ReplicationResult): number => deriveMetrics(result).mqls!;
    const expected = meanInterval([0, 2, 3, 4].map((r) => mqls(challenger.find((c) => c.replication === r)!) - mqls(baseline[r]!)));
    const deltas = policyDeltas('current', baseline, 'tighter', challenger);
    expect(deltas.pairs).toBe(4);
    const delta = deltas.metrics.mqls!;
    expect(delta.difference).toBeCloseTo(expected.mean, 6);
    expect(delta.ci95![0]).toBeCloseTo(expected.mean - expected.halfWidth, 6);
    // Values are rounded to 10 significant digits in the summary, hence 6 decimals here. The baseline side is the same four replications.
    expect(delta.baseline).toBeCloseTo([0, 2, 3, 4].reduce((sum, r) => sum + mqls(baseline[r]!), 0) / 4, 6);

    // The tables say how many replications each side has and how many pairs were compared.
    const summary = summarize(loaded, ['current', 'tighter'], 5, new Map([['current', baseline], ['tighter', challenger]]));
    expect(summaryTable(summary).split('\n')[0]).toMatch(/ 4-5 replications \(see each policy\) /);
    expect(deltaTable(summary)).toMatch(/^tighter vs current \(paired over 4 replications\)/);
  });

  it('one replication gives values and differences but no interval: null in the JSON, "none (1 pair)" in the table', async () => {
    const [baseline, challenger] = await Promise.all([run('current', [0]), run('tighter', [0])]);
    const summary = summarize(loaded, ['current', 'tighter'], 1, new Map([['current', baseline], ['tighter', challenger]]));
    const delta = summary.deltas[0]!.metrics.mqls!;
    expect(delta.difference).toBe(deriveMetrics(challenger[0]!).mqls! - deriveMetrics(baseline[0]!).mqls!);
    expect(delta.ci95).toBeNull();
    expect(delta.verdict).toBe('no detectable difference');
    expect(summary.policies[0]!.metrics.mqls).toBe(deriveMetrics(baseline[0]!).mqls);
    expect(summary.policies[0]!.ci95).toEqual({});
    expect(deltaTable(summary)).toMatch(/\nMQLs +[\d,]+ +[\d,]+ +[-+][\d,]+ +none \(1 pair\) +no detectable difference\n/);
  });

  it('a bound that excludes zero by less than the rounding step is not printed as +0.0', () => {
    const metrics = { contactRate: { baseline: 0.5, challenger: 0.503, difference: 0.003, ci95: [0.0004, 0.0056] as [number, number], verdict: 'better' as const } };
    const table = deltaTable({ deltas: [{ policy: 'b', baseline: 'a', pairs: 8, metrics }] } as unknown as Parameters<typeof deltaTable>[0]);
    expect(table).toMatch(/\+0\.3 pp +\[\+0\.04 pp, \+0\.6 pp\] +better/);
  });

  it('an exact zero difference has no sign, as in the report', () => {
    const metrics = { contactRate: { baseline: 0.5, challenger: 0.5, difference: 0, ci95: [-0.002, 0.002] as [number, number], verdict: 'no detectable difference' as const } };
    const table = deltaTable({ deltas: [{ policy: 'b', baseline: 'a', pairs: 8, metrics }] } as unknown as Parameters<typeof deltaTable>[0]);
    expect(table).toMatch(/ 0\.0 pp +\[-0\.2 pp, \+0\.2 pp\] +no detectable difference/);
  });

  // The quick start printed two identical rows: every lead that leaked had gone cold.
  it('"Went cold before touch" gets a row only when it is not lead leakage under some policy', () => {
    const keys = (metrics: { leakageRate: number | null; abandonmentRate: number | null }[]) => tableMetrics(metrics.map((m) => ({ bands: {}, metrics: m }))).map((metric) => metric.key);
    const all = DISPLAY_METRICS.map((metric) => metric.key);
    expect(keys([{ leakageRate: 0.077, abandonmentRate: 0.077 }, { leakageRate: 0.051, abandonmentRate: 0.051 }])).toEqual(all.filter((key) => key !== 'abandonmentRate'));
    expect(keys([{ leakageRate: 0.077, abandonmentRate: 0.077 }, { leakageRate: 0.051, abandonmentRate: 0.049 }])).toEqual(all);
  });

  it('a flag metric gets a table row when some policy is outside good, and is always among the paired differences', async () => {
    const rows = (bands: Record<string, string>[]) => tableMetrics(bands.map((b) => ({ bands: b, metrics: { leakageRate: 0.08, abandonmentRate: 0.05 } }))).map((metric) => metric.key);
    expect(rows([{ misrouteRate: 'good' }, { misrouteRate: 'good', breachEscalationRate: 'good' }])).toEqual(DISPLAY_METRICS.map((metric) => metric.key));
    expect(rows([{ misrouteRate: 'good' }, { misrouteRate: 'red flag', abmLeakageRate: 'warning' }])).toEqual([...DISPLAY_METRICS.map((metric) => metric.key), 'misrouteRate', 'abmLeakageRate']);
    // The bundled baseline: mis-routes are a red flag under both policies, breach escalation a warning under current only.
    const bundled = loadScenarioFile(`${ROOT}scenarios/baseline.yaml`);
    const runs = (policy: string) => Promise.all([0, 1].map((r) => runReplication(bundled, policy, r)));
    const [baseline, challenger] = await Promise.all([runs('current'), runs('tighter-mql')]);
    const summary = summarize(bundled, ['current', 'tighter-mql'], 2, new Map([['current', baseline], ['tighter-mql', challenger]]));
    // Each tier's SLA row carries the SLA bands too, as in the report.
    // A cell is mean ± half-width, or the interval clipped where that passes 100% (two replications: wide intervals).
    expect(summaryTable(summary)).toMatch(/\n {2}SLA compliance: hot +[\d.]+% (±[\d.]+%|\([\d.]+%-[\d.]+%\)) \[(RED|warn|good)\] +[\d.]+% (±[\d.]+%|\([\d.]+%-[\d.]+%\)) \[(RED|warn|good)\]\n/);
    expect(summaryTable(summary)).toMatch(/\nMis-routed \(tier changed on enrichment\) +[\d.]+% ±[\d.]+% \[RED\] +[\d.]+% ±[\d.]+% \[RED\]\n/);
    expect(summary.deltas[0]!.metrics.misrouteRate!.verdict).toBe('worse');
    for (const metric of FLAG_METRICS) {
      const flagged = summary.policies.some((policy) => policy.bands[metric.key] !== undefined && policy.bands[metric.key] !== 'good');
      expect(summaryTable(summary).includes(`\n${metric.label} `)).toBe(flagged);
      if (summary.policies.every((policy) => flattenMetrics(policy.metrics)[metric.key] !== null)) expect(summary.deltas[0]!.metrics[metric.key]).toBeDefined();
    }
  });

  // Policies that share one lead stream have the same MQLs in every pair: the answer said "MQL volume by 0 (95% CI 0 to 0)".
  it('the answer names a metric equal in every pair as unchanged, not as a change by 0', () => {
    const moved = { baseline: 0.7, challenger: 0.8, difference: 0.1, ci95: [0.05, 0.15], verdict: 'better' };
    const delta = (mqls: object) => ({ policy: 'faster', baseline: 'current', pairs: 4, metrics: { slaCompliance: moved, mqls } });
    const answer = (mqls: object) => answerHtml({ summary: { deltas: [delta(mqls)], policies: [] }, results: new Map(), loaded: { scenario: { policies: {} } } } as unknown as Parameters<typeof answerHtml>[0]);
    const same = answer({ baseline: 500, challenger: 500, difference: 0, ci95: [0, 0], verdict: 'no detectable difference' });
    expect(same).toMatch(/<p>It changes SLA compliance by <strong>\+10\.0 pts<\/strong> \(95% CI [^)]+\) <[^>]+>better<\/[^>]+>\. It leaves MQL volume exactly as under <strong>current<\/strong> \(the same in every pair of replications\)\.<\/p>$/);
    expect(same).not.toMatch(/MQL volume by/);
    // A difference of zero whose interval is not zero is a finding, and stays one.
    expect(answer({ baseline: 500, challenger: 500, difference: 0, ci95: [-3, 3], verdict: 'no detectable difference' })).toMatch(/MQL volume by <strong>/);
  });

  it('a run stopped before any replication finished says so instead of a table of dashes and a 0-of-0 verdict', () => {
    const summary = summarize(loaded, ['current', 'tighter'], 4, new Map([['current', []], ['tighter', []]]));
    expect(summaryTable(summary)).toMatch(/ 0-4 replications \(see each policy\) .*\n\nNo replication finished, so there is nothing to show yet\.$/);
    expect(deltaTable(summary)).toBe('tighter vs current: no replications finished for both, nothing to compare');
    expect(answerHtml({ summary, results: new Map(), loaded } as unknown as Parameters<typeof answerHtml>[0])).toMatch(/no replication finished under both, so there is nothing to compare yet/);
  });
});

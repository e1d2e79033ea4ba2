import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SweepJson } from '../src/experiment/sweep.js';
import { cli } from './helpers/scenario.js';

const FIXTURE = 'test/fixtures/sweep/short.yaml';
const outDir = () => join(mkdtempSync(join(tmpdir(), 'handoff-sweep-')), 'run');

describe('handoff sweep (end to end)', () => {
  it('writes sweep.json, sweep.csv, charts and report.html, prints the table and the best point', () => {
    const out = outDir();
    const args = ['sweep', FIXTURE, '--param', 'policies.current.scoring.threshold=60..70:5', '--replications', '2', '--maximize', 'pipeline', '--require', 'slaCompliance>=0.5', '--workers', '2', '--out', out];
    const run = cli(args);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/sweep-fixture: policy current, seed 5, 2 replications per point/);
    expect(run.stdout).toMatch(/policies\.current\.scoring\.threshold\s+MQLs\s+SAL acceptance\s+MQL -> SQL \(cohort\)\s+SLA compliance\s+Pipeline/);
    expect(run.stdout).toMatch(/Objective: maximize pipelineDollars subject to slaCompliance>=0\.5\./);
    expect(run.stdout).toMatch(/Best point: policies\.current\.scoring\.threshold=(60|65|70) with pipelineDollars \$/);
    expect(run.stdout).toContain(`Report: ${out}/report.html`);
    expect(readdirSync(out).sort()).toEqual(['charts', 'manifest.json', 'replications.jsonl', 'report.html', 'sweep.csv', 'sweep.json']);
    expect(readdirSync(join(out, 'charts')).sort()).toEqual(['sweep.svg', 'sweep.vl.json']);

    const sweep = SweepJson.parse(JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')));
    expect(sweep.points.map((point) => point.values['policies.current.scoring.threshold'])).toEqual([60, 65, 70]);
    expect(sweep.best?.metric).toBe('pipelineDollars');
    expect(sweep.constraints).toEqual([{ text: 'slaCompliance>=0.5', metric: 'slaCompliance', operator: '>=', value: 0.5 }]);
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv[0]).toMatch(/^policies\.current\.scoring\.threshold,mqls,mqls\.ci95Low,mqls\.ci95High,/);
    const svg = readFileSync(join(out, 'charts/sweep.svg'), 'utf8');
    expect(svg).toMatch(/^<svg/);
    // The constraint's line is labelled like the percent axis it is drawn on (it read "required >= 0.5").
    expect(svg).toContain('>required &gt;= 50.0%</text>');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<title>Parameter sweep: sweep-fixture<\/title>/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);

    // --json prints the same sweep.json; an existing folder is never overwritten.
    const json = cli([...args.slice(0, -1), outDir(), '--json']);
    expect(json.status).toBe(0);
    expect(json.stdout).toBe(readFileSync(join(out, 'sweep.json'), 'utf8'));
    const again = cli(args);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists and is not empty/);
  });

  it('a two-parameter grid adds a heatmap', () => {
    const out = outDir();
    const run = cli(['sweep', FIXTURE, '--param', 'team.sdr.count=1,2', '--param', 'policies.current.scoring.threshold=60,70', '--replications', '1', '--maximize', 'mqlToSql', '--out', out, '--quiet']);
    expect(run.status).toBe(0);
    expect(readdirSync(join(out, 'charts')).sort()).toEqual(['sweep.svg', 'sweep.vl.json', 'sweepHeatmap.svg', 'sweepHeatmap.vl.json']);
    // One replication per point has no interval to put under the means.
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('One replication per point: its value, with no confidence interval.');
    expect(html).not.toContain('confidence interval underneath');
    // No zero-width "3,243 to 3,243" under the cells, and no point called statistically tied without an interval.
    expect(html).not.toContain('<span class="ci">');
    expect(run.stdout).toContain('With one replication per point there is no interval of the difference, so no point can be told apart from the best: run 2 or more.');
    expect(run.stdout).not.toMatch(/not significantly different/i);
    expect(run.stdout).toContain('replication per point (values, no intervals)');
  });

  it.each([
    [['--param', 'policies.current.scoring.treshold=60..70:5'], /not a field of this scenario; nearest numeric fields: policies\.current\.scoring\.threshold/],
    [['--param', 'team.sdr.count=1..2:0.5'], /takes whole numbers only/],
    [['--param', 'policies.current.scoring.threshold=190..210:10'], /policies\.current\.scoring\.threshold=210 is not a valid scenario/],
    [['--param', 'team.sdr.count=1,2', '--maximize', 'pipelin'], /unknown metric "pipelin"/],
    [['--param', 'team.sdr.count=1,2', '--require', 'slaComplianceByTier.hto>=0.8'], /^--require "slaComplianceByTier\.hto>=0\.8": policy "current" has no tier "hto" \(did you mean "slaComplianceByTier\.hot"\?\); its tiers: [^\n]+\nRun "handoff sweep --help" for usage\.\n$/],
    [['--param', 'team.sdr.count=1,2', '--require', 'sla=0.8'], /use one of the operators >=, <=, > or </],
    [[], /--param is needed: name the field to vary/],
  ])('bad flags exit 2 with one message and write nothing (%#)', (flags, message) => {
    const out = outDir();
    const run = cli(['sweep', FIXTURE, ...flags, '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(() => readdirSync(out)).toThrow();
  });

  it('--list-params prints every numeric path with its value', () => {
    const run = cli(['sweep', FIXTURE, '--list-params']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^team\.sdr\.count {2}2 {2}\(whole numbers\)$/m);
    expect(run.stdout).toMatch(/^policies\.current\.scoring\.threshold {2}65$/m);
    expect(run.stdout).toMatch(/^policies\.current\.routing\.namedAccounts\.slaMinutes {2}\(unset\)$/m);
  });
});

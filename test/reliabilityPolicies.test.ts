import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudySummary } from '../src/experiment/simulate.js';
import { flattenMetrics } from '../src/metrics/derive.js';
import { cli, ROOT } from './helpers/scenario.js';

describe('custom policy isolation', () => {
  it('a policy that throws, returns garbage, loops forever or kills its worker fails only its own replications', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'handoff-hostile-')), 'run');
    const run = cli(['compare', 'test/fixtures/reliability/hostile-policies.yaml', '--job-timeout', '3', '--workers', '2', '--quiet', '--out', out]);
    expect(run.status).toBe(3); // finished, but some replications failed
    expect(run.stderr).toMatch(/policy "throws" failed: custom policy "throws-at-score": score\(\) threw: scoring service unavailable/);
    expect(run.stderr).toMatch(/policy "garbage" failed: custom policy "garbage-tier": tierOf\(\) must return a tier index 0\.\.5 or -1 \(nurture\), got "hot"/);
    // A hang or a crash names the policy's module files: the code to suspect.
    expect(run.stderr).toMatch(/policy "loops" failed: did not finish within 3 s \(--job-timeout\); its worker was replaced; its custom code may never return \(scoring test\/fixtures\/policies\/loops-forever\.mjs\)\n/);
    expect(run.stderr).toMatch(/policy "crashes" failed: worker failed: worker exited with code: 1 \(custom code: scoring test\/fixtures\/policies\/kills-worker\.mjs\)\n/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const summary = StudySummary.parse(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')));
    const byName = Object.fromEntries(summary.policies.map((p) => [p.name, p]));
    // The sound policy ran all its replications, after the pool replaced the killed and timed-out workers.
    expect(byName.sound!.failed).toEqual([]);
    expect(byName.sound!.metrics.leads).toBeGreaterThan(0);
    for (const name of ['throws', 'garbage', 'loops', 'crashes']) {
      expect(byName[name]!.failed.map((f) => f.replication)).toEqual([0, 1, 2]);
      expect(Object.values(flattenMetrics(byName[name]!.metrics)).every((value) => value === null)).toBe(true);
    }
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).not.toMatch(/NaN/);
  });

  // The README gave sweep --job-timeout, which it did not have: a sweep of a policy that never returns hung for good.
  it('sweep --job-timeout fails the replications of a policy that never returns, and the sweep ends with exit 3', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'handoff-hostile-')), 'sweep');
    const run = cli(['sweep', 'test/fixtures/reliability/hostile-policies.yaml', '--policy', 'loops', '--param', 'team.sdr.count=3,4', '--replications', '2', '--workers', '2', '--job-timeout', '2', '--quiet', '--out', out]);
    expect(run.status).toBe(3);
    // Each named by its values (the table's), not by a point index the user never sees.
    expect(run.stderr.match(/replication \d at team\.sdr\.count=[34] failed: did not finish within 2 s \(--job-timeout\); its worker was replaced/g)).toHaveLength(4);
    expect(run.stderr).toMatch(/its custom code may never return \(scoring test\/fixtures\/policies\/loops-forever\.mjs\)\n/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // A built-in policy has no code to suspect: the run is only long.
    const long = cli(['sweep', 'scenarios/large-company.yaml', '--param', 'team.sdr.count=300', '--replications', '1', '--workers', '1', '--job-timeout', '0.05', '--quiet', '--out', `${out}-long`]);
    expect(long.stderr).toMatch(/^replication 0 at team\.sdr\.count=300 failed: did not finish within 0\.05 s \(--job-timeout\); its worker was replaced; raise --job-timeout if a replication is only long\n/m);
    expect(cli(['sweep', 'test/fixtures/reliability/hostile-policies.yaml', '--param', 'team.sdr.count=3,4', '--job-timeout', '0']).stderr).toMatch(/--job-timeout must be a positive number of seconds \(got 0\)/);
  });

  // replay and backtest run in this process, not on the pool: a policy's own error used to end them as an "internal error".
  const withThrows = (): string => {
    const file = join(mkdtempSync(join(tmpdir(), 'handoff-hostile-')), 'with-throws.yaml');
    const baseline = readFileSync(`${ROOT}scenarios/baseline.yaml`, 'utf8');
    // Policies are the file's last section: the broken one goes last, so current stays the baseline.
    writeFileSync(file, `${baseline.trimEnd()}\n  throws:\n    extends: current\n    scoring: { module: ${ROOT}test/fixtures/policies/throws-at-score.mjs }\n`);
    return file;
  };

  it('replay: a policy that throws fails its own replications (exit 3); the other policies are reported', () => {
    const run = cli(['replay', withThrows(), '--leads', 'examples/hubspot-contacts.csv', '--map', 'mappings/hubspot-contacts.yaml', '--replications', '2', '--quiet']);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/^replication 0 of policy "throws" failed: custom policy "throws-at-score": score\(\) threw: scoring service unavailable\n/m);
    expect(run.stderr).toMatch(/^replication 1 of policy "throws" failed/m);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(run.stdout).toMatch(/\nMQLs +[\d,]+ +[\d,]+ +- *\n/);
    expect(run.stdout).toMatch(/Failed replications \(not in the figures above\):\n {2}throws replication 0: /);
  });

  it('backtest: a policy that throws is named with the lead it failed on, by id and file line (exit 2), and nothing is written', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'handoff-hostile-')), 'backtest');
    const scenario = withThrows();
    const run = cli(['backtest', '--leads', 'examples/salesforce-leads.csv', '--map', 'mappings/salesforce-leads.yaml', '--scenario', scenario, '--policy', 'throws', '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${scenario}: 1 problem\n  policies.throws.scoring.module: custom policy "throws-at-score": score() threw: scoring service unavailable (on the lead with id "00Q5e0000000000500", line 502 of examples/salesforce-leads.csv). Fix: fix the module so that score() sets out.mql, fit, intent and combined for every lead\n`);
    expect(existsSync(out)).toBe(false);
  });
});

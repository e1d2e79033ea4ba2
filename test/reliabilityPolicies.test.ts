import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudySummary } from '../src/experiment/simulate.js';
import { flattenMetrics } from '../src/metrics/derive.js';
import { cli } from './helpers/scenario.js';

describe('custom policy isolation', () => {
  it('a policy that throws, returns garbage, loops forever or kills its worker fails only its own replications', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'handoff-hostile-')), 'run');
    const run = cli(['compare', 'test/fixtures/reliability/hostile-policies.yaml', '--job-timeout', '3', '--workers', '2', '--quiet', '--out', out]);
    expect(run.status).toBe(3); // finished, but some replications failed
    expect(run.stderr).toMatch(/policy "throws" failed: custom policy "throws-at-score": score\(\) threw: scoring service unavailable/);
    expect(run.stderr).toMatch(/policy "garbage" failed: custom policy "garbage-tier": tierOf\(\) must return a tier index 0\.\.5 or -1 \(nurture\), got "hot"/);
    expect(run.stderr).toMatch(/policy "loops" failed: did not finish within 3 s \(--job-timeout\); its worker was replaced/);
    expect(run.stderr).toMatch(/policy "crashes" failed: worker failed: worker exited/);
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
});

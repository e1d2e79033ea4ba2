import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulateJson } from '../src/report/json.js';
import { cli } from './helpers/scenario.js';

const RATES = ['contactRate', 'slaCompliance', 'abandonmentRate', 'waitingProbability', 'repUtilization', 'salAcceptance', 'mqlToSql'] as const;

describe('simulate --json', () => {
  const args = ['simulate', 'scenarios/validation/erlang-a.yaml', '--json', '--replications', '3', '--seed', '99'];

  it('prints exactly one JSON object in the documented shape, rates as fractions', () => {
    const run = cli(args);
    expect(run.status).toBe(0);
    const parsed: unknown = JSON.parse(run.stdout);
    const json = SimulateJson.parse(parsed);
    expect(json).toMatchObject({ scenario: 'erlang-a', seed: 99, replications: 3 });
    const policy = json.policies[0]!;
    expect(policy.name).toBe('pooled-fifo');
    const m = policy.metrics;
    for (const key of ['leads', 'mqls', 'contactRate', 'slaCompliance', 'slaComplianceByTier', 'speedToLeadMinutes', 'abandonmentRate', 'waitingProbability', 'repUtilization']) {
      expect(m).toHaveProperty(key);
    }
    expect(Object.keys(m.speedToLeadMinutes).sort()).toEqual(['mean', 'p50', 'p90']);
    expect(Object.keys(m.slaComplianceByTier)).toEqual(['all']);
    for (const rate of RATES) {
      expect(m[rate]).toBeGreaterThanOrEqual(0);
      expect(m[rate]).toBeLessThanOrEqual(1);
      const [lo, hi] = policy.ci95[rate]!;
      expect(lo).toBeLessThanOrEqual(m[rate]!);
      expect(hi).toBeGreaterThanOrEqual(m[rate]!);
    }
    expect(run.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('the same scenario and seed give byte-identical JSON twice in a row', () => {
    const first = cli(args);
    const second = cli(args);
    expect(first.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const other = cli([...args.slice(0, -1), '100']);
    expect(other.stdout).not.toBe(first.stdout);
  });

  it('--out writes summary, CSVs and manifest into a new folder and refuses to overwrite it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'handoff-out-')), 'run');
    const run = cli([...args, '--out', out]);
    expect(run.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['daily.csv', 'manifest.json', 'replications.csv', 'replications.jsonl', 'summary.json']);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { policies: unknown[] };
    expect(summary.policies).toHaveLength(1);
    // erlang-a.yaml: 0.25 warm-up weeks (days 0-1 start in it), 4 weeks measured, 1 drain day (day 28).
    const daily = readFileSync(join(out, 'daily.csv'), 'utf8').trim().split('\n').map((line) => line.split(','));
    expect(daily[0]!.slice(0, 5)).toEqual(['policy', 'day', 'date', 'phase', 'arrivals']);
    expect(daily.slice(1).map((row) => row[3])).toEqual([...Array(2).fill('warm-up'), ...Array(26).fill('measured'), 'drain']);
    const again = cli([...args, '--out', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists and is not empty/);
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Manifest } from '../src/report/writeResults.js';
import { cli } from './helpers/scenario.js';

const scenario = 'test/fixtures/reliability/long-run.yaml';
const outDir = () => join(mkdtempSync(join(tmpdir(), 'handoff-precision-')), 'run');
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { replications: number; precision: { target: number; met: boolean; widest: { halfWidth: number; metric: string; policy: string } } | null };

describe('--precision', () => {
  it('adds replications until the widest 95% half-width is within the target, and says it was met', () => {
    const out = outDir();
    const run = cli(['compare', scenario, '--replications', '4', '--precision', '0.05', '--workers', '1', '--quiet', '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/not reached/);
    const { precision } = manifestOf(out);
    expect(precision).toMatchObject({ target: 0.05, met: true });
    expect(precision!.widest.halfWidth).toBeLessThanOrEqual(0.05);
  });

  it('stopping at --max-replications short of the target is said on stderr and in the manifest, not silent', () => {
    const out = outDir();
    const run = cli(['compare', scenario, '--replications', '3', '--precision', '0.0001', '--max-replications', '4', '--workers', '1', '--quiet', '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/--precision 0\.0001 not reached: stopped at the cap of 4 replications per policy \(--max-replications\) with a 95% half-width of [\d.e-]+ for \w+ under policy "\w+"/);
    const manifest = manifestOf(out);
    expect(manifest.replications).toBe(4);
    expect(manifest.precision).toMatchObject({ target: 0.0001, met: false });
    expect(manifest.precision!.widest.halfWidth).toBeGreaterThan(0.0001);
  });

  it('a precision run stopped before any interval exists writes a manifest --resume can read (no Infinity)', () => {
    const out = outDir();
    const run = cli(['compare', 'test/fixtures/reliability/slow-replication.yaml', '--replications', '2', '--precision', '0.01', '--timeout', '1', '--workers', '1', '--quiet', '--out', out]);
    expect(run.status).toBe(3);
    const manifest = Manifest.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    expect(manifest.precision).toMatchObject({ target: 0.01, met: false, widest: { halfWidth: null } });
  });

  it('without --precision the manifest says null', () => {
    const out = outDir();
    expect(cli(['simulate', scenario, '--replications', '2', '--workers', '1', '--quiet', '--out', out]).status).toBe(0);
    expect(manifestOf(out).precision).toBeNull();
  });
});

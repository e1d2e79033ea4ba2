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

  it('--max-replications is a cap of --precision: the scenario\'s count starts under it, and a cap that would be ignored is refused', () => {
    // long-run.yaml asks for 40 replications; with a cap of 3 the run starts at 3 instead of silently running 40.
    const out = outDir();
    const capped = cli(['compare', scenario, '--precision', '0.0001', '--max-replications', '3', '--workers', '2', '--quiet', '--out', out]);
    expect(capped.status).toBe(0);
    expect(capped.stderr).toMatch(/stopped at the cap of 3 replications per policy \(--max-replications\)/);
    expect(manifestOf(out).replications).toBe(3);
    const refused: [string[], string][] = [
      [['--max-replications', '4'], '--max-replications caps how many replications --precision may add; give --precision too, or set the number with --replications\nRun "handoff compare --help" for usage.\n'],
      [['--precision', '0.01', '--max-replications', '1'], '--max-replications must be a whole number >= 2, the fewest that give an interval (got 1)\nRun "handoff compare --help" for usage.\n'],
      [['--precision', '0.01', '--replications', '6', '--max-replications', '4'], '--replications 6 is above --max-replications 4; lower --replications or raise the cap\nRun "handoff compare --help" for usage.\n'],
    ];
    for (const [flags, message] of refused) {
      const run = cli(['compare', scenario, ...flags, '--quiet', '--out', outDir()]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(message);
    }
  });
});

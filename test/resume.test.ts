import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers/scenario.js';

const scenario = 'test/fixtures/reliability/long-run.yaml';
const fresh = () => mkdtempSync(join(tmpdir(), 'handoff-resume-'));

/** Starts a compare and sends SIGINT once at least one replication result has been reported. */
function interruptedCompare(out: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${ROOT}dist/src/cli/main.js`, 'compare', scenario, '--workers', '2', '--quiet', '--out', out], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Long enough for some replications to finish, short of all 80.
    const timer = setTimeout(() => child.kill('SIGINT'), 2500);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
}

describe('crash safety and resume', () => {
  it('SIGINT leaves a valid partial result marked incomplete; --resume finishes it to the uninterrupted result', async () => {
    const dir = fresh();
    const partial = join(dir, 'partial');
    const interrupted = await interruptedCompare(partial);
    expect(interrupted.status).toBe(130);
    expect(interrupted.stderr).toMatch(/interrupted: \d+ of 40 replications per policy finished/);
    const manifest = JSON.parse(readFileSync(join(partial, 'manifest.json'), 'utf8')) as { complete: boolean; replications: number; stopReason: string };
    expect(manifest.complete).toBe(false);
    expect(manifest.stopReason).toBe('interrupted');
    expect(manifest.replications).toBeLessThan(40);
    const jsonl = readFileSync(join(partial, 'replications.jsonl'), 'utf8').trim().split('\n');
    expect(jsonl.length).toBeGreaterThan(0);
    JSON.parse(readFileSync(join(partial, 'summary.json'), 'utf8'));

    const resumed = cli(['compare', scenario, '--resume', partial, '--workers', '1', '--quiet']);
    expect(resumed.status).toBe(0);
    const full = join(dir, 'full');
    expect(cli(['compare', scenario, '--workers', '2', '--quiet', '--out', full]).status).toBe(0);
    expect(readFileSync(join(partial, 'summary.json'), 'utf8')).toBe(readFileSync(join(full, 'summary.json'), 'utf8'));
    expect(JSON.parse(readFileSync(join(partial, 'manifest.json'), 'utf8')).complete).toBe(true);
    // Nothing half-written is left beside the results.
    expect(readFileSync(join(partial, 'replications.jsonl'), 'utf8').trim().split('\n')).toHaveLength(80);
  });

  it('--resume refuses a folder written for another scenario', () => {
    const dir = join(fresh(), 'run');
    expect(cli(['simulate', scenario, '--replications', '2', '--quiet', '--out', dir]).status).toBe(0);
    const other = cli(['compare', 'scenarios/validation/erlang-c.yaml', '--resume', dir, '--quiet']);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/was written for a different scenario/);
  });

  it('--timeout stops cleanly with what it has, marked incomplete', () => {
    const out = join(fresh(), 'run');
    const run = cli(['compare', scenario, '--replications', '40', '--timeout', '1.5', '--workers', '2', '--quiet', '--out', out]);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/stopped at the time limit/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { complete: boolean; stopReason: string };
    expect(manifest).toMatchObject({ complete: false, stopReason: 'time limit' });
  });

  it('W=1 and W=2 give byte-identical summary.json', () => {
    const [a, b] = [join(fresh(), 'w1'), join(fresh(), 'w2')];
    expect(cli(['compare', scenario, '--replications', '6', '--workers', '1', '--quiet', '--out', a]).status).toBe(0);
    expect(cli(['compare', scenario, '--replications', '6', '--workers', '2', '--quiet', '--out', b]).status).toBe(0);
    expect(readFileSync(join(a, 'summary.json'), 'utf8')).toBe(readFileSync(join(b, 'summary.json'), 'utf8'));
    expect(readFileSync(join(a, 'report.html'), 'utf8')).toBe(readFileSync(join(b, 'report.html'), 'utf8'));
    expect(existsSync(join(a, 'charts', 'metricComparison.svg'))).toBe(true);
  });
});

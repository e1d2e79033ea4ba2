import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { plural } from '../src/report/format.js';
import { cli, ROOT } from './helpers/scenario.js';

// A launch search of 7 headcounts and 3 what-ifs at 60 replications: several seconds, so a stop lands mid-search.
const search = ['staff', 'test/fixtures/staffing/small-launch.yaml', '--target', 'warm-plus:0.8@1d', '--window', 'launch', '--replications', '60'];
const fresh = () => mkdtempSync(join(tmpdir(), 'handoff-staff-resume-'));
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const manifestOf = (dir: string) => JSON.parse(read(dir, 'manifest.json')) as { complete: boolean; stopReason: string | null };
const lines = (dir: string) => read(dir, 'replications.jsonl').split('\n').filter(Boolean).length;

/** Starts staff with --progress and sends SIGINT once at least `after` replications are reported done. */
function interruptedAfter(args: string[], after: number): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${ROOT}dist/src/cli/main.js`, ...args, '--progress'], { cwd: ROOT });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const done = Number(/staffing replications: (\d+)\/\d+ done[^\n]*\n$/.exec(stderr)?.[1] ?? 0);
      if (!sent && done >= after) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('handoff staff: stopping and --resume', () => {
  let full = '';
  beforeAll(() => {
    full = join(fresh(), 'full');
    expect(cli([...search, '--workers', '2', '--quiet', '--out', full]).status).toBe(0);
  }, 120_000);

  it('a complete search keeps every replication with its team, ordered, and says complete: true', () => {
    expect(manifestOf(full)).toMatchObject({ complete: true, stopReason: null });
    // 4 headcounts tried and 3 what-if policies, 60 replications each.
    expect(lines(full)).toBe(7 * 60);
  });

  it('--timeout stops with exit 3, keeps what finished (complete: false); --resume finishes it to the uninterrupted result', () => {
    const dir = join(fresh(), 'run');
    const stopped = cli([...search, '--workers', '2', '--quiet', '--timeout', '1', '--out', dir]);
    expect(stopped.status).toBe(3);
    expect(stopped.stderr).toBe(`stopped at the time limit before the search finished: ${plural(lines(dir), 'finished replication')} kept in ${dir} (manifest says complete: false)\nfinish it with: handoff staff test/fixtures/staffing/small-launch.yaml --resume ${dir}\n`);
    expect(manifestOf(dir)).toMatchObject({ complete: false, stopReason: 'time limit' });
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'replications.jsonl']);
    // Another worker count, and the flags come from the folder.
    const resumed = cli(['staff', 'test/fixtures/staffing/small-launch.yaml', '--resume', dir, '--workers', '1', '--quiet']);
    expect(resumed.status).toBe(0);
    for (const name of ['summary.json', 'replications.jsonl', 'curve.csv', 'charts/staffing-curve.svg']) expect(read(dir, name)).toBe(read(full, name));
    expect(manifestOf(dir)).toMatchObject({ complete: true, stopReason: null });
    // Finished now: nothing to resume.
    const again = cli(['staff', 'test/fixtures/staffing/small-launch.yaml', '--resume', dir, '--quiet']);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(`${dir} holds a finished staff search (complete: true); there is nothing to resume\n`);
  }, 120_000);

  it('Ctrl-C stops with exit 130 and a resumable folder; a changed flag, --out or another scenario is refused', async () => {
    const dir = join(fresh(), 'run');
    const stopped = await interruptedAfter([...search, '--workers', '2', '--out', dir], 20);
    expect(stopped.status).toBe(130);
    expect(stopped.stderr).toMatch(/interrupted before the search finished: \d+ finished replications kept in /);
    expect(manifestOf(dir)).toMatchObject({ complete: false, stopReason: 'interrupted' });
    expect(lines(dir)).toBeGreaterThanOrEqual(20);

    const changed = cli(['staff', 'test/fixtures/staffing/small-launch.yaml', '--resume', dir, '--replications', '8', '--window', 'launch', '--quiet']);
    expect(changed.status).toBe(2);
    expect(changed.stderr).toBe(`--resume finishes ${dir} as it was started, so --replications 8 (the run has 60) cannot apply; drop it, or start a new run with --out\nRun "handoff staff --help" for usage.\n`);
    expect(cli(['staff', 'test/fixtures/staffing/small-launch.yaml', '--resume', dir, '--out', join(dir, 'x'), '--quiet']).stderr).toBe('--resume writes into the folder being resumed; drop --out\nRun "handoff staff --help" for usage.\n');
    expect(cli(['staff', 'test/fixtures/staffing/small-launch.yaml', '--resume', join(dir, 'nope'), '--quiet']).stderr).toBe(`${join(dir, 'nope')} does not exist; --resume needs the folder a stopped staff search wrote\n`);
    const other = join(fresh(), 'compare-run');
    mkdirSync(other);
    writeFileSync(join(other, 'manifest.json'), JSON.stringify({ tool: 'handoff-sim', complete: false, options: { policies: [], replications: 2 } }));
    expect(cli(['staff', 'test/fixtures/staffing/small-launch.yaml', '--resume', other, '--quiet']).stderr).toBe(`${other} was not written by handoff staff (its manifest has no staff search); --resume needs the folder a stopped staff search wrote\n`);
    expect(cli(['staff', 'test/fixtures/staffing/erlang-c.yaml', '--resume', dir, '--quiet']).stderr).toMatch(/was written for a different scenario \(test\/fixtures\/staffing\/small-launch\.yaml, hash \w+; now test\/fixtures\/staffing\/erlang-c\.yaml, hash \w+: the file, its seed or a custom policy module it uses has changed\); resume with them as they were, or start a new search\n$/);

    const resumed = cli(['staff', 'test/fixtures/staffing/small-launch.yaml', '--resume', dir, '--workers', '2', '--quiet']);
    expect(resumed.status).toBe(0);
    expect(read(dir, 'summary.json')).toBe(read(full, 'summary.json'));
    expect(read(dir, 'replications.jsonl')).toBe(read(full, 'replications.jsonl'));
  }, 120_000);
});

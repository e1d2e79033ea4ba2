import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/scenario.js';

/** A results folder as a run leaves it when killed outright: its staging folder only, no manifest. */
function leftBy(pid: number, replications: number): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'handoff-killed-')), 'run');
  mkdirSync(join(dir, `.partial-${pid}`), { recursive: true });
  writeFileSync(join(dir, `.partial-${pid}`, 'replications.jsonl'), '{}\n'.repeat(replications));
  return dir;
}

// A process that has exited: its pid is no longer running.
const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

// Such a folder looked empty to ls, yet was "already exists and is not empty", and --resume said "no manifest.json".
describe('a folder a killed run left', () => {
  it('--out names what is in it and how to clear it; --resume says why it cannot be resumed (exit 2)', () => {
    const pid = deadPid();
    const dir = leftBy(pid, 3);
    const fresh = cli(['compare', 'scenarios/baseline.yaml', '--replications', '2', '--quiet', '--out', dir]);
    expect(fresh.status).toBe(2);
    expect(fresh.stderr).toBe(`${dir} holds only what a run killed before it finished left (.partial-${pid}: 3 finished replications, no manifest); delete it (rm -r ${dir}) or choose another --out\n`);
    for (const args of [['compare', 'scenarios/baseline.yaml'], ['sweep', 'scenarios/baseline.yaml'], ['staff', 'scenarios/baseline.yaml']]) {
      const resumed = cli([...args, '--resume', dir, '--quiet']);
      expect(resumed.status, args[0]).toBe(2);
      expect(resumed.stderr).toBe(`${dir} holds only what a run killed before it finished left (.partial-${pid}: 3 finished replications, no manifest); it cannot be resumed (a run stopped by Ctrl-C, SIGTERM or --timeout can be): start a new run with another --out\n`);
    }
  });

  it('a folder a live run is writing is named as such', () => {
    const dir = leftBy(process.pid, 0);
    expect(cli(['compare', 'scenarios/baseline.yaml', '--quiet', '--out', dir]).stderr).toBe(`${dir} is being written by a handoff run that is still going (process ${process.pid}); choose another --out\n`);
    expect(cli(['compare', 'scenarios/baseline.yaml', '--quiet', '--resume', dir]).stderr).toBe(`${dir} is being written by a handoff run that is still going (process ${process.pid}); wait for it to finish\n`);
  });
});

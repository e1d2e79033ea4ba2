import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers/scenario.js';

/** A results folder as a run of an older version (or a sweep) leaves it when killed outright: its staging folder only, no manifest. */
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

const scenario = 'test/fixtures/reliability/long-run.yaml';

/** Lines of the replications.jsonl in `out`'s staging folder, if there is one. */
function staged(out: string): number {
  const staging = existsSync(out) ? readdirSync(out).find((name) => name.startsWith('.partial-')) : undefined;
  const jsonl = staging === undefined ? '' : join(out, staging, 'replications.jsonl');
  return jsonl !== '' && existsSync(jsonl) ? readFileSync(jsonl, 'utf8').split('\n').filter(Boolean).length : 0;
}

/** Runs a command into `out` and kills it outright (SIGKILL: no handler runs) once `atLeast` replications are on disk. */
function killedRun(args: string[], out: string, atLeast: number): Promise<{ signal: NodeJS.Signals | null; pid: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${ROOT}dist/src/cli/main.js`, ...args, '--workers', '2', '--quiet', '--out', out], { cwd: ROOT, stdio: 'ignore' });
    const poll = setInterval(() => {
      if (staged(out) >= atLeast) {
        clearInterval(poll);
        child.kill('SIGKILL');
      }
    }, 20);
    child.on('close', (_status, signal) => {
      clearInterval(poll);
      resolve({ signal, pid: child.pid! });
    });
  });
}

// A kill (out of memory, a closed session, SIGKILL) left finished replications in the staging folder but no manifest, so
// --resume refused the folder and the replications were lost. The run now stages its manifest before the first one.
describe('a compare killed outright', () => {
  it('--resume takes up its staging folder and finishes it to the uninterrupted result; --out and sweep say how', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-killed-'));
    const out = join(dir, 'killed');
    const killed = await killedRun(['compare', scenario], out, 2);
    expect(killed.signal).toBe('SIGKILL');
    const kept = staged(out);
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(readdirSync(out)).toEqual([`.partial-${killed.pid}`]);
    const finish = `handoff compare ${scenario} --resume ${out}`;
    const left = `${out} holds a run killed before it finished (.partial-${killed.pid}: ${kept} finished replication${kept === 1 ? '' : 's'})`;
    const again = cli(['compare', scenario, '--quiet', '--out', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(`${left}; finish it with: ${finish}; or delete it (rm -r ${out}) or choose another --out\n`);
    const sweep = cli(['sweep', scenario, '--resume', out, '--quiet']);
    expect(sweep.stderr).toBe(`${out} was written by handoff compare, not sweep; if it stopped early, finish it with: ${finish}\n`);
    // A kill in the middle of an append leaves half a line: that replication runs again.
    appendFileSync(join(out, `.partial-${killed.pid}`, 'replications.jsonl'), '{"policy":"cur');

    const resumed = cli(['compare', scenario, '--resume', out, '--workers', '1', '--quiet']);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    const full = join(dir, 'full');
    expect(cli(['compare', scenario, '--workers', '2', '--quiet', '--out', full]).status).toBe(0);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(readFileSync(join(full, 'summary.json'), 'utf8'));
    expect(readFileSync(join(out, 'replications.csv'), 'utf8')).toBe(readFileSync(join(full, 'replications.csv'), 'utf8'));
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ complete: true, stopReason: null, replications: 40 });
    // The staging folder is gone: the folder is an ordinary finished run.
    expect(readdirSync(out).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});

describe('a sweep killed outright', () => {
  it('--resume takes up its staging folder and finishes it to the uninterrupted sweep.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-killed-'));
    const sweep = ['sweep', scenario, '--param', 'policies.current.scoring.threshold=60..80:10', '--replications', '8'];
    const out = join(dir, 'killed');
    const killed = await killedRun(sweep, out, 2);
    expect(killed.signal).toBe('SIGKILL');
    expect(staged(out)).toBeGreaterThanOrEqual(2);
    const again = cli([...sweep, '--quiet', '--out', out]);
    expect(again.stderr).toMatch(new RegExp(`finish it with: handoff sweep ${scenario} --resume ${out};`));
    const resumed = cli(['sweep', scenario, '--resume', out, '--workers', '1', '--quiet']);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    const full = join(dir, 'full');
    expect(cli([...sweep, '--workers', '2', '--quiet', '--out', full]).status).toBe(0);
    expect(readFileSync(join(out, 'sweep.json'), 'utf8')).toBe(readFileSync(join(full, 'sweep.json'), 'utf8'));
    // The same replications (a resumed one's keys come back in the schema's order, so they are compared as values).
    const lines = (folder: string): unknown[] => readFileSync(join(folder, 'replications.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(lines(out)).toEqual(lines(full));
    expect(readdirSync(out).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});

describe('a staff search killed outright', () => {
  it('--resume takes up its staging folder and finishes it to the uninterrupted folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-killed-'));
    const search = ['staff', 'test/fixtures/staffing/small-launch.yaml', '--target', 'warm-plus:0.8@1d', '--window', 'launch', '--replications', '30'];
    const out = join(dir, 'killed');
    const killed = await killedRun(search, out, 4);
    expect(killed.signal).toBe('SIGKILL');
    expect(staged(out)).toBeGreaterThanOrEqual(4);
    const resumed = cli(['staff', 'test/fixtures/staffing/small-launch.yaml', '--resume', out, '--workers', '1', '--quiet']);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    const full = join(dir, 'full');
    expect(cli([...search, '--workers', '2', '--quiet', '--out', full]).status).toBe(0);
    for (const name of ['summary.json', 'replications.jsonl', 'curve.csv']) expect(readFileSync(join(out, name), 'utf8'), name).toBe(readFileSync(join(full, name), 'utf8'));
    expect(readdirSync(out).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});

// A killed run's folder looks empty to ls: before a new run into results/, the scenario's killed runs there are named,
// each with the command that finishes it, so their finished replications are not forgotten.
describe('a new run into the default results folder', () => {
  it('names the scenario\u2019s killed runs there and how to finish each; not other scenarios\u2019, not finished ones', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'handoff-killed-cwd-'));
    const pid = deadPid();
    const stage = (folder: string, manifest: boolean) => {
      const staging = join(cwd, 'results', folder, `.partial-${pid}`);
      mkdirSync(staging, { recursive: true });
      writeFileSync(join(staging, 'replications.jsonl'), '{}\n{}\n');
      if (manifest) writeFileSync(join(staging, 'manifest.json'), JSON.stringify({ command: ['handoff', 'compare', `${ROOT}scenarios/baseline.yaml`], scenarioFile: `${ROOT}scenarios/baseline.yaml` }));
    };
    stage('baseline-2026-11-24T08-00-00Z', true);
    // No staged manifest (an older version's): nothing to finish, so not named.
    stage('baseline-2026-11-24T07-00-00Z', false);
    stage('erlang-a-2026-11-24T08-00-00Z', true);
    const run = cli(['compare', `${ROOT}scenarios/baseline.yaml`, '--replications', '1', '--policies', 'current', '--quiet'], { cwd });
    expect(run.status).toBe(0);
    const killed = 'results/baseline-2026-11-24T08-00-00Z';
    expect(run.stderr).toBe(`note: ${killed} holds a run killed before it finished (.partial-${pid}: 2 finished replications); finish it with: handoff compare ${ROOT}scenarios/baseline.yaml --resume ${killed}\n`);
  });
});

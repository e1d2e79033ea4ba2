import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refuseChangedFlags } from '../src/cli/resumeFlags.js';
import { cli, ROOT } from './helpers/scenario.js';

const scenario = 'test/fixtures/reliability/long-run.yaml';
const fresh = () => mkdtempSync(join(tmpdir(), 'handoff-resume-'));

/** Makes a finished folder look interrupted (its last replication not kept, complete: false), so --resume has work. */
function interrupt(dir: string): void {
  const manifest = join(dir, 'manifest.json');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"complete": true', '"complete": false'));
  const jsonl = join(dir, 'replications.jsonl');
  writeFileSync(jsonl, `${readFileSync(jsonl, 'utf8').trimEnd().split('\n').slice(0, -1).join('\n')}\n`);
}

/** Finished replications a running compare has streamed into its results folder's staging area. */
function streamed(out: string): number {
  if (!existsSync(out)) return 0;
  const staging = readdirSync(out).find((name) => name.startsWith('.partial-'));
  const jsonl = staging === undefined ? '' : join(out, staging, 'replications.jsonl');
  return jsonl !== '' && existsSync(jsonl) ? readFileSync(jsonl, 'utf8').split('\n').filter(Boolean).length : 0;
}

/** Starts a command and sends SIGINT `delayMs` after `ready(stderr so far)` holds (or after `fallbackMs`). */
function interrupted(args: string[], ready: (stderr: string) => boolean, fallbackMs: number, delayMs = 0): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${ROOT}dist/src/cli/main.js`, ...args], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const started = Date.now();
    const poll = setInterval(() => {
      if (ready(stderr) || Date.now() - started > fallbackMs) {
        clearInterval(poll);
        setTimeout(() => child.kill('SIGINT'), delayMs);
      }
    }, 50);
    child.on('close', (status) => {
      clearInterval(poll);
      resolve({ status, stderr });
    });
  });
}

describe('crash safety and resume', () => {
  it('SIGINT leaves a valid partial result marked incomplete; --resume finishes it to the uninterrupted result', async () => {
    const dir = fresh();
    const partial = join(dir, 'partial');
    // Interrupt once a few replications are on disk, well short of all 80.
    const stopped = await interrupted(['compare', scenario, '--workers', '2', '--quiet', '--out', partial], () => streamed(partial) >= 4, 60_000);
    expect(stopped.status).toBe(130);
    expect(stopped.stderr).toMatch(/interrupted: \d+ of 40 replications per policy finished/);
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

  it('an interrupted sweep resumes to the uninterrupted sweep.json', async () => {
    const dir = fresh();
    const sweep = ['sweep', scenario, '--param', 'policies.current.scoring.threshold=60..80:5', '--replications', '24', '--workers', '2', '--json'];
    const partial = join(dir, 'partial');
    // Its --progress lines say when a few of its 120 replications are done.
    const stopped = await interrupted([...sweep, '--progress', '--out', partial], (stderr) => Number(/sweep: (\d+)\/120 done[^\n]*\n$/.exec(stderr)?.[1] ?? 0) >= 6, 60_000);
    expect(stopped.status).toBe(130);
    expect(stopped.stderr).toMatch(/^sweep: 0\/120 done, 0 leads\/s\n/);
    const interruptedSweep = JSON.parse(readFileSync(join(partial, 'sweep.json'), 'utf8')) as { complete: boolean };
    expect(interruptedSweep.complete).toBe(false);
    expect(cli(['sweep', scenario, '--resume', partial, '--quiet', '--workers', '1']).status).toBe(0);
    const full = join(dir, 'full');
    expect(cli([...sweep, '--quiet', '--out', full]).status).toBe(0);
    expect(readFileSync(join(partial, 'sweep.json'), 'utf8')).toBe(readFileSync(join(full, 'sweep.json'), 'utf8'));
  });

  // Writing the report takes a moment after the last replication; a Ctrl-C then used to kill the process mid-write,
  // leaving a folder with no manifest that --resume refused. Now the writing finishes: the results are complete.
  // --progress says when the writing starts (it takes most of a second here); the signal goes the moment that line
  // arrives, while the process is still running. Without the handler in place during the writing, SIGINT's default
  // action would end the process (exit code null, signal SIGINT) with no manifest written.
  it('a signal while the results are written lets the writing finish', async () => {
    const out = join(fresh(), 'run');
    const child = spawn(process.execPath, [`${ROOT}dist/src/cli/main.js`, 'compare', 'scenarios/baseline.yaml', '--replications', '6', '--progress', '--out', out], { cwd: ROOT });
    let stderr = '';
    let signalled = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!signalled && /writing the results folder[^\n]*\n$/.test(stderr)) signalled = child.exitCode === null && child.kill('SIGINT');
    });
    const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, name) => resolve([code, name])));
    expect(signalled).toBe(true);
    expect([status, signal]).toEqual([0, null]);
    expect(stderr).toMatch(/replications: writing the results folder \(charts and report\)\n/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { complete: boolean };
    expect(manifest.complete).toBe(true);
    expect(readdirSync(out).filter((name) => name.startsWith('.partial-'))).toEqual([]);
  });

  // replay runs in this process and never yielded: Ctrl-C ended it at once (signal SIGINT, no message, nothing written).
  it('SIGINT stops a replay between replications and keeps what finished, marked incomplete', async () => {
    const out = join(fresh(), 'replay');
    const args = ['replay', 'scenarios/baseline.yaml', '--leads', 'examples/hubspot-contacts.csv', '--map', 'mappings/hubspot-contacts.yaml', '--replications', '400', '--progress', '--out', out];
    const stopped = await interrupted(args, (stderr) => /replications: [4-9]\/800 done/.test(stderr), 60_000);
    expect(stopped.status).toBe(130);
    const finished = Number(/interrupted: (\d+) of 400 replications per policy finished; partial results in .*replay \(manifest says complete: false\)\n/.exec(stopped.stderr)?.[1]);
    expect(finished).toBeGreaterThan(0);
    expect(finished).toBeLessThan(400);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { complete: boolean; stopReason: string; replications: number; plannedReplications: number };
    expect(manifest).toMatchObject({ complete: false, stopReason: 'interrupted', replications: finished, plannedReplications: 400 });
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toMatchObject({ replications: finished });
    // Both policies of every finished replication, so the pairs stay whole.
    expect(readFileSync(join(out, 'replications.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2 * finished);
  });

  // The manifest holds the run's flags; one given again with another value used to be ignored without a word.
  it('--resume refuses a flag that would change the run, naming what the run has', () => {
    const dir = fresh();
    const run = join(dir, 'run');
    expect(cli(['compare', 'scenarios/baseline.yaml', '--replications', '2', '--quiet', '--out', run]).status).toBe(0);
    const more = cli(['compare', 'scenarios/baseline.yaml', '--resume', run, '--replications', '4', '--quiet']);
    expect(more.status).toBe(2);
    expect(more.stderr).toBe(`--resume finishes ${run} as it was started, so --replications 4 (the run has 2) cannot apply; drop it, or start a new run with --out\nRun "handoff compare --help" for usage.\n`);
    const finished = cli(['compare', 'scenarios/baseline.yaml', '--resume', run, '--quiet']);
    expect(finished.status).toBe(2);
    expect(finished.stderr).toBe(`${run} holds a finished run (complete: true, no replication failed); there is nothing to resume\n`);
    interrupt(run);
    expect(cli(['compare', 'scenarios/baseline.yaml', '--resume', run, '--replications', '2', '--quiet']).status).toBe(0);
    const sweep = join(dir, 'sweep');
    expect(cli(['sweep', 'scenarios/baseline.yaml', '--param', 'policies.current.scoring.threshold=60,70', '--replications', '2', '--quiet', '--out', sweep]).status).toBe(0);
    const other = cli(['sweep', 'scenarios/baseline.yaml', '--resume', sweep, '--param', 'policies.current.scoring.threshold=60,80', '--seed', '7', '--quiet']);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/so --param policies\.current\.scoring\.threshold=60,80 \(the run has policies\.current\.scoring\.threshold=60,70\), --seed 7 \(the run has 42\) cannot apply; drop them/);
    const sweptAlready = cli(['sweep', 'scenarios/baseline.yaml', '--resume', sweep, '--quiet']);
    expect(sweptAlready.status).toBe(2);
    expect(sweptAlready.stderr).toBe(`${sweep} holds a finished sweep (complete: true, every replication of every point); there is nothing to resume\n`);
    interrupt(sweep);
    // What the run used by default is no change: the file's seed and replications, the policy the --param names.
    expect(cli(['sweep', 'scenarios/baseline.yaml', '--resume', sweep, '--seed', '42', '--policy', 'current', '--quiet']).status).toBe(0);
    const simulated = join(dir, 'simulate');
    expect(cli(['simulate', 'scenarios/baseline.yaml', '--replications', '2', '--quiet', '--out', simulated]).status).toBe(0);
    const onePolicy = cli(['simulate', 'scenarios/baseline.yaml', '--resume', simulated, '--policy', 'current', '--quiet']);
    expect(onePolicy.status).toBe(2);
    expect(onePolicy.stderr).toMatch(/so --policy current \(the run has current,tighter-mql\) cannot apply; drop it/);
    interrupt(run);
    expect(cli(['compare', 'scenarios/baseline.yaml', '--resume', run, '--policies', 'current,tighter-mql', '--seed', '42', '--quiet']).status).toBe(0);
  });

  it('--resume refuses a folder written for another scenario', () => {
    const dir = join(fresh(), 'run');
    expect(cli(['simulate', scenario, '--replications', '2', '--quiet', '--out', dir]).status).toBe(0);
    const other = cli(['compare', 'scenarios/validation/erlang-c.yaml', '--resume', dir, '--quiet']);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/was written for a different scenario/);
  });

  // The scenario's hash covers the custom policy modules it names: resuming after an edit to one used to blend two policies.
  it('--resume refuses a folder whose custom policy module has changed since', () => {
    const dir = fresh();
    copyFileSync(`${ROOT}test/fixtures/policies/demo-only-scoring.mjs`, join(dir, 'scoring.mjs'));
    const file = join(dir, 'custom.yaml');
    writeFileSync(file, readFileSync(`${ROOT}test/fixtures/reliability/hostile-policies.yaml`, 'utf8').replace(/^ {2}throws:.*\n(.*\n)*/m, '  custom: { scoring: { module: ./scoring.mjs } }\n'));
    const run = join(dir, 'run');
    expect(cli(['compare', file, '--replications', '2', '--quiet', '--out', run]).status).toBe(0);
    interrupt(run);
    expect(cli(['compare', file, '--resume', run, '--quiet']).status).toBe(0);
    interrupt(run);
    writeFileSync(join(dir, 'scoring.mjs'), `${readFileSync(join(dir, 'scoring.mjs'), 'utf8')}\n// edited\n`);
    const edited = cli(['compare', file, '--resume', run, '--quiet']);
    expect(edited.status).toBe(2);
    expect(edited.stderr).toMatch(/was written for a different scenario \(\S+custom\.yaml, hash \w+; now \S+custom\.yaml, hash \w+: the file, its seed or a custom policy module it uses has changed\)/);
  });

  it('--timeout stops cleanly with what it has, marked incomplete', () => {
    const out = join(fresh(), 'run');
    const run = cli(['compare', scenario, '--replications', '400', '--timeout', '1.5', '--workers', '2', '--quiet', '--out', out]);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/stopped at the time limit/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { complete: boolean; stopReason: string };
    expect(manifest).toMatchObject({ complete: false, stopReason: 'time limit' });
  });

  it('--timeout keeps no replication it cut off mid-run (a partial run is not a result; --resume runs it again)', () => {
    const out = join(fresh(), 'run');
    const run = cli(['simulate', 'test/fixtures/reliability/slow-replication.yaml', '--replications', '2', '--workers', '1', '--timeout', '1', '--quiet', '--out', out]);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/stopped at the time limit: 0 of 2 replications per policy finished/);
    expect(readFileSync(join(out, 'replications.jsonl'), 'utf8')).toBe('');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { replications: number; policies: { incomplete: unknown[] }[] };
    expect(summary.replications).toBe(0);
    expect(summary.policies[0]!.incomplete).toEqual([]);
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

describe('refuseChangedFlags', () => {
  it('names a switch as typed and a flag the run left out as its default', () => {
    expect(() => refuseChangedFlags('out/x', [['--what-ifs', false, true]])).toThrow('so --no-what-ifs (the run had it on) cannot apply; drop it');
    expect(() => refuseChangedFlags('out/x', [['--what-ifs', true, false]])).toThrow('so --what-ifs (the run had it off) cannot apply');
    expect(() => refuseChangedFlags('out/x', [['--max', 12, undefined], ['--seed', 7, 42]])).toThrow('so --max 12 (the run used the default), --seed 7 (the run has 42) cannot apply; drop them');
    expect(() => refuseChangedFlags('out/x', [['--seed', 42, 42], ['--max', undefined, 9]])).not.toThrow();
  });
});

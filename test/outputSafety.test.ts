import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { StagedDirectory } from '../src/report/atomicFiles.js';
import { csvText, safeCell } from '../src/report/csv.js';
import { cli } from './helpers/scenario.js';

describe('safety of outputs', () => {
  it('CSV cells that start with = + - @ (or tab/CR) are escaped against formula injection; numbers stay numbers', () => {
    for (const text of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(String(safeCell(text)).startsWith("'")).toBe(true);
    expect(safeCell('organic')).toBe('organic');
    expect(safeCell(-0.25)).toBe(-0.25);
    const rows = parse(csvText(['policy', 'value'], [['=cmd|calc', -1], ['plain, with comma', 2]])) as string[][];
    expect(rows).toEqual([['policy', 'value'], ["'=cmd|calc", '-1'], ['plain, with comma', '2']]);
  });

  it('never writes outside the results folder, even for crafted names', () => {
    const target = join(mkdtempSync(join(tmpdir(), 'handoff-safe-')), 'run');
    const dir = new StagedDirectory(target);
    for (const name of ['../escape.txt', '/etc/passwd-copy', 'charts/../../escape.txt']) expect(() => dir.write(name, 'x')).toThrow(/outside the results folder/);
    dir.write('charts/ok.svg', '<svg/>');
    dir.write('manifest.json', '{}');
    dir.commit();
    expect(readdirSync(target).sort()).toEqual(['charts', 'manifest.json']);
    expect(existsSync(join(target, '..', 'escape.txt'))).toBe(false);
  });

  it('until commit the folder holds no manifest (a crash leaves an unmistakably partial run); it never overwrites a run', () => {
    const target = join(mkdtempSync(join(tmpdir(), 'handoff-safe-')), 'run');
    const dir = new StagedDirectory(target);
    dir.write('summary.json', '{}');
    expect(existsSync(join(target, 'summary.json'))).toBe(false);
    expect(existsSync(join(target, 'manifest.json'))).toBe(false);
    dir.abandon();
    expect(existsSync(target)).toBe(false);
    const taken = mkdtempSync(join(tmpdir(), 'handoff-taken-'));
    writeFileSync(join(taken, 'summary.json'), 'earlier run');
    expect(() => new StagedDirectory(taken)).toThrow(UsageError);
  });

  // --out given as a file that does not exist yet in a folder that does not either: the folder is made. A file where a
  // folder must be is the user's mistake: exit 2 naming it, nothing written (it was an internal error, exit 1).
  it('--out: missing folders are made; a file in the way is exit 2 naming it, with nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-out-'));
    const made = join(dir, 'new', 'deeper', 'leads.csv');
    const generate = cli(['generate', 'scenarios/baseline.yaml', '--count', '5', '--out', made]);
    expect(generate.status).toBe(0);
    expect(readFileSync(made, 'utf8').split('\n').length).toBeGreaterThan(5);
    const calibrated = join(dir, 'other', 'scenario.yaml');
    const calibrate = cli(['calibrate', '--leads', 'examples/hubspot-contacts.csv', '--map', 'mappings/hubspot-contacts.yaml', '--replications', '0', '--out', calibrated]);
    expect(calibrate.status).toBe(0);
    expect(existsSync(calibrated)).toBe(true);
    // The command it prints must work when copied, even for a path with a space in it.
    const spaced = join(mkdtempSync(join(tmpdir(), 'handoff-out-')), 'my scenarios', 'calibrated.yaml');
    const again = cli(['calibrate', '--leads', 'examples/hubspot-contacts.csv', '--map', 'mappings/hubspot-contacts.yaml', '--replications', '0', '--out', spaced]);
    expect(again.stdout).toContain(`check it with: handoff validate '${spaced}'`);

    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const runs = [
      ['generate', 'scenarios/baseline.yaml', '--count', '5', '--out', join(file, 'leads.csv')],
      ['calibrate', '--leads', 'examples/hubspot-contacts.csv', '--map', 'mappings/hubspot-contacts.yaml', '--replications', '0', '--out', join(file, 'scenario.yaml')],
      ['compare', 'scenarios/baseline.yaml', '--replications', '2', '--quiet', '--out', file],
      ['compare', 'scenarios/baseline.yaml', '--replications', '2', '--quiet', '--out', join(file, 'run')],
      // --progress: a run that started before refusing would print its progress lines too.
      ['sweep', 'scenarios/baseline.yaml', '--param', 'policies.current.scoring.threshold=60,70', '--replications', '2', '--progress', '--out', file],
      ['staff', 'scenarios/validation/erlang-c.yaml', '--target', 'all:0.8@20s', '--replications', '2', '--progress', '--out', join(file, 'staff')],
    ];
    for (const args of runs) {
      const run = cli(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toBe(`--out ${args.at(-1)}: ${file} is a file, where a folder is needed (choose another --out)\nRun "handoff ${args[0]} --help" for usage.\n`);
    }
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'new', 'other']);
  }, 60_000);

  // Without --out the folder is results/<name>-<timestamp>, which the user never typed: the message names results/ and
  // suggests --out, rather than quoting an --out flag nobody gave. Sweep and staff refuse before the run.
  it('a file named results where the default folder goes: exit 2 naming it, not quoting --out, nothing run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-default-out-'));
    const file = join(dir, 'results');
    writeFileSync(file, 'not a folder');
    const scenario = (name: string): string => join(process.cwd(), 'scenarios', name);
    const runs = [
      ['compare', scenario('baseline.yaml'), '--replications', '2', '--quiet'],
      ['sweep', scenario('baseline.yaml'), '--param', 'policies.current.scoring.threshold=60,70', '--replications', '2', '--progress'],
      ['staff', scenario('validation/erlang-c.yaml'), '--target', 'all:0.8@20s', '--replications', '2', '--progress'],
    ];
    for (const args of runs) {
      const run = cli(args, { cwd: dir });
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toBe(`results go under results/ by default, but ${file} is a file, where a folder is needed (move that file, or choose a folder with --out)\n`);
    }
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
    expect(readdirSync(dir)).toEqual(['results']);
  }, 60_000);
});

import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { StagedDirectory } from '../src/report/atomicFiles.js';
import { csvText, safeCell } from '../src/report/csv.js';

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
});

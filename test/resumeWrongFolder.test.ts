import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/scenario.js';

const scenario = 'test/fixtures/report/small-surge.yaml';

/** A results folder whose manifest says which command wrote it, as every command's manifest does. */
function folderBy(command: string, extra: Record<string, string> = {}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'handoff-wrong-')), `${command}-run`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ tool: 'handoff-sim', complete: false, command: ['handoff', command, scenario] }));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('--resume given another command\u2019s folder', () => {
  it.each([
    ['compare', 'staff', []],
    ['compare', 'sweep', []],
    // simulate shares compare's reader, which said "not compare" to a simulate user.
    ['simulate', 'sweep', []],
    ['sweep', 'compare', ['--param', 'team.sdr.count=1,2']],
    ['staff', 'sweep', ['--target', 'hot:0.8@5m']],
  ])('%s --resume on a %s folder names the command that wrote it, not the manifest schema (exit 2)', (command, writer, flags) => {
    const dir = folderBy(writer);
    const run = cli([command, scenario, ...flags, '--resume', dir, '--quiet']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${dir} was written by handoff ${writer}, not ${command}; if it stopped early, finish it with: handoff ${writer} <scenario> --resume ${dir}\n`);
  });

  // The printed command must work when copied: a folder with a space was not quoted.
  it('a folder whose name the shell would split is quoted in the command to finish it', () => {
    const dir = folderBy('sweep').replace(/sweep-run$/, 'my sweep');
    mkdirSync(dir);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ tool: 'handoff-sim', complete: false, command: ['handoff', 'sweep', scenario] }));
    const run = cli(['compare', scenario, '--resume', dir, '--quiet']);
    expect(run.stderr).toBe(`${dir} was written by handoff sweep, not compare; if it stopped early, finish it with: handoff sweep <scenario> --resume '${dir}'\n`);
  });

  it('simulate and compare folders resume each other (the same manifest)', () => {
    const run = cli(['compare', scenario, '--resume', folderBy('simulate'), '--quiet']);
    expect(run.stderr).not.toMatch(/was written by/);
  });

  it('a sweep folder with a broken replications.jsonl line names the file and line, without a stack trace', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'handoff-wrong-')), 'sweep-run');
    mkdirSync(dir);
    const manifest = { tool: 'handoff-sim', complete: false, command: ['handoff', 'sweep', scenario], scenarioHash: 'x', request: { params: ['team.sdr.count=1,2'] } };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(dir, 'replications.jsonl'), '{"point": 0\n');
    const run = cli(['sweep', scenario, '--param', 'team.sdr.count=1,2', '--resume', dir, '--quiet']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(join(dir, 'replications.jsonl'));
    expect(run.stderr).toMatch(/line 1: not valid JSON/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers/scenario.js';

/** Runs the refusal's suggested loop as a user who copies it would, with `handoff` printing its arguments one per field. */
function loopRuns(stderr: string): string[] {
  const loop = /\(e\.g\. (for f in .*; done)\)\n/.exec(stderr)?.[1];
  expect(loop, stderr).toBeDefined();
  const run = spawnSync('bash', ['-c', `handoff() { local IFS='|'; echo "$*"; }\n${loop!}`], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status).toBe(0);
  return run.stdout.split('\n').filter(Boolean);
}

describe('several scenario files where one is expected', () => {
  it('the loop runs each file given, the first included, not a folder taken from the second', () => {
    const run = cli(['validate', 'scenarios/baseline.yaml', 'test/fixtures/sweep/short.yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^handoff: validate takes one scenario file, and was given 2; run it once per file/);
    expect(loopRuns(run.stderr)).toEqual(['validate|scenarios/baseline.yaml', 'validate|test/fixtures/sweep/short.yaml']);
  });

  it('a whole folder given by a glob reads as that glob; two files of a folder are not widened to all of it', () => {
    const glob = cli(['validate', 'scenarios/validation/erlang-a.yaml', 'scenarios/validation/erlang-c.yaml']);
    expect(glob.stderr).toContain('(e.g. for f in scenarios/validation/*.yaml; do handoff validate "$f"; done)');
    expect(loopRuns(glob.stderr)).toEqual(['validate|scenarios/validation/erlang-a.yaml', 'validate|scenarios/validation/erlang-c.yaml']);
    expect(loopRuns(cli(['validate', 'scenarios/baseline.yaml', 'scenarios/tighter-mql.yaml']).stderr)).toEqual(['validate|scenarios/baseline.yaml', 'validate|scenarios/tighter-mql.yaml']);
  });

  it('the loop keeps the other arguments as typed (a replay without --map would fail), but not --out, one folder per run', () => {
    const run = cli(['replay', '--map', 'mappings/hubspot-contacts.yaml', 'scenarios/baseline.yaml', 'scenarios/plg-signups.yaml', '--leads', 'examples/hubspot-contacts.csv', '--out', 'results/one']);
    expect(run.status).toBe(2);
    expect(loopRuns(run.stderr)).toEqual([
      'replay|scenarios/baseline.yaml|--map|mappings/hubspot-contacts.yaml|--leads|examples/hubspot-contacts.csv',
      'replay|scenarios/plg-signups.yaml|--map|mappings/hubspot-contacts.yaml|--leads|examples/hubspot-contacts.csv',
    ]);
  });

  it('paths the shell would split are quoted', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'handoff-several-')), 'my scenarios');
    mkdirSync(dir);
    for (const name of ['a.yaml', 'b.yaml', 'c.yaml']) writeFileSync(join(dir, name), 'name: x\n');
    const two = [join(dir, 'a.yaml'), join(dir, 'b.yaml')];
    expect(loopRuns(cli(['validate', ...two]).stderr)).toEqual(two.map((file) => `validate|${file}`));
    const all = cli(['validate', ...two, join(dir, 'c.yaml')]);
    expect(all.stderr).toContain(`for f in '${dir}/'*.yaml;`);
    expect(loopRuns(all.stderr)).toHaveLength(3);
  });
});

/**
 * Input fuzzing, layer 3 (issue #8): generated scenario files through the built CLI. `handoff validate <file>` exits
 * 0 or 2, never prints a stack trace, and a 2 names the file and a field or line; a file that validates also runs
 * with `handoff simulate <file> --replications 1 --workers 1 --quiet --json`, exits 0 and prints one JSON object
 * without NaN. Needs `npm run build` (npm test does it).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cliViolations, jsonStdoutViolations, runCli, runCliAsync, showRun } from './helpers/fuzzCli.js';
import { CaseCounter, counted } from './helpers/fuzzReport.js';
import { corrupt, corruption, extremeNumberScenario, mutatedScenario, runnableScenario, serialize, type Format } from './helpers/fuzzScenario.js';
import { ROOT } from './helpers/scenario.js';

const RUNS = { pairs: 6, simulateAtMost: 3 };
const VALIDATE_MS = 30_000;
const FIXTURES = `${ROOT}test/fixtures/fuzz`;
const SIMULATE_MS = 60_000;
const work = mkdtempSync(join(tmpdir(), 'handoff-fuzz-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A file on disk: generated text, a format, and a name that sometimes has spaces or non-ASCII letters. */
const fileCase = fc.record({
  text: fc.oneof(
    { weight: 2, arbitrary: runnableScenario().map((s) => ({ source: 'valid', value: s as unknown })) },
    { weight: 3, arbitrary: mutatedScenario(runnableScenario()).map(({ mutated }) => ({ source: 'mutated', value: mutated as unknown })) },
    { weight: 1, arbitrary: extremeNumberScenario(runnableScenario()).map(({ mutated }) => ({ source: 'boundary number', value: mutated as unknown })) },
    { weight: 2, arbitrary: fc.tuple(runnableScenario(), fc.array(corruption, { minLength: 1, maxLength: 2 })).map(([s, damage]) => ({ source: 'corrupted', value: damage as unknown, base: s })) },
  ),
  format: fc.constantFrom<Format>('yaml', 'yaml-flow', 'json', 'json-pretty'),
  name: fc.constantFrom('scenario.yaml', 'scenario.json', 'my scenario.yml', 'scénario ünïcode.yaml', 'no-extension', 'weird.txt'),
});

/** Runs `check` over `items` two at a time (vitest uses one worker on a 2-core machine; the CLI gets the other core). */
async function inPairs<T>(items: readonly T[], check: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 2) await Promise.all(items.slice(i, i + 2).map((item, j) => check(item, i + j)));
}

type FileCase = typeof fileCase extends fc.Arbitrary<infer T> ? T : never;

describe('fuzz: scenario files through the CLI (validate, simulate)', () => {
  it(`validate exits 0 or 2 naming the file; files that validate simulate cleanly (${RUNS.pairs * 2} files, seed 21)`, async () => {
    const counter = new CaseCounter('cli/validate + simulate on generated scenario files');
    let simulated = 0;
    let index = 0;
    const check = async ({ text: generated, format, name }: FileCase): Promise<void> => {
      const dir = join(work, `case-${index++}`);
      mkdirSync(dir);
      const file = join(dir, name);
      const text =
        generated.source === 'corrupted'
          ? (generated.value as Parameters<typeof corrupt>[1][]).reduce((current, c) => corrupt(current, c), serialize((generated as { base: unknown }).base, format))
          : serialize(generated.value, format);
      writeFileSync(file, text);
      const validate = await runCliAsync(['validate', file], VALIDATE_MS);
      counter.add(`${generated.source}: validate exit ${validate.status}`);
      const problems = cliViolations(validate, { allowed: [0, 2], files: [file] });
      if (validate.status === 0 && !validate.stdout.startsWith(`${file}: ok`)) problems.push('exit 0 without the "ok" line');
      if (validate.status === 2 && validate.stdout !== '') problems.push('exit 2 with output on stdout');
      if (problems.length > 0) throw new Error(`${problems.join('\n')}\n${showRun(validate)}\n--- ${file} ---\n${text.slice(0, 3000)}`);
      if (validate.status !== 0 || simulated >= RUNS.simulateAtMost) return;
      simulated++;
      const simulate = await runCliAsync(['simulate', file, '--replications', '1', '--workers', '1', '--quiet', '--json'], SIMULATE_MS);
      counter.note(`simulate exit ${simulate.status}`);
      const simProblems = [...cliViolations(simulate, { allowed: [0, 2], files: [file] }), ...(simulate.status === 0 ? jsonStdoutViolations(simulate.stdout) : [])];
      if (simProblems.length > 0) throw new Error(`${simProblems.join('\n')}\n${showRun(simulate)}\n--- ${file} ---\n${text.slice(0, 3000)}`);
    };
    await counted(counter, () =>
      fc.assert(
        fc.asyncProperty(fileCase, fileCase, async (a, b) => {
          await Promise.all([check(a), check(b)]);
        }),
        { seed: 21, numRuns: RUNS.pairs, endOnFailure: true },
      ),
    );
    // Some generated files validated, so the simulate half of the property was exercised.
    expect(simulated).toBe(RUNS.simulateAtMost);
  });

  describe('hand-picked hostile files', () => {
    const base = 'name: x\nhorizonWeeks: 1\nwarmupWeeks: 0\ndrainDays: 1\nsources: { a: { weeklyVolume: 20 } }\nteam: { sdr: { count: 1 } }\npolicies: { p: {} }\n';
    const bytes = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7919 + seed * 104_729) % 256));
    const cases: [string, string | Buffer | null][] = [
      ['missing file', null],
      ['empty file', ''],
      ['binary garbage', bytes(4096, 1)],
      ['Latin-1 bytes in a description', Buffer.concat([Buffer.from(base), Buffer.from('description: caf'), Buffer.from([0xe9]), Buffer.from('\n')])],
      ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(base, 'utf16le')])],
      ['nesting 5 000 deep (stack overflow inside the YAML parser)', `{"name": "x", "extra": ${'{"a": '.repeat(5000)}1${'}'.repeat(5000)}}`],
      ['a 2 MB description', `${base}description: "${'x'.repeat(2_000_000)}"\n`],
    ];

    it(`validate exits 0 or 2 and names the file (${cases.length} files)`, async () => {
      const counter = new CaseCounter('cli/hand-picked hostile scenario files');
      await counted(counter, () =>
        inPairs(cases, async ([label, content], i) => {
          const file = join(work, `hostile-${i}.yaml`);
          if (content !== null) writeFileSync(file, content);
          const run = await runCliAsync(['validate', file], VALIDATE_MS);
          counter.add(`validate exit ${run.status}`);
          const problems = cliViolations(run, { allowed: [0, 2], files: [file] });
          if (problems.length > 0) throw new Error(`${label}: ${problems.join('\n')}\n${showRun(run)}`);
        }),
      );
    });

    it('a directory given as the scenario is exit 2 naming it', () => {
      const run = runCli(['validate', work], VALIDATE_MS);
      expect(cliViolations(run, { allowed: [2], files: [work] })).toEqual([]);
    });

    // Regression (found by this suite, since fixed): see fuzzScenario.test.ts -- yaml's toJS throws ReferenceError for more than 100
    // aliases (or an alias without its anchor); the CLI answers "handoff: internal error: Excessive alias count
    // indicates a resource exhaustion attack", exit 1, without the file name.
    //   handoff validate test/fixtures/fuzz/alias-bomb.yaml        -> exit 1
    //   handoff validate test/fixtures/fuzz/unresolved-alias.yaml  -> exit 1
    it('a YAML alias bomb and an unresolved alias are exit 2 naming the file', () => {
      for (const file of [`${FIXTURES}/alias-bomb.yaml`, `${FIXTURES}/unresolved-alias.yaml`]) {
        const run = runCli(['validate', file], VALIDATE_MS);
        expect(cliViolations(run, { allowed: [2], files: [file] }), showRun(run)).toEqual([]);
      }
    });

    // Regression (found by this suite, since fixed): see fuzzRun.test.ts -- a lognormal with sd above ~1.3e154 validates, then every
    // replication dies with "event time NaN must not be before the current time ..." and simulate exits 3 naming
    // no field. Repro: handoff simulate test/fixtures/fuzz/lognormal-overflow.yaml --replications 1 --workers 1 --quiet
    it('an extreme lognormal (sd 1e160) is refused at validation naming the field, so no replication fails later', () => {
      const file = `${FIXTURES}/lognormal-overflow.yaml`;
      const validate = runCli(['validate', file], VALIDATE_MS);
      expect(validate.status).toBe(2);
      expect(validate.stderr).toMatch(/workMinutes\.sd .*is out of range\. Fix: use a number at most 1000000000000/);
      const run = runCli(['simulate', file, '--replications', '1', '--workers', '1', '--quiet', '--json'], SIMULATE_MS);
      expect(cliViolations(run, { allowed: [2], files: [file] }), showRun(run)).toEqual([]);
    });

    // Regression (performance, found by this suite, since fixed): keys at one level cost quadratic time. yaml's uniqueKeys check compares
    // each key with every earlier one, and parseScenarioText then calls lineOf -> doc.getIn (a linear scan) once per
    // unknown key. `handoff validate` on 25 000 unknown top-level keys (a 320 KB file) takes ~10 s; 16 000 ~4.5 s,
    // 50 000 about a minute -- a hang for practical purposes. Both passes are linear now: 100 000 keys take a few
    // seconds, where the quadratic passes would take minutes, so the 60 s guard is a hang check, not a speed test.
    it('100 000 unknown top-level keys (1.3 MB) are rejected and counted, without hanging', async () => {
      const file = join(work, 'many-keys.yaml');
      writeFileSync(file, `${base}${Array.from({ length: 100_000 }, (_, i) => `k${i}: ${i}`).join('\n')}\n`);
      const run = await runCliAsync(['validate', file], 60_000);
      expect(cliViolations(run, { allowed: [2], files: [file] }), showRun(run)).toEqual([]);
      // Every key is counted; the first few are listed, then how many more.
      expect(run.stderr).toContain(`${file}: 100000 problems`);
      expect(run.stderr).toContain('unknown key "k0"');
      expect(run.stderr).toMatch(/\.\.\.and \d+ more/);
    });

    // Regression (found by this suite, since fixed): two documents nested past the YAML parser's stack limit (~800 levels) in one
    // process kill it: the first parse reports "Maximum call stack size exceeded" as a YAML error, the second aborts
    // Node with "FATAL ERROR: RegExpCompiler Allocation failed - process out of memory" (exit 134, SIGABRT). The CLI
    // parses one scenario per run, so it is safe there; a long-lived host (vitest, a service, the worker pool) is
    // not. Expected: reject nesting past a fixed depth before handing the text to yaml. Run in a child process
    // because the crash takes the whole process down.
    it('parsing two deeply nested scenarios in one process does not abort it', () => {
      const load = pathToFileURL(`${ROOT}dist/src/scenario/load.js`).href;
      const script = `
        const { parseScenarioText } = await import(${JSON.stringify(load)});
        const deep = '{"name": "x", "extra": ' + '{"a": '.repeat(3000) + '1' + '}'.repeat(3000) + '}';
        for (let i = 0; i < 3; i++) {
          try { parseScenarioText(deep, 'deep.json'); } catch (error) { if (error.name !== 'InputError') throw error; }
        }
        console.log('survived');`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
      expect({ status: run.status, signal: run.signal, stdout: run.stdout.trim() }).toEqual({ status: 0, signal: null, stdout: 'survived' });
    });
  });
});

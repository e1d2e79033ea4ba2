/**
 * Input fuzzing, layer 1 (issue #8): scenario text through parseScenarioText, in process, ~800 generated cases.
 * Every input either loads or throws an InputError naming the file whose problems each name a field path that is
 * in the input (or names a missing key under an existing parent) or a line. Fixed seeds: failures reproduce.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputError } from '../src/errors.js';
import { parseScenarioText } from '../src/scenario/load.js';
import { mutationPaths, nonFinite, parsedInput, rejectionViolations, related, scenarioRoots } from './helpers/fuzzCheck.js';
import { CaseCounter, counted } from './helpers/fuzzReport.js';
import { ROOT } from './helpers/scenario.js';
import { corrupt, corruption, describeCase, formats, mutatedScenario, serialize, validScenario, type Raw } from './helpers/fuzzScenario.js';

const FILE = 'test/fixtures/fuzz/in memory scenário.yaml';
const RUNS = { valid: 150, mutated: 400, corrupted: 200, proto: 60, extendsDist: 60 };

/** Throws with the input attached when a rejection is not a proper InputError. */
function expectProperRejection(error: unknown, text: string, input: unknown = parsedInput(text)): InputError {
  const violations = rejectionViolations(error, FILE, text, { roots: scenarioRoots(input) });
  if (violations.length > 0) throw new Error(`${violations.join('\n')}\n--- input (${FILE}) ---\n${describeCase(text)}`);
  return error as InputError;
}


/** Messages about a cross reference: deleting or renaming a calendar or policy breaks whoever names it. */
const CROSS_REFERENCE = /is not defined|which is not a policy|forms a cycle/;

describe('fuzz: scenario files in process (parseScenarioText)', () => {
  it(`valid generated scenarios load, names and numbers intact (${RUNS.valid} cases, seed 1)`, async () => {
    const counter = new CaseCounter('scenario/valid generated (YAML and JSON)');
    await counted(counter, () =>
      fc.assert(
        fc.property(validScenario({ run: false }), formats, (scenario, format) => {
          const text = serialize(scenario, format);
          let loaded: ReturnType<typeof parseScenarioText>;
          try {
            loaded = parseScenarioText(text, FILE);
          } catch (error) {
            throw new Error(`a valid scenario was rejected: ${(error as Error).message}\n--- input ---\n${describeCase(text)}`);
          }
          counter.add(format);
          for (const section of ['sources', 'team', 'policies', 'calendars'] as const) {
            expect(Object.keys(loaded.scenario[section]).sort(), section).toEqual(Object.keys((scenario[section] as Raw | undefined) ?? {}).sort());
          }
          expect(nonFinite(loaded.scenario)).toEqual([]);
          expect(loaded.hash).toMatch(/^[0-9a-f]{64}$/);
          for (const warning of loaded.warnings) expect(warning.path).not.toBe('');
        }),
        { seed: 1, numRuns: RUNS.valid, endOnFailure: true },
      ),
    );
  });

  it(`one-field mutations load or are rejected naming the file and the field (${RUNS.mutated} cases, seed 2)`, async () => {
    const counter = new CaseCounter('scenario/one-field mutations (wrong type, out of range, huge, NaN-ish, unicode, deep, deleted, unknown or misspelt key)');
    await counted(counter, () =>
      fc.assert(
        fc.property(mutatedScenario(validScenario({ run: false })), formats, ({ mutation, mutated }, format) => {
          const text = serialize(mutated, format);
          try {
            parseScenarioText(text, FILE);
            counter.add(`loaded`);
            return;
          } catch (error) {
            // The text is the serialised object, so its structure (every key path) is the object's.
            const rejection = expectProperRejection(error, text, mutated);
            counter.add(`rejected`);
            const candidates = mutationPaths(mutation);
            const pointed = rejection.problems.some((problem) => candidates.some((path) => related(problem.path, path)) || CROSS_REFERENCE.test(problem.message));
            if (!pointed) {
              throw new Error(`no problem names the mutated field ${candidates.join(' or ')} (${mutation.kind}):\n${rejection.message}\n--- input ---\n${describeCase(text)}`);
            }
          }
        }),
        { seed: 2, numRuns: RUNS.mutated, endOnFailure: true },
      ),
    );
    // Both outcomes occurred, so each half of the property was checked.
    expect(counter.get('loaded')).toBeGreaterThan(0);
    expect(counter.get('rejected')).toBeGreaterThan(0);
  });

  it(`corrupted text (truncated, tabs, colons, brackets, quotes, BOM, CRLF, NUL) loads or names a line (${RUNS.corrupted} cases, seed 3)`, async () => {
    const counter = new CaseCounter('scenario/raw text corruption');
    await counted(counter, () =>
      fc.assert(
        fc.property(validScenario({ run: false }), formats, fc.array(corruption, { minLength: 1, maxLength: 3 }), (scenario, format, damage) => {
          const text = damage.reduce((current, c) => corrupt(current, c), serialize(scenario, format));
          try {
            parseScenarioText(text, FILE);
            counter.add('loaded');
          } catch (error) {
            const rejection = expectProperRejection(error, text);
            counter.add(rejection.problems.some((p) => p.message.startsWith('does not parse')) ? 'rejected: syntax (line named)' : 'rejected: schema');
          }
        }),
        { seed: 3, numRuns: RUNS.corrupted, endOnFailure: true },
      ),
    );
  });

  describe('hand-picked hostile documents', () => {
    const base = 'name: x\nhorizonWeeks: 1\nwarmupWeeks: 0\nsources: { a: { weeklyVolume: 20 } }\nteam: { sdr: { count: 1 } }\npolicies: { p: {} }\n';
    const nested = (depth: number, open: string, close: string) => `${open.repeat(depth)}1${close.repeat(depth)}`;
    const cases: [string, string][] = [
      ['empty file', ''],
      ['only a comment', '# nothing\n'],
      ['null document', '~\n'],
      ['a scalar', '42\n'],
      ['a list', '- name: x\n'],
      ['a JSON array', '[{"name": "x"}]'],
      ['two documents', `${base}---\nname: y\n`],
      ['document end marker then garbage', `${base}...\n}}}\n`],
      ['YAML 1.1 directive (yes/no booleans, octals)', `%YAML 1.1\n---\n${base}seed: 0777\n`],
      ['binary tag', `${base}description: !!binary aGVsbG8=\n`],
      ['set tag', `${base}description: !!set { a, b }\n`],
      ['omap tag', `${base}limits: !!omap [ maxEvents: 5 ]\n`],
      ['unknown local tag', `${base}seed: !foo 3\n`],
      ['merge key', `defaults: &d { weeklyVolume: 20 }\n${base.replace('{ weeklyVolume: 20 }', '{ <<: *d }')}`],
      ['a few aliases (under the limit)', `${base}description: &d text\nx-note: [*d, *d, *d]\n`],
      ['duplicate key', `${base}name: y\n`],
      ['duplicate key in a flow map', base.replace('{ count: 1 }', '{ count: 1, count: 2 }')],
      ['tab indentation', `${base}limits:\n\tmaxEvents: 5\n`],
      ['nesting 150 deep in a list', `${base}description: ${nested(150, '[', ']')}\n`],
      ['nesting 150 deep in a map', `${base}limits: ${'{a: '.repeat(150)}1${'}'.repeat(150)}\n`],
      ['a 2 MB description', `${base}description: "${'x'.repeat(2_000_000)}"\n`],
      ['a 1 MB key', `${base}${'k'.repeat(1_000_000)}: 1\n`],
      ['2 000 unknown keys', `${base}${Array.from({ length: 2_000 }, (_, i) => `k${i}: ${i}`).join('\n')}\n`],
      ['NUL bytes', `${base}description: "a\u0000b"\n\u0000\n`],
      ['BOM then YAML', `\uFEFF${base}`],
      ['CRLF line endings', base.replace(/\n/g, '\r\n')],
      ['CR-only line endings', base.replace(/\n/g, '\r')],
      ['lone surrogate in a key', `${base}"\uD800": 1\n`],
      ['control characters and ANSI escapes in a key', `${base}"\u001b[2J\u0007": 1\n`],
      ['right-to-left override in a name', base.replace('name: x', 'name: "\u202Etxt.exe"')],
      ['number as a key', base.replace('a: {', '1: {')],
      ['null as a key', base.replace('a: {', '~: {')],
      ['a list as a key', base.replace('a: {', '? [1, 2]\n  : {').replace('{ a', '\n  a')],
      ['complex key', `${base}? { a: 1 }\n: 2\n`],
      ['JSON with comments', `{"name": "x", // comment\n"seed": 1}`],
      ['JSON with a trailing comma', '{"name": "x", "sources": {"a": {"weeklyVolume": 20}}, "team": {"sdr": {"count": 1}}, "policies": {"p": {}},}'],
      ['JSON with NaN', '{"name": "x", "seed": NaN, "sources": {"a": {"weeklyVolume": 20}}, "team": {"sdr": {"count": 1}}, "policies": {"p": {}}}'],
      ['JSON with 1e999', '{"name": "x", "drainDays": 1e999, "sources": {"a": {"weeklyVolume": 20}}, "team": {"sdr": {"count": 1}}, "policies": {"p": {}}}'],
      ['JSON number with 400 digits', `{"name": "x", "seed": ${'9'.repeat(400)}, "sources": {"a": {"weeklyVolume": 20}}, "team": {"sdr": {"count": 1}}, "policies": {"p": {}}}`],
      ['__proto__ key', `${base}__proto__: { polluted: 1 }\n`],
      ['__proto__ inside a policy', base.replace('p: {}', 'p: { __proto__: { scoring: { threshold: 1 } } }')],
      ['policy extends itself', base.replace('p: {}', 'p: { extends: p }')],
      ['policy extends a number', base.replace('p: {}', 'p: { extends: 5 }')],
      ['extends at the top level is a number', `${base}extends: 5\n`],
      ['extends a missing file', `${base}extends: does-not-exist.yaml\n`],
      ['extends a directory', `${base}extends: .\n`],
      ['every calendar day closed', `${base}calendars: { c: { hours: { daily: closed } } }\n`],
      ['hours that close before they open', `${base}calendars: { c: { hours: { mon: "18:00-09:00" } } }\n`],
      ['a holiday on 30 February', `${base}calendars: { c: { holidays: [2026-02-30] } }\n`],
    ];

    it(`each loads or is rejected naming the file and a field or line (${cases.length} cases)`, async () => {
      const counter = new CaseCounter('scenario/hand-picked hostile documents');
      await counted(counter, () => {
        for (const [label, text] of cases) {
          try {
            parseScenarioText(text, FILE);
            counter.add('loaded');
          } catch (error) {
            try {
              expectProperRejection(error, text);
            } catch (failure) {
              throw new Error(`${label}: ${(failure as Error).message.slice(0, 3000)}`);
            }
            counter.add('rejected');
          }
        }
      });
    });
  });

  // Regression (found by this suite, since fixed): resolvePolicyExtends looks names up with `in` on plain objects, so a policy named
  // like an Object.prototype member (constructor, toString, valueOf, hasOwnProperty, ...) is silently dropped
  // ("policies: { constructor: {} }" is "no policies"), and "extends: toString" passes as an existing parent.
  it(`policies named like Object.prototype members are kept (${RUNS.proto} cases, seed 4)`, async () => {
    const counter = new CaseCounter('scenario/policy names such as "constructor" (regression)');
    const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'];
    await counted(counter, () =>
      fc.assert(
        fc.property(validScenario({ run: false }), fc.constantFrom(...names), fc.boolean(), (scenario, name, extendsOther) => {
          const policies = scenario.policies as Record<string, Raw>;
          const other = Object.keys(policies)[0]!;
          const renamed = { ...scenario, policies: { ...policies, [name]: extendsOther ? { extends: other } : {} } };
          counter.add('tried');
          const loaded = parseScenarioText(stringify(renamed), FILE);
          expect(Object.keys(loaded.scenario.policies)).toContain(name);
        }),
        { seed: 4, numRuns: RUNS.proto, endOnFailure: true },
      ),
    );
  });

  // Regression (found by this suite, since fixed): `extends` merges a child policy's distribution into the parent's key by key, so a
  // challenger that changes recycle.nurtureDays from one kind to another (uniform -> fixed) is rejected with
  // 'unknown key "min"' for a key it never wrote. Expected: a distribution with a different `dist` replaces the
  // parent's whole.
  it(`an extending policy may change the kind of a distribution (${RUNS.extendsDist} cases, seed 5)`, async () => {
    const counter = new CaseCounter('scenario/extends with a different distribution kind (regression)');
    const kinds: Raw[] = [
      { dist: 'fixed', value: 30 },
      { dist: 'uniform', min: 10, max: 40 },
      { dist: 'exponential', mean: 20 },
      { dist: 'lognormal', mean: 20, sd: 5 },
    ];
    await counted(counter, () =>
      fc.assert(
        fc.property(fc.constantFrom(...kinds), fc.constantFrom(...kinds), (parent, child) => {
          fc.pre(parent.dist !== child.dist);
          counter.add('tried');
          const text = stringify({
            name: 'x',
            horizonWeeks: 1,
            warmupWeeks: 0,
            sources: { a: { weeklyVolume: 20 } },
            team: { sdr: { count: 1 } },
            policies: { current: { recycle: { nurtureDays: parent } }, challenger: { extends: 'current', recycle: { nurtureDays: child } } },
          });
          const loaded = parseScenarioText(text, FILE);
          expect(loaded.scenario.policies.challenger!.recycle.nurtureDays).toEqual(child);
        }),
        { seed: 5, numRuns: RUNS.extendsDist, endOnFailure: true },
      ),
    );
  });

  // Regression (found by this suite, since fixed): yaml's doc.toJS() throws a plain ReferenceError for an alias whose anchor is not
  // set before it ("Unresolved alias (the anchor must be set before the alias): nope") -- doc.errors is empty --
  // and that parseRaw does not catch: the CLI prints "handoff: internal error" and exits 1, without the file.
  // Same in src/leads/replay/loadMapping.ts (mapping files).
  it('an alias without its anchor is an InputError naming the file and line, not an internal error', () => {
    const text = readFileSync(`${ROOT}test/fixtures/fuzz/unresolved-alias.yaml`, 'utf8');
    let thrown: unknown;
    try {
      parseScenarioText(text, FILE);
    } catch (error) {
      thrown = error;
    }
    expect(rejectionViolations(thrown, FILE, text)).toEqual([]);
  });

  // Regression (found by this suite, since fixed): more than 100 YAML aliases make yaml's toJS throw a plain ReferenceError
  // ("Excessive alias count indicates a resource exhaustion attack") that parseRaw does not catch: the CLI prints
  // "handoff: internal error" and exits 1, without naming the file. Same in src/leads/replay/loadMapping.ts.
  it('a YAML alias bomb is an InputError naming the file, not an internal error', () => {
    const text = readFileSync(`${ROOT}test/fixtures/fuzz/alias-bomb.yaml`, 'utf8');
    let thrown: unknown;
    try {
      parseScenarioText(text, FILE);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
  });

  // Regression (minor, found by this suite, since fixed): a number the schema cannot take because it is NaN or infinite (`.nan`,
  // `.inf`, `1e999` in YAML) is described as "got null": zodProblems' describe() runs JSON.stringify on it.
  // The field is named, but the message contradicts the file.
  it('NaN and infinite numbers are described as such, not as null', () => {
    const base = 'name: x\nsources: { a: { weeklyVolume: 20 } }\nteam: { sdr: { count: 1 } }\npolicies: { p: {} }\n';
    for (const value of ['.nan', '.inf', '-.inf', '1e999']) {
      let message = '';
      try {
        parseScenarioText(`${base}seed: ${value}\n`, FILE);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/seed.*(NaN|Infinity)/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

// Regression: the scenario repros in test/fixtures/fuzz/ (README there says what each did before its fix) load, or
// are rejected at the field at fault, as fixed. The alias and lognormal repros are loaded by fuzzScenario, fuzzRun
// and fuzzCli.

const fixture = (name: string): string => `${ROOT}test/fixtures/fuzz/${name}.yaml`;

function rejection(name: string): InputError {
  try {
    loadScenarioFile(fixture(name));
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`${name}.yaml loaded; it should be rejected`);
}

describe('fuzz-found scenario repros', () => {
  it('constructor-policy.yaml: a policy named "constructor" is kept', () => {
    expect(Object.keys(loadScenarioFile(fixture('constructor-policy')).scenario.policies)).toEqual(['constructor']);
  });

  it('extends-dist-kind.yaml: a challenger extending with another distribution kind loads with its own kind', () => {
    const { policies } = loadScenarioFile(fixture('extends-dist-kind')).scenario;
    expect(policies.challenger!.recycle.nurtureDays).toEqual({ dist: 'fixed', value: 30 });
    expect(policies.current!.recycle.nurtureDays).toEqual({ dist: 'uniform', min: 10, max: 40 });
  });

  it('nan-seed.yaml: .nan is named as NaN at seed, not as null', () => {
    const problems = rejection('nan-seed').problems;
    expect(problems.map((p) => [p.path, p.message])).toEqual([['seed', 'expected number, got NaN']]);
  });

  it('huge-acv.yaml: an ACV of 1e308 is rejected at its field', () => {
    expect(rejection('huge-acv').problems.map((p) => p.path)).toEqual(['sources.a.acv.value']);
  });

  it('resume-nan.yaml: loads (its resume round trip is checked on generated runs in fuzzRun)', () => {
    expect(loadScenarioFile(fixture('resume-nan')).scenario.name).toBe('resume-nan');
  });
});

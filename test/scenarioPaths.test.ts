import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { getNumber, nearestPaths, numericField, numericFields, numericPaths, requireNumericField, setNumber } from '../src/scenario/paths.js';
import { ROOT } from './helpers/scenario.js';

const baseline = loadScenarioFile(`${ROOT}scenarios/baseline.yaml`).scenario;
const surge = loadScenarioFile(`${ROOT}scenarios/launch-surge.yaml`).scenario;

describe('numeric field paths of a scenario', () => {
  it('lists defaults, policy records, pods, array items and distribution fields with their values', () => {
    const fields = new Map(numericFields(baseline).map((field) => [field.path, field]));
    expect(fields.get('policies.current.scoring.threshold')).toEqual({ path: 'policies.current.scoring.threshold', value: 65, integer: false });
    expect(fields.get('policies.tighter-mql.scoring.threshold')?.value).toBe(75);
    expect(fields.get('team.sdr.count')).toEqual({ path: 'team.sdr.count', value: 5, integer: true });
    expect(fields.get('team.sdr.workMinutes.mean')?.value).toBe(21);
    expect(fields.get('team.sdr.workMinutes.sd')?.value).toBe(10);
    expect(fields.get('policies.current.routing.tiers.0.sla.minutes')?.value).toBe(5);
    expect(fields.get('policies.current.routing.tiers.0.cadence.touches')?.integer).toBe(true);
    expect(fields.get('prospect.reach.delayOdds.1.0')?.value).toBe(10);
    expect(fields.get('sources.organic.weeklyVolume')?.value).toBe(280);
    expect(fields.get('prospect.patience.mean')?.value).toBe(4320);
  });

  it('follows the branch of a discriminated union the value is in (exponential has a mean, no sd)', () => {
    const paths = numericPaths(baseline);
    expect(paths).toContain('team.sdr.acceptMinutes.mean');
    expect(paths).not.toContain('team.sdr.acceptMinutes.sd');
    expect(paths).toContain('policies.current.recycle.nurtureDays.min');
  });

  it('includes unset optional numbers as null, and surge arrays by index', () => {
    expect(numericField(baseline, 'policies.current.routing.namedAccounts.slaMinutes')).toEqual({ path: 'policies.current.routing.namedAccounts.slaMinutes', value: null, integer: false });
    expect(getNumber(surge, 'sources.events.surges.0.multiplier')).toBe(5);
    expect(numericPaths(baseline).some((path) => path.includes('surges'))).toBe(false);
  });

  it('leaves out text, booleans and enums', () => {
    const paths = numericPaths(baseline);
    for (const text of ['name', 'start', 'policies.current.routing.queue', 'policies.current.scoring.enrichment.provisional', 'team.sdr.calendar']) expect(paths).not.toContain(text);
  });

  it('get reads a number and returns undefined for anything else', () => {
    expect(getNumber(baseline, 'team.ae.capacity')).toBe(60);
    expect(getNumber(baseline, 'team.ae.calendar')).toBeUndefined();
    expect(getNumber(baseline, 'team.nobody.count')).toBeUndefined();
    expect(getNumber(baseline, 'policies.current.routing.tiers.99.sla.minutes')).toBeUndefined();
  });

  it('set returns a changed copy and leaves the original alone', () => {
    const changed = setNumber(baseline, 'policies.current.routing.tiers.0.sla.minutes', 3);
    expect(getNumber(changed, 'policies.current.routing.tiers.0.sla.minutes')).toBe(3);
    expect(getNumber(baseline, 'policies.current.routing.tiers.0.sla.minutes')).toBe(5);
    const unset = setNumber(baseline, 'policies.current.routing.namedAccounts.slaMinutes', 15);
    expect(getNumber(unset, 'policies.current.routing.namedAccounts.slaMinutes')).toBe(15);
    expect(setNumber(baseline, 'team.sdr.count', 7).team.sdr?.count).toBe(7);
    expect(baseline.team.sdr?.count).toBe(5);
  });

  it('set refuses a path that is not a numeric field', () => {
    expect(() => setNumber(baseline, 'policies.current.routing.queue', 1)).toThrow(UsageError);
    expect(() => setNumber(baseline, 'team.sdr.cuont', 1)).toThrow(/nearest numeric fields: team\.sdr\.count/);
  });
});

describe('nearest-path suggestions', () => {
  const fail = (path: string): string => {
    try {
      requireNumericField(baseline, path);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error(`${path} was accepted`);
  };

  it('suggests the field a typo meant, staying under the part of the path that exists', () => {
    expect(nearestPaths('policies.curent.scoring.threshold', numericPaths(baseline))[0]).toBe('policies.current.scoring.threshold');
    expect(nearestPaths('team.sdrs.count', numericPaths(baseline))[0]).toBe('team.sdr.count');
    expect(fail('policies.tight.scoring.mqlThreshold')).toMatch(/not a field of this scenario; nearest numeric fields: policies\.current\.scoring\.threshold/);
  });

  it('says what a non-numeric path holds instead', () => {
    expect(fail('policies.current.routing.queue')).toMatch(/is not a numeric field \(it is "per-rep"\); numeric fields nearby: policies\.current\.routing\./);
    expect(fail('team.sdr')).toMatch(/team\.sdr is a group of fields, not a number; numeric fields under it: team\.sdr\.count/);
  });

  it('lists at most five suggestions', () => {
    expect(nearestPaths('zzz', numericPaths(baseline)).length).toBeLessThanOrEqual(5);
  });
});

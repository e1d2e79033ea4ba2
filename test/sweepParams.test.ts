import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { planSweep } from '../src/experiment/sweep.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

const fixture = loadScenarioFile(`${ROOT}test/fixtures/sweep/short.yaml`);
const plan = (params: string[], extra: Record<string, unknown> = {}) => planSweep(fixture, { params, ...extra });
const usage = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no error');
};

describe('sweep parameters against the scenario', () => {
  it('plans one scenario per grid point with the values set and the scenario value recorded', () => {
    const planned = plan(['team.sdr.count=1..3:1', 'policies.current.scoring.threshold=60,70']);
    expect(planned.points.map((point) => point.values)).toEqual([
      { 'team.sdr.count': 1, 'policies.current.scoring.threshold': 60 },
      { 'team.sdr.count': 1, 'policies.current.scoring.threshold': 70 },
      { 'team.sdr.count': 2, 'policies.current.scoring.threshold': 60 },
      { 'team.sdr.count': 2, 'policies.current.scoring.threshold': 70 },
      { 'team.sdr.count': 3, 'policies.current.scoring.threshold': 60 },
      { 'team.sdr.count': 3, 'policies.current.scoring.threshold': 70 },
    ]);
    expect(planned.parameters.map((parameter) => [parameter.path, parameter.integer, parameter.scenarioValue])).toEqual([
      ['team.sdr.count', true, 2],
      ['policies.current.scoring.threshold', false, 65],
    ]);
    const scenario = JSON.parse(planned.points[5]!.text) as { team: { sdr: { count: number } }; policies: { current: { scoring: { threshold: number } }; tighter: { extends?: string } } };
    expect(scenario.team.sdr.count).toBe(3);
    expect(scenario.policies.current.scoring.threshold).toBe(70);
    expect(scenario.policies.tighter.extends).toBeUndefined();
  });

  it('integer fields take whole numbers only', () => {
    expect(usage(() => plan(['team.sdr.count=1..3:0.5']))).toMatch(/team\.sdr\.count takes whole numbers only, but the values include 1\.5/);
    expect(usage(() => plan(['policies.current.routing.tiers.0.cadence.touches=2.5']))).toMatch(/whole numbers only/);
    expect(plan(['team.sdr.count=1,2']).points).toHaveLength(2);
  });

  it('an unknown path is an error listing the nearest valid paths', () => {
    expect(usage(() => plan(['policies.current.scoring.treshold=60..70:5']))).toMatch(/not a field of this scenario; nearest numeric fields: policies\.current\.scoring\.threshold/);
    expect(usage(() => plan(['policies.current.routing.queue=1']))).toMatch(/not a numeric field/);
  });

  it('a value outside the schema range is the schema error for that field', () => {
    expect(usage(() => plan(['policies.current.scoring.threshold=150..250:50']))).toMatch(/policies\.current\.scoring\.threshold=250 is not a valid scenario:\n\s+policies\.current\.scoring\.threshold: 250 is out of range \(use a number at most 200\)/);
    expect(usage(() => plan(['team.sdr.absenceRate=0.5..1:0.25']))).toMatch(/team\.sdr\.absenceRate: .*0\.95/);
  });

  it('cross-field rules are checked too (an empty team)', () => {
    expect(usage(() => plan(['team.sdr.count=0', 'team.ae.count=0']))).toMatch(/the team is empty/);
  });

  it('refuses the experiment settings, three parameters and repeated paths', () => {
    expect(usage(() => plan(['seed=1..3:1']))).toMatch(/use --seed/);
    expect(usage(() => plan(['replications=1..3:1']))).toMatch(/use --replications/);
    expect(usage(() => plan(['team.sdr.count=1,2', 'team.ae.count=1,2', 'horizonWeeks=2,3']))).toMatch(/one or two parameters/);
    expect(usage(() => plan(['team.sdr.count=1,2', 'team.sdr.count=3']))).toMatch(/given twice/);
    expect(usage(() => plan([]))).toMatch(/--param is needed: name at least one field to vary/);
  });

  it('measures the policy the path names, and refuses to vary one policy while measuring another', () => {
    expect(plan(['policies.tighter.scoring.threshold=70,80']).policy).toBe('tighter');
    expect(plan(['team.sdr.count=1,2']).policy).toBe('current');
    expect(plan(['team.sdr.count=1,2'], { policy: 'tighter' }).policy).toBe('tighter');
    expect(usage(() => plan(['policies.tighter.scoring.threshold=70'], { policy: 'current' }))).toMatch(/varies policy "tighter" but the sweep measures "current"/);
    expect(usage(() => plan(['team.sdr.count=1'], { policy: 'nope' }))).toMatch(/"nope" is not defined.*current, tighter/);
  });

  it('--seed is carried into every point and --replications is checked', () => {
    const seeded = plan(['team.sdr.count=1'], { seed: 99 });
    expect((JSON.parse(seeded.points[0]!.text) as { seed: number }).seed).toBe(99);
    expect(usage(() => plan(['team.sdr.count=1'], { replications: 0 }))).toMatch(/--replications must be a whole number/);
  });
});

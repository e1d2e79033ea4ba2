import { describe, expect, it } from 'vitest';
import type { Evaluation, Tally } from '../src/experiment/calibrate/runner.js';
import { fitSourceShifts, MIN_SOURCE_MQLS, type SourceTarget } from '../src/experiment/calibrate/sourceShifts.js';

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));
const SLOPE = 0.9;
const COUPLING = 0.05;

/**
 * A stand-in for the simulation with a known answer: source s has a fixed number of simulated MQLs and wins
 * round(n x logistic(base + 0.9 shift + 0.05 x mean of the other shifts)): a step function of its own shift, as
 * with common random numbers, nudged by the others' shifts, as sources share the reps' time.
 */
function fakeRunner(model: Record<string, { mqls: number; base: number }>) {
  let calls = 0;
  const evaluate = (_funnel: unknown, shifts: ReadonlyMap<string, number>): Evaluation => {
    calls++;
    const names = Object.keys(model);
    const sources = new Map<string, Tally>();
    for (const name of names) {
      const others = names.filter((other) => other !== name).map((other) => shifts.get(other) ?? 0);
      const x = model[name]!.base + SLOPE * (shifts.get(name) ?? 0) + (COUPLING * others.reduce((a, b) => a + b, 0)) / Math.max(1, others.length);
      sources.set(name, { count: Math.round(model[name]!.mqls * logistic(x)), of: model[name]!.mqls });
    }
    const all = [...sources.values()].reduce((t, s) => ({ count: t.count + s.count, of: t.of + s.of }), { count: 0, of: 0 });
    return { leads: all, mqls: all, sources };
  };
  return { runner: { evaluate: async (funnel: unknown, shifts: ReadonlyMap<string, number>) => evaluate(funnel, shifts) }, start: () => evaluate(undefined, new Map()), calls: () => calls };
}

describe('per-source quality shifts (fitSourceShifts)', () => {
  it('brings every source within its tolerance in a few joint evaluations, near the analytic shifts', async () => {
    const model = { a: { mqls: 6000, base: logit(0.11) }, b: { mqls: 4000, base: logit(0.11) }, c: { mqls: 1500, base: logit(0.11) }, d: { mqls: 300, base: logit(0.11) } };
    const targets: SourceTarget[] = [
      { name: 'a', count: 271, of: 2296 },
      { name: 'b', count: 75, of: 1350 },
      { name: 'c', count: 15, of: 493 },
      { name: 'd', count: 14, of: 60 },
    ];
    const fake = fakeRunner(model);
    const fit = await fitSourceShifts(fake.runner, {}, fake.start(), targets);
    expect(fit.reached).toBe(true);
    expect(fit.evaluations).toBeLessThanOrEqual(8);
    expect(fake.calls() - 1).toBe(fit.evaluations);
    for (const group of fit.groups) {
      expect(Math.abs(group.simulated.count / group.simulated.of - group.target.count / group.target.of)).toBeLessThanOrEqual(group.tolerance);
      // Ignoring the small coupling, shift = (logit(target) - base) / slope; the coupling moves it by a few hundredths.
      const analytic = (logit(group.target.count / group.target.of) - logit(0.11)) / SLOPE;
      expect(Math.abs(group.shift - analytic)).toBeLessThan(0.15);
    }
    expect(fit.shifts.get('b')).toBeLessThan(0);
    expect(fit.shifts.get('d')).toBeGreaterThan(0);
  });

  it(`pools sources with fewer than ${MIN_SOURCE_MQLS} export MQLs into one shift`, async () => {
    const fake = fakeRunner({ big: { mqls: 900, base: -2 }, small1: { mqls: 40, base: -2 }, small2: { mqls: 60, base: -2 } });
    const targets = [
      { name: 'big', count: 40, of: 300 },
      { name: 'small1', count: 1, of: 12 },
      { name: 'small2', count: 6, of: 25 },
    ];
    const fit = await fitSourceShifts(fake.runner, {}, fake.start(), targets);
    expect(fit.groups.map((group) => [group.sources, group.pooled])).toEqual([
      [['big'], false],
      [['small1', 'small2'], true],
    ]);
    expect(fit.groups[1]!.target).toEqual({ count: 7, of: 37 });
    expect(fit.shifts.get('small1')).toBe(fit.shifts.get('small2'));
    expect(fit.unfitted).toEqual([]);
  });

  it('leaves sources out, with the reason, when even their pool is too small or the simulation has none of their MQLs', async () => {
    const fake = fakeRunner({ big: { mqls: 900, base: -2 }, tiny: { mqls: 20, base: -2 }, absent: { mqls: 0, base: -2 } });
    const targets = [
      { name: 'big', count: 40, of: 300 },
      { name: 'tiny', count: 2, of: 9 },
      { name: 'absent', count: 10, of: 80 },
    ];
    const fit = await fitSourceShifts(fake.runner, {}, fake.start(), targets);
    expect(fit.groups.map((group) => group.sources)).toEqual([['big']]);
    expect(fit.unfitted).toEqual([
      { name: 'absent', reason: 'no simulated MQLs from this source at the tuned funnel' },
      { name: 'tiny', reason: `9 MQLs in the export (9 in all sources under ${MIN_SOURCE_MQLS}): too few to fit, even pooled` },
    ]);
    expect(fit.shifts.get('tiny')).toBe(0);
    expect(fit.shifts.get('absent')).toBe(0);
  });

  it('a source that never converted in the export is pushed down but stays within the schema bound', async () => {
    const fake = fakeRunner({ dead: { mqls: 2000, base: -2 } });
    const fit = await fitSourceShifts(fake.runner, {}, fake.start(), [{ name: 'dead', count: 0, of: 200 }]);
    const group = fit.groups[0]!;
    expect(group.shift).toBeLessThan(-1.5);
    expect(group.shift).toBeGreaterThanOrEqual(-5);
    // No finite shift reaches 0%: the fit aims half a count above it, 0.5 / 200 = 0.25%.
    expect(Math.abs(group.simulated.count / group.simulated.of - 0.0025)).toBeLessThanOrEqual(group.tolerance);
    expect(group.reached).toBe(true);
  });
});

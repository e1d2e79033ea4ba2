import { describe, it, expect } from 'vitest';
import { erlangA, erlangC } from '../src/experiment/erlang.js';
import {
  erlangCurve,
  halfinWhittBeta,
  halfinWhittWaitingProbability,
  scheduledWithShrinkage,
  squareRootStaffing,
  staffErlangA,
  staffErlangC,
} from '../src/experiment/staffingFormulas.js';

// Reference desk: 100 leads per 30 minutes, 3-minute work time, 80% within 20 seconds.
const DESK = { arrivalRate: 100 / 30, meanServiceTime: 3, threshold: 20 / 60 } as const;

describe('staffErlangC', () => {
  it('staffs the reference desk with 14 reps', () => {
    const result = staffErlangC({ ...DESK, targetServiceLevel: 0.8 });
    expect(result.servers).toBe(14);
    expect(result.scheduled).toBe(14);
    expect(result.serviceLevel).toBeCloseTo(0.888, 3);
    expect(result.waitingProbability).toBeCloseTo(0.174, 3);
    expect(result.occupancy).toBeCloseTo(10 / 14, 12);
    // 13 reps is the first stable count but misses the target, so 14 is minimal.
    expect(erlangC({ ...DESK, servers: 13 }).serviceLevel).toBeLessThan(0.8);
  });

  it('turns 14 reps on the phones into 20 scheduled at 30% shrinkage', () => {
    const result = staffErlangC({ ...DESK, targetServiceLevel: 0.8, shrinkage: 0.3 });
    expect(result.servers).toBe(14);
    expect(result.scheduled).toBe(20);
    expect(scheduledWithShrinkage(14, 0.3)).toBe(20);
    expect(scheduledWithShrinkage(14, 0.25)).toBe(19);
  });

  it('adds reps when the occupancy cap binds', () => {
    const uncapped = staffErlangC({ ...DESK, targetServiceLevel: 0.5 });
    expect(uncapped.servers).toBe(12);
    expect(uncapped.occupancy).toBeGreaterThan(0.7);
    // 10 Erlangs at most 70% busy needs ceil(10 / 0.7) = 15 reps, beyond what the SLA needs.
    const capped = staffErlangC({ ...DESK, targetServiceLevel: 0.5, maxOccupancy: 0.7 });
    expect(capped.servers).toBe(15);
    expect(capped.occupancy).toBeLessThanOrEqual(0.7);
  });

  it('returns the minimal count over a grid of desks', () => {
    for (const arrivalRate of [0.05, 0.9, 4, 25]) {
      for (const targetServiceLevel of [0.5, 0.8, 0.95]) {
        const input = { arrivalRate, meanServiceTime: 4, threshold: 0.5, targetServiceLevel };
        const { servers } = staffErlangC(input);
        expect(erlangC({ ...input, servers }).serviceLevel).toBeGreaterThanOrEqual(targetServiceLevel);
        if (servers > 1) expect(erlangC({ ...input, servers: servers - 1 }).serviceLevel).toBeLessThan(targetServiceLevel);
      }
    }
  });
});

describe('staffErlangA', () => {
  it('needs fewer reps than Erlang C for the reference desk because impatient leads leave', () => {
    const result = staffErlangA({ ...DESK, targetServiceLevel: 0.8, meanPatience: 5 });
    expect(result.servers).toBe(13);
    expect(result.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(erlangA({ ...DESK, servers: 12, meanPatience: 5 }).serviceLevel).toBeLessThan(0.8);
    expect(result.abandonment).toBeCloseTo(erlangA({ ...DESK, servers: 13, meanPatience: 5 }).abandonment, 15);
  });

  it('adds reps when the abandonment cap binds', () => {
    // 15 reps abandon 0.75% of leads, 16 reps 0.39%: a 0.5% cap forces 16.
    const result = staffErlangA({ ...DESK, targetServiceLevel: 0.8, meanPatience: 5, maxAbandonment: 0.005 });
    expect(result.servers).toBe(16);
    expect(result.abandonment).toBeLessThanOrEqual(0.005);
    expect(erlangA({ ...DESK, servers: 15, meanPatience: 5 }).abandonment).toBeGreaterThan(0.005);
  });

  it('applies shrinkage and the occupancy cap like Erlang C', () => {
    const result = staffErlangA({ ...DESK, targetServiceLevel: 0.8, meanPatience: 5, shrinkage: 0.3, maxOccupancy: 0.65 });
    expect(result.occupancy).toBeLessThanOrEqual(0.65);
    expect(erlangA({ ...DESK, servers: result.servers - 1, meanPatience: 5 }).occupancy).toBeGreaterThan(0.65);
    expect(result.scheduled).toBe(Math.ceil(result.servers / 0.7 - 1e-9));
  });

  it('matches Erlang C staffing when patience is infinite', () => {
    const result = staffErlangA({ ...DESK, targetServiceLevel: 0.8, meanPatience: Number.POSITIVE_INFINITY });
    expect(result.servers).toBe(14);
    expect(result.abandonment).toBe(0);
  });
});

describe('square-root staffing', () => {
  it('computes ceil(R + β√R)', () => {
    expect(squareRootStaffing({ arrivalRate: 100, meanServiceTime: 1, beta: 1 })).toBe(110);
    expect(squareRootStaffing({ arrivalRate: 100 / 30, meanServiceTime: 3, beta: 0.5 })).toBe(12);
    expect(squareRootStaffing({ arrivalRate: 100, meanServiceTime: 1, beta: -1 })).toBe(90);
    expect(squareRootStaffing({ arrivalRate: 0.01, meanServiceTime: 1, beta: -3 })).toBe(1);
  });

  it('does not round floating-point noise up to an extra rep', () => {
    // (62 / 30) × 15 evaluates to 31.000000000000004 in binary floating point.
    expect(squareRootStaffing({ arrivalRate: 62 / 30, meanServiceTime: 15, beta: 0 })).toBe(31);
  });

  it('solves the Halfin-Whitt relation for β', () => {
    // Reference roots from scipy.optimize.brentq on the same relation.
    expect(halfinWhittBeta(0.5)).toBeCloseTo(0.5060544689891808, 10);
    expect(halfinWhittBeta(0.2)).toBeCloseTo(1.0615162754187175, 10);
    expect(halfinWhittBeta(0.05)).toBeCloseTo(1.7398362717905034, 10);
    for (const target of [0.999, 0.8, 0.3, 0.01, 1e-12]) {
      expect(halfinWhittWaitingProbability(halfinWhittBeta(target)) / target).toBeCloseTo(1, 9);
    }
  });

  it('approximates the Erlang C delay probability on large desks', () => {
    const beta = halfinWhittBeta(0.2);
    const gaps = [400, 2500, 10000].map((offeredLoad) => {
      const servers = squareRootStaffing({ arrivalRate: offeredLoad, meanServiceTime: 1, beta });
      return Math.abs(erlangC({ arrivalRate: offeredLoad, meanServiceTime: 1, servers, threshold: 0 }).waitingProbability - 0.2);
    });
    expect(gaps[1]!).toBeLessThan(0.01);
    expect(gaps[2]!).toBeLessThan(0.005);
  });
});

describe('erlangCurve', () => {
  it('gives the Erlang C service level per server count, non-decreasing', () => {
    const curve = erlangCurve({ ...DESK, minServers: 8, maxServers: 20 });
    expect(curve.map((p) => p.servers)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    for (const point of curve) {
      expect(point.serviceLevel).toBe(erlangC({ ...DESK, servers: point.servers }).serviceLevel);
      expect(point.abandonment).toBeUndefined();
    }
    expect(curve.find((p) => p.servers === 10)!.serviceLevel).toBe(0);
    for (let i = 1; i < curve.length; i += 1) expect(curve[i]!.serviceLevel).toBeGreaterThanOrEqual(curve[i - 1]!.serviceLevel);
  });

  it('adds abandonment for Erlang A curves', () => {
    const curve = erlangCurve({ ...DESK, meanPatience: 5, minServers: 12, maxServers: 16 });
    const at14 = curve.find((p) => p.servers === 14)!;
    expect(at14.serviceLevel).toBeCloseTo(0.916792, 6);
    expect(at14.abandonment).toBeCloseTo(0.013984, 6);
    for (const point of curve) {
      expect(point.abandonment).toBeCloseTo(erlangA({ ...DESK, servers: point.servers, meanPatience: 5 }).abandonment, 15);
    }
  });

  it('defaults to a range from one rep to comfortably past the offered load', () => {
    const curve = erlangCurve(DESK);
    expect(curve[0]!.servers).toBe(1);
    expect(curve.at(-1)!.serviceLevel).toBeGreaterThan(0.999);
  });
});

describe('input validation', () => {
  const valid = { ...DESK, targetServiceLevel: 0.8 };

  it.each([
    ['arrivalRate', { ...valid, arrivalRate: 0 }],
    ['arrivalRate', { ...valid, arrivalRate: -3 }],
    ['meanServiceTime', { ...valid, meanServiceTime: -1 }],
    ['meanServiceTime', { ...valid, meanServiceTime: Number.NaN }],
    ['threshold', { ...valid, threshold: -0.1 }],
    ['targetServiceLevel', { ...valid, targetServiceLevel: 1 }],
    ['targetServiceLevel', { ...valid, targetServiceLevel: 0 }],
    ['maxOccupancy', { ...valid, maxOccupancy: 0 }],
    ['maxOccupancy', { ...valid, maxOccupancy: 1.2 }],
    ['shrinkage', { ...valid, shrinkage: 1 }],
    ['shrinkage', { ...valid, shrinkage: -0.1 }],
  ])('staffErlangC rejects a bad %s', (name, input) => {
    expect(() => staffErlangC(input)).toThrow(RangeError);
    expect(() => staffErlangC(input)).toThrow(new RegExp(`^${name} must be`));
  });

  it('staffErlangA rejects bad patience and abandonment caps', () => {
    expect(() => staffErlangA({ ...valid, meanPatience: 0 })).toThrow(/^meanPatience must be/);
    expect(() => staffErlangA({ ...valid, meanPatience: 5, maxAbandonment: 1.5 })).toThrow(/^maxAbandonment must be in \[0, 1\]/);
  });

  it('square-root staffing and Halfin-Whitt reject nonsense', () => {
    expect(() => squareRootStaffing({ arrivalRate: 0, meanServiceTime: 3, beta: 1 })).toThrow(/^arrivalRate must be/);
    expect(() => squareRootStaffing({ arrivalRate: 1, meanServiceTime: 3, beta: Number.NaN })).toThrow(/^beta must be/);
    expect(() => halfinWhittBeta(0)).toThrow(/^targetWaitingProbability must be/);
    expect(() => halfinWhittBeta(1)).toThrow(RangeError);
  });

  it('erlangCurve rejects an empty or invalid range', () => {
    expect(() => erlangCurve({ ...DESK, minServers: 10, maxServers: 9 })).toThrow(/^maxServers must be an integer >= 10/);
    expect(() => erlangCurve({ ...DESK, minServers: 0 })).toThrow(/^minServers must be/);
    expect(() => erlangCurve({ ...DESK, meanPatience: -1 })).toThrow(/^meanPatience must be/);
  });
});

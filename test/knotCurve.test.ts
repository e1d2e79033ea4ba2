import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { KnotCurve } from '../src/engine/curve.js';

// Behaviour: KnotCurve passes through its knots, is a power law (linear in log y vs log x) between them,
// and is flat beyond the end knots.

const KNOTS: [number, number][] = [
  [1, 8],
  [5, 4],
  [30, 1.5],
  [1440, 0.2],
];

describe('KnotCurve', () => {
  const curve = new KnotCurve(KNOTS);

  it('passes through every knot', () => {
    for (const [x, y] of KNOTS) {
      expect(curve.at(x)).toBeCloseTo(y, 12);
      expect(curve.logAt(x)).toBeCloseTo(Math.log(y), 12);
    }
  });

  it('at the log-space midpoint of a segment it is the geometric mean of the knot values', () => {
    for (let i = 1; i < KNOTS.length; i++) {
      const [x0, y0] = KNOTS[i - 1]!;
      const [x1, y1] = KNOTS[i]!;
      expect(curve.at(Math.sqrt(x0 * x1))).toBeCloseTo(Math.sqrt(y0 * y1), 12);
    }
    // A linear interpolation would give (8 + 4) / 2 = 6 at x = 3; the power law gives 8 * (3/1)^(log(4/8)/log 5).
    expect(curve.at(3)).toBeCloseTo(8 * 3 ** (Math.log(0.5) / Math.log(5)), 12);
  });

  it('is linear in log y against log x inside each segment (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: KNOTS.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (i, s) => {
        const [x0, y0] = KNOTS[i - 1]!;
        const [x1, y1] = KNOTS[i]!;
        const x = Math.exp(Math.log(x0) + s * Math.log(x1 / x0));
        const expected = Math.log(y0) + s * (Math.log(y1) - Math.log(y0));
        expect(curve.logAt(x)).toBeCloseTo(expected, 9);
        expect(curve.at(x)).toBeLessThanOrEqual(Math.max(y0, y1) * (1 + 1e-12));
        expect(curve.at(x)).toBeGreaterThanOrEqual(Math.min(y0, y1) * (1 - 1e-12));
      }),
      { numRuns: 1000, seed: 107 },
    );
  });

  it('is flat outside the knots', () => {
    for (const x of [0.999, 0.5, 0, -10]) {
      expect(curve.at(x)).toBeCloseTo(8, 12);
      expect(curve.at(x)).toBe(curve.at(1));
    }
    for (const x of [1440.001, 1441, 1e9, Infinity]) {
      expect(curve.at(x)).toBeCloseTo(0.2, 12);
      expect(curve.at(x)).toBe(curve.at(1440));
    }
  });

  it('a first knot at x = 0 still passes through the knots and stays between them', () => {
    const fromZero = new KnotCurve([
      [0, 2],
      [10, 1],
      [100, 0.5],
    ]);
    expect(fromZero.at(0)).toBeCloseTo(2, 12);
    expect(fromZero.at(10)).toBeCloseTo(1, 12);
    expect(fromZero.at(100)).toBeCloseTo(0.5, 12);
    expect(fromZero.at(Math.sqrt(1000))).toBeCloseTo(Math.sqrt(0.5), 12);
    for (const x of [1e-9, 0.5, 3, 9.99]) {
      const y = fromZero.at(x);
      expect(Number.isFinite(y)).toBe(true);
      expect(y).toBeLessThanOrEqual(2);
      expect(y).toBeGreaterThanOrEqual(1);
    }
  });
});

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DurationHistogram, binLowerMinutes, binUpperMinutes, HISTOGRAM_BINS } from '../src/metrics/histogram.js';

// Behaviour: DurationHistogram reproduces the exact mean and the quantiles of the data it was fed to within
// its ~1% log-bin resolution.

/** Exact inverse-CDF quantile: the ceil(q n)-th smallest value (the smallest for q = 0). */
function exactQuantile(sorted: readonly number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

function histogramOf(values: readonly number[]): DurationHistogram {
  const histogram = new DurationHistogram();
  for (const v of values) histogram.add(v);
  return histogram;
}

const BIN_RATIO = 10 ** (1 / 230);

describe('DurationHistogram', () => {
  it('is NaN when empty', () => {
    const histogram = new DurationHistogram();
    expect(histogram.mean()).toBeNaN();
    expect(histogram.quantile(0.5)).toBeNaN();
  });

  it('quantiles are within 1.2% relative error of the exact quantiles of the same data (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.002, max: 1e5, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 10 }),
        (values, qs) => {
          const histogram = histogramOf(values);
          const sorted = [...values].sort((a, b) => a - b);
          for (const q of [...qs, 0, 0.5, 0.9, 0.99, 1]) {
            const exact = exactQuantile(sorted, q);
            expect(Math.abs(histogram.quantile(q) - exact) / exact).toBeLessThan(0.012);
          }
        },
      ),
      { numRuns: 500, seed: 108 },
    );
  });

  it('quantiles of log-spread data (1e-2 .. 1e5 minutes) are within 1.2%', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -2, max: 5, noNaN: true }), { minLength: 1, maxLength: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), (logs, q) => {
        const values = logs.map((l) => 10 ** l);
        const exact = exactQuantile([...values].sort((a, b) => a - b), q);
        expect(Math.abs(histogramOf(values).quantile(q) - exact) / exact).toBeLessThan(0.012);
      }),
      { numRuns: 500, seed: 109 },
    );
  });

  it('zeros are counted, reported as quantile 0, and do not disturb the quantiles above them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(fc.double({ min: 0.01, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 100 }), fc.double({ min: 0, max: 1, noNaN: true }), (zeros, positives, q) => {
        const values = [...new Array<number>(zeros).fill(0), ...positives];
        const histogram = histogramOf(values);
        expect(histogram.count).toBe(values.length);
        const exact = exactQuantile([...values].sort((a, b) => a - b), q);
        const estimate = histogram.quantile(q);
        if (exact === 0) expect(estimate).toBe(0);
        else expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.012);
      }),
      { numRuns: 300, seed: 110 },
    );
    const onlyZeros = histogramOf([0, 0, 0]);
    expect(onlyZeros.quantile(0.5)).toBe(0);
    expect(onlyZeros.quantile(1)).toBe(0);
    expect(onlyZeros.mean()).toBe(0);
  });

  it('the mean is exact (sum / count of the raw values, including zeros and sub-resolution values)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e-3, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 200 }), (values) => {
        let sum = 0;
        for (const v of values) sum += v;
        expect(histogramOf(values).mean()).toBe(sum / values.length);
      }),
      { numRuns: 300, seed: 111 },
    );
  });

  it('bin edges: each value lands in a bin whose edges bracket it; edges are contiguous with a 10^(1/230) ratio', () => {
    expect(binLowerMinutes(0)).toBe(0);
    expect(binUpperMinutes(0)).toBeCloseTo(1e-3, 15);
    for (let bin = 1; bin < HISTOGRAM_BINS - 1; bin += 37) {
      expect(binLowerMinutes(bin + 1)).toBeCloseTo(binUpperMinutes(bin), 12);
      expect(binUpperMinutes(bin) / binLowerMinutes(bin)).toBeCloseTo(BIN_RATIO, 12);
    }
    fc.assert(
      fc.property(fc.double({ min: -2.9, max: 5.9, noNaN: true }), (log10) => {
        const value = 10 ** log10;
        const histogram = histogramOf([value]);
        const bin = histogram.counts.findIndex((c) => c === 1);
        // Allow one ulp-scale slack at the edges for the log computation.
        expect(binLowerMinutes(bin)).toBeLessThanOrEqual(value * (1 + 1e-12));
        expect(binUpperMinutes(bin)).toBeGreaterThan(value * (1 - 1e-12));
      }),
      { numRuns: 1000, seed: 112 },
    );
    expect(histogramOf([0]).counts[0]).toBe(1);
    expect(histogramOf([5e-4]).counts[0]).toBe(1);
  });
});

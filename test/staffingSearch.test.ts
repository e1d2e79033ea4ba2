import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchHeadcount } from '../src/experiment/staffing/search.js';

/** A monotone step curve: the target holds from `answer` up (answer beyond max: never). */
const stepCurve = (answer: number) => (headcount: number) => Promise.resolve(headcount >= answer);

describe('headcount search (bracket from the estimate, then bisect)', () => {
  it('finds the smallest passing headcount of any monotone curve, from any start, asking each headcount once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), async (min, span, answer, start) => {
        const max = min + span;
        const asked: number[] = [];
        const outcome = await searchHeadcount({ min, max, start, holds: (h) => (asked.push(h), stepCurve(answer)(h)) });
        const expected = answer <= min ? min : answer <= max ? answer : null;
        expect(outcome.recommended).toBe(expected);
        expect(outcome.tried).toEqual(asked);
        expect(new Set(asked).size).toBe(asked.length);
        expect(asked.every((h) => h >= min && h <= max)).toBe(true);
        // Doubling out from the start then bisecting: about 2 log2(range) + 2 asks, never a sweep.
        expect(asked.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(span + 2)) + 2);
      }),
      { seed: 20260105, numRuns: 400 },
    );
  });

  it('whatever the curve (even non-monotone), the answer holds and the headcount below it was seen to fail', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 60 }), async (pattern, start) => {
        const holds = (h: number) => Promise.resolve(pattern[h - 1]!);
        const seen = new Map<number, boolean>();
        const outcome = await searchHeadcount({ min: 1, max: pattern.length, start, holds: async (h) => { const v = await holds(h); seen.set(h, v); return v; } });
        if (outcome.recommended === null) {
          expect(seen.get(pattern.length)).toBe(false);
        } else {
          expect(seen.get(outcome.recommended)).toBe(true);
          if (outcome.recommended > 1) expect(seen.get(outcome.recommended - 1)).toBe(false);
        }
      }),
      { seed: 7, numRuns: 400 },
    );
  });

  it('starts at the estimate: an exact estimate costs two simulations', async () => {
    const outcome = await searchHeadcount({ min: 1, max: 100, start: 14, holds: stepCurve(14) });
    expect(outcome).toEqual({ recommended: 14, tried: [14, 13] });
  });

  it('clamps the start into the range and reports an unreachable target as null', async () => {
    expect(await searchHeadcount({ min: 3, max: 9, start: 50, holds: stepCurve(100) })).toEqual({ recommended: null, tried: [9] });
    expect((await searchHeadcount({ min: 3, max: 9, start: 0, holds: stepCurve(1) })).recommended).toBe(3);
  });

  it('refuses a range that is not whole numbers 1 <= min <= max', async () => {
    await expect(searchHeadcount({ min: 0, max: 5, start: 1, holds: stepCurve(1) })).rejects.toThrow(/1 <= min <= max/);
    await expect(searchHeadcount({ min: 5, max: 4, start: 1, holds: stepCurve(1) })).rejects.toThrow(/1 <= min <= max/);
  });
});

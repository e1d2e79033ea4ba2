import quantile from '@stdlib/stats-base-dists-normal-quantile';
import { describe, expect, it } from 'vitest';
import { standardNormal } from '../src/random/distributions.js';

// Behaviour: the engine's own normal quantile (Acklam's approximation) stays within 5e-7 of the exact one,
// relative (absolute near the median), from the far tails to the centre.

describe('standardNormal (Acklam) against the exact normal quantile', () => {
  it('is within 5e-7 over a fine grid and the far tails', () => {
    const points = [...Array.from({ length: 199_999 }, (_, i) => (i + 1) / 200_000), 1e-12, 1e-9, 1e-6, 1 - 1e-6, 1 - 1e-9];
    let worst = 0;
    for (const u of points) {
      const exact = quantile(u, 0, 1);
      worst = Math.max(worst, Math.abs(standardNormal(u) - exact) / Math.max(1, Math.abs(exact)));
    }
    expect(worst).toBeLessThan(5e-7);
    expect(standardNormal(0.5)).toBe(0);
    expect(standardNormal(0.975)).toBeCloseTo(1.959964, 6);
  });
});

import type { RandomSource } from './streams.js';

/**
 * Counter-based uniforms: draw n for entity e is a pure function of (key, e, n). A lead's own luck (reach,
 * acceptance, work time) is then the same under every policy, whatever order events happen in: common random
 * numbers without storing draws.
 */
export function mix32(x: number): number {
  // lowbias32 (C. Wellons): a well-tested 32-bit finaliser with full avalanche.
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}


/** Uniform in (0, 1) for (seed, counter); never 0 or 1, so logs and quantiles are safe. */
export function hashUniform(seed: number, counter: number): number {
  const hi = mix32((seed ^ Math.imul(counter, 0x9e3779b9)) >>> 0);
  const lo = mix32((hi ^ Math.imul(counter + 0x632be5ab, 0x85ebca6b)) >>> 0);
  // 52 bits from two 32-bit words plus half a step: exact in a double, so strictly inside (0, 1).
  return ((hi >>> 6) * 67108864 + (lo >>> 6) + 0.5) / 4503599627370496;
}

/** Per-entity seed from a run key and the entity's index. */
export const entitySeed = (runKey: number, index: number): number => mix32((runKey ^ mix32(index + 0x9e3779b9)) >>> 0);

/** A reusable RandomSource over hashUniform: reset per use, so the hot path allocates nothing. */
export class CounterSource implements RandomSource {
  private seed = 0;
  private counter = 0;

  reset(seed: number, firstCounter: number): this {
    this.seed = seed;
    this.counter = firstCounter;
    return this;
  }

  next(): number {
    return hashUniform(this.seed, this.counter++);
  }
}


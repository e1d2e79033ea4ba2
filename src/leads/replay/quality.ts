import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { standardNormal } from '../../random/distributions.js';
import type { Prospect } from '../../scenario/schema/prospect.js';
import type { Source } from '../../scenario/schema/source.js';
import { FORM_INTENT_SHIFT, NEGATIVE_INTENT } from '../attributes.js';
import { FIT_SIGNALS, FORM_IMPLIED_SIGNAL, FORM_TYPES, INTENT_SIGNALS, signalBit } from '../fields.js';

/** Grid of the latent factor: +-6 sd in steps of 0.05 is far finer than anything the funnel can tell apart. */
const GRID = Float64Array.from({ length: 241 }, (_, i) => -6 + i * 0.05);
const PHI = Float64Array.from(GRID, (z) => Math.exp(-0.5 * z * z));

/**
 * The hidden quality of a replayed lead. The export shows form and signals, not the latent ICP and intent
 * factors the engine draws them from (AttributeGenerator's Gaussian copula), so each factor is drawn from its
 * posterior given the observed bits under the scenario source's model; quality then follows the engine's
 * formula. Drawn this way, (signals, quality) has the joint distribution of generated leads, so leads with
 * better signals convert better in replay exactly as they do in simulation.
 */
export class QualityModel {
  private readonly fitThresholds: Float64Array;
  private readonly intentThresholds: Float64Array;
  private readonly intentSigns: Float64Array;
  private readonly fitLoading: number;
  private readonly fitNoise: number;
  private readonly intentLoading: number;
  private readonly intentNoise: number;
  private readonly norm: number;
  private readonly fitCdfs = new Map<number, Float64Array>();
  private readonly intentCdfs = new Map<number, Float64Array>();

  constructor(
    private readonly source: Source,
    private readonly weights: Prospect['quality'],
  ) {
    this.fitThresholds = Float64Array.from(FIT_SIGNALS, (signal) => probit(source.fit[signal]));
    this.intentThresholds = Float64Array.from(INTENT_SIGNALS, (signal) => probit(source.intent[signal]));
    this.intentSigns = Float64Array.from(INTENT_SIGNALS, (signal) => (NEGATIVE_INTENT.has(signal) ? -1 : 1));
    this.fitLoading = source.fitCorrelation;
    // A perfectly correlated factor makes the likelihood a step; a tiny noise keeps it a (steep) slope.
    this.fitNoise = Math.max(1e-6, Math.sqrt(1 - source.fitCorrelation ** 2));
    this.intentLoading = source.intentCorrelation;
    this.intentNoise = Math.max(1e-6, Math.sqrt(1 - source.intentCorrelation ** 2));
    this.norm = Math.sqrt(weights.fitLoading ** 2 + weights.intentLoading ** 2 + 1);
  }

  /** Quality for a lead with this form and signals, from three uniforms. */
  sample(form: number, signals: number, u1: number, u2: number, u3: number): number {
    if (this.source.attributes === 'none') return this.source.qualityShift;
    const fitFactor = inverse(this.fitCdf(signals), u1);
    const intentFactor = inverse(this.intentCdf(form, signals), u2);
    return (this.weights.fitLoading * -fitFactor + this.weights.intentLoading * intentFactor + standardNormal(u3)) / this.norm + this.source.qualityShift;
  }

  private fitCdf(signals: number): Float64Array {
    const key = signals & ((1 << FIT_SIGNALS.length) - 1);
    let cdf = this.fitCdfs.get(key);
    if (cdf === undefined) {
      cdf = cumulative((z, i) => {
        let likelihood = PHI[i]!;
        for (let s = 0; s < FIT_SIGNALS.length; s++) {
          if (!Number.isFinite(this.fitThresholds[s]!)) continue;
          // Fit bit s is set when loading * factor + noise * e < threshold.
          const p = normalCdf((this.fitThresholds[s]! - this.fitLoading * z) / this.fitNoise, 0, 1);
          likelihood *= key & (1 << s) ? p : 1 - p;
        }
        return likelihood;
      });
      this.fitCdfs.set(key, cdf);
    }
    return cdf;
  }

  private intentCdf(form: number, signals: number): Float64Array {
    const bits = signals >>> FIT_SIGNALS.length;
    const key = form * 1024 + bits;
    let cdf = this.intentCdfs.get(key);
    if (cdf === undefined) {
      const shift = FORM_INTENT_SHIFT[FORM_TYPES[form]!];
      const implied = FORM_IMPLIED_SIGNAL[FORM_TYPES[form]!];
      const forced = implied === undefined ? 0 : signalBit(implied) >>> FIT_SIGNALS.length;
      cdf = cumulative((z) => {
        let likelihood = Math.exp(-0.5 * (z - shift) * (z - shift));
        for (let s = 0; s < INTENT_SIGNALS.length; s++) {
          const threshold = this.intentThresholds[s]!;
          // Signals that are always or never drawn, or that the form sets by itself, say nothing about intent.
          if (!Number.isFinite(threshold) || forced & (1 << s)) continue;
          const p = normalCdf((threshold + this.intentSigns[s]! * this.intentLoading * z) / this.intentNoise, 0, 1);
          likelihood *= bits & (1 << s) ? p : 1 - p;
        }
        return likelihood;
      });
      this.intentCdfs.set(key, cdf);
    }
    return cdf;
  }
}

/** Normalised cumulative sums of a density on GRID. */
function cumulative(density: (z: number, i: number) => number): Float64Array {
  const cdf = new Float64Array(GRID.length);
  let sum = 0;
  for (let i = 0; i < GRID.length; i++) cdf[i] = sum += density(GRID[i]!, i);
  // An impossible combination (zero likelihood everywhere) falls back to the prior's standard normal.
  for (let i = 0; i < GRID.length; i++) cdf[i] = sum > 0 ? cdf[i]! / sum : normalCdf(GRID[i]!, 0, 1);
  return cdf;
}

/** Inverse CDF on the grid, linear inside a cell. */
function inverse(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! >= u) hi = mid;
    else lo = mid + 1;
  }
  const below = lo === 0 ? 0 : cdf[lo - 1]!;
  const span = cdf[lo]! - below;
  const fraction = span > 0 ? (u - below) / span : 0.5;
  return GRID[lo]! - 0.05 + fraction * 0.05;
}

function probit(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  return normalQuantile(p, 0, 1);
}

/**
 * Log-binned histogram of positive durations (minutes): 1% relative resolution from 0.001 min to ~2 years
 * in a fixed 1.9k-bin array, so percentiles need no stored samples and memory does not grow with leads.
 */
const MIN_VALUE = 1e-3;
const BINS_PER_DECADE = 230;
const DECADES = 9;
export const HISTOGRAM_BINS = BINS_PER_DECADE * DECADES + 2;
const SCALE = BINS_PER_DECADE / Math.LN10;
const LOG_MIN = Math.log(MIN_VALUE);

export class DurationHistogram {
  readonly counts = new Float64Array(HISTOGRAM_BINS);
  count = 0;
  sum = 0;

  add(value: number): void {
    this.addToBin(binOf(value), value);
  }

  /** Adds a value whose bin is already known (one log shared by several histograms). */
  addToBin(bin: number, value: number): void {
    this.count++;
    this.sum += value;
    this.counts[bin]!++;
  }

  mean(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }

  /** Quantile q in [0, 1], interpolated geometrically within the bin. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const target = q * this.count;
    let seen = 0;
    for (let bin = 0; bin < HISTOGRAM_BINS; bin++) {
      const inBin = this.counts[bin]!;
      if (inBin === 0) continue;
      if (seen + inBin >= target) {
        if (bin === 0) return 0;
        const fraction = (target - seen) / inBin;
        return Math.exp(LOG_MIN + (bin - 1 + fraction) / SCALE);
      }
      seen += inBin;
    }
    return Math.exp(LOG_MIN + (HISTOGRAM_BINS - 2) / SCALE);
  }
}

/** Bin 0 holds values below the minimum (including zero); the last bin everything beyond the range. */
export function binOf(value: number): number {
  if (!(value > MIN_VALUE)) return 0;
  const bin = 1 + Math.floor((Math.log(value) - LOG_MIN) * SCALE);
  return bin >= HISTOGRAM_BINS ? HISTOGRAM_BINS - 1 : bin;
}

/** Lower edge (minutes) of a histogram bin; bin 0 covers [0, MIN_VALUE). */
export function binLowerMinutes(bin: number): number {
  return bin === 0 ? 0 : Math.exp(LOG_MIN + (bin - 1) / SCALE);
}

/** Upper edge (minutes) of a histogram bin. */
export function binUpperMinutes(bin: number): number {
  return Math.exp(LOG_MIN + bin / SCALE);
}

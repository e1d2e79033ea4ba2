/**
 * A positive curve through knots [x, y], interpolated linearly in log y against log x (power-law segments,
 * the shape of the published speed-to-lead ratios) and flat beyond the end knots.
 */
export class KnotCurve {
  private readonly xs: Float64Array;
  private readonly logYs: Float64Array;
  /** Per segment i (from knot i-1 to i): slope in log-log space, or per unit x when the segment starts at 0. */
  private readonly slopes: Float64Array;
  private readonly logXs: Float64Array;

  constructor(knots: readonly (readonly [number, number])[]) {
    this.xs = Float64Array.from(knots, (k) => k[0]);
    this.logYs = Float64Array.from(knots, (k) => Math.log(k[1]));
    this.logXs = Float64Array.from(this.xs, Math.log);
    this.slopes = new Float64Array(knots.length);
    for (let i = 1; i < knots.length; i++) {
      const x0 = this.xs[i - 1]!;
      const rise = this.logYs[i]! - this.logYs[i - 1]!;
      this.slopes[i] = x0 > 0 ? rise / (this.logXs[i]! - this.logXs[i - 1]!) : rise / (this.xs[i]! - x0);
    }
  }

  /** Natural log of the curve at x (one Math.log per call: this is on the engine's per-touch path). */
  logAt(x: number): number {
    const xs = this.xs;
    const last = xs.length - 1;
    if (x <= xs[0]!) return this.logYs[0]!;
    if (x >= xs[last]!) return this.logYs[last]!;
    let i = 1;
    while (xs[i]! < x) i++;
    const x0 = xs[i - 1]!;
    return x0 > 0 ? this.logYs[i - 1]! + this.slopes[i]! * (Math.log(x) - this.logXs[i - 1]!) : this.logYs[i - 1]! + this.slopes[i]! * (x - x0);
  }

  at(x: number): number {
    return Math.exp(this.logAt(x));
  }
}

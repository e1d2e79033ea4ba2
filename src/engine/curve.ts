/**
 * A positive curve through knots [x, y], interpolated linearly in log y against log x (power-law segments,
 * the shape of the published speed-to-lead ratios) and flat beyond the end knots.
 */
export class KnotCurve {
  private readonly xs: Float64Array;
  private readonly logYs: Float64Array;

  constructor(knots: readonly (readonly [number, number])[]) {
    this.xs = Float64Array.from(knots, (k) => k[0]);
    this.logYs = Float64Array.from(knots, (k) => Math.log(k[1]));
  }

  /** Natural log of the curve at x. */
  logAt(x: number): number {
    const xs = this.xs;
    const last = xs.length - 1;
    if (x <= xs[0]!) return this.logYs[0]!;
    if (x >= xs[last]!) return this.logYs[last]!;
    let i = 1;
    while (xs[i]! < x) i++;
    const x0 = xs[i - 1]!;
    const x1 = xs[i]!;
    const t = x0 > 0 ? Math.log(x / x0) / Math.log(x1 / x0) : (x - x0) / (x1 - x0);
    return this.logYs[i - 1]! + t * (this.logYs[i]! - this.logYs[i - 1]!);
  }

  at(x: number): number {
    return Math.exp(this.logAt(x));
  }
}

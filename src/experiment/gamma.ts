/**
 * Special functions needed by the analytic queueing formulas (Erlang A, Halfin-Whitt).
 *
 * Everything is evaluated in log space or as sums of positive terms so that large
 * arguments (hundreds of reps, patience of days) neither overflow nor cancel.
 */

const MACHINE_EPSILON = Number.EPSILON;
// Lentz's method needs a stand-in for zero that still divides safely.
const TINY = 1e-300;

// Lanczos coefficients (g = 671/128, 14 terms) from Numerical Recipes 3rd ed.; ~1e-15 relative accuracy.
const LANCZOS_COEFFICIENTS: readonly number[] = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
  0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4,
  0.158088703224912494e-3, -0.210264441724104883e-3, 0.217439618115212643e-3,
  -0.164318106536763890e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
  0.368991826595316234e-5,
];

/** ln Γ(z) for z > 0. */
export function logGamma(z: number): number {
  if (!(z > 0) || !Number.isFinite(z)) {
    throw new RangeError(`logGamma expects a positive finite argument, got ${z}`);
  }
  let denominator = z;
  let series = 0.999999999999997092;
  for (const coefficient of LANCZOS_COEFFICIENTS) {
    denominator += 1;
    series += coefficient / denominator;
  }
  const shifted = z + 5.2421875;
  return (z + 0.5) * Math.log(shifted) - shifted + Math.log((2.5066282746310005 * series) / z);
}

// Both expansions need O(sqrt(a)) terms near x ≈ a; the cap only guards against NaN loops.
function iterationLimit(a: number): number {
  return 100_000 + Math.ceil(100 * Math.sqrt(a));
}

function requireGammaArguments(a: number, x: number): void {
  if (!(a > 0) || !Number.isFinite(a)) {
    throw new RangeError(`incomplete gamma shape a must be a positive finite number, got ${a}`);
  }
  if (!(x >= 0) || !Number.isFinite(x)) {
    throw new RangeError(`incomplete gamma argument x must be a non-negative finite number, got ${x}`);
  }
}

// Below x = a + 1 the power series converges geometrically; above it the continued fraction does.
function seriesConvergesFaster(a: number, x: number): boolean {
  return x < a + 1;
}

/**
 * Sum of positive terms Σ_{j>=0} x^j / ((a+1)(a+2)…(a+j)) when every ratio x/(a+j) < 1.
 * This is Kummer's M(1, a+1, x), the series behind Numerical Recipes' `gser`.
 */
function kummerSeries(a: number, x: number): number {
  let term = 1;
  let sum = 1;
  const limit = iterationLimit(a);
  for (let j = 1; j <= limit; j += 1) {
    term *= x / (a + j);
    sum += term;
    if (term < sum * MACHINE_EPSILON) return sum;
  }
  throw new Error(`incomplete gamma series did not converge for a=${a}, x=${x}`);
}

/** ln Q(a, x) via the Lentz continued fraction (Numerical Recipes `gcf`); valid for x >= a + 1. */
function logUpperGammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  const limit = iterationLimit(a);
  for (let i = 1; i <= limit; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < MACHINE_EPSILON) {
      return -x + a * Math.log(x) - logGamma(a) + Math.log(h);
    }
  }
  throw new Error(`incomplete gamma continued fraction did not converge for a=${a}, x=${x}`);
}

// ln of the prefactor x^a e^{-x} / Γ(a+1) shared by P(a, x) and M(1, a+1, x).
function logGammaDensityPrefactor(a: number, x: number): number {
  return a * Math.log(x) - x - logGamma(a + 1);
}

/**
 * ln M(1, a+1, x) = ln Σ_{j>=0} x^j / ((a+1)(a+2)…(a+j)), for a > 0, x >= 0.
 *
 * Identity used above the series region: M(1, a+1, x) = e^x x^{-a} Γ(a+1) P(a, x).
 * In queueing terms this is the Erlang A queue-length sum: with a = cμ/θ and x = λ/θ the
 * stationary probabilities satisfy Σ_{j>=0} p_{c+j} = p_c · M(1, a+1, x).
 */
export function logKummer1F1(a: number, x: number): number {
  requireGammaArguments(a, x);
  if (x === 0) return 0;
  if (seriesConvergesFaster(a, x)) return Math.log(kummerSeries(a, x));
  const logUpper = logUpperGammaContinuedFraction(a, x);
  return -logGammaDensityPrefactor(a, x) + Math.log1p(-Math.exp(logUpper));
}

/** Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a). */
export function regularizedLowerGamma(a: number, x: number): number {
  requireGammaArguments(a, x);
  if (x === 0) return 0;
  if (seriesConvergesFaster(a, x)) {
    return Math.exp(logGammaDensityPrefactor(a, x) + Math.log(kummerSeries(a, x)));
  }
  return -Math.expm1(logUpperGammaContinuedFraction(a, x));
}

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x). */
export function regularizedUpperGamma(a: number, x: number): number {
  requireGammaArguments(a, x);
  if (x === 0) return 1;
  if (seriesConvergesFaster(a, x)) {
    return -Math.expm1(logGammaDensityPrefactor(a, x) + Math.log(kummerSeries(a, x)));
  }
  return Math.exp(logUpperGammaContinuedFraction(a, x));
}

/** Standard normal CDF Φ(z), via Φ(z) = (1 ± P(1/2, z²/2)) / 2 so both tails stay accurate. */
export function standardNormalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z === Number.POSITIVE_INFINITY) return 1;
  if (z === Number.NEGATIVE_INFINITY) return 0;
  const halfSquare = 0.5 * z * z;
  // The far tail is Q(1/2, z²/2)/2, computed directly rather than as 1 − (something near 1).
  return z >= 0
    ? 1 - 0.5 * regularizedUpperGamma(0.5, halfSquare)
    : 0.5 * regularizedUpperGamma(0.5, halfSquare);
}

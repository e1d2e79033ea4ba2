/** A weekly rate with compounding growth: expected count in week k = exposure_k x rate x (1 + trend)^k. */
export interface PoissonTrend {
  /** Expected leads in week 0 (a full week). */
  rate: number;
  trend: number;
  /** Standard error of log(1 + trend), from the Fisher information (NaN when not fitted). */
  logTrendSe: number;
}

/**
 * Maximum-likelihood log-linear Poisson regression (log mu_k = log e_k + a + b k) by Newton's method. The
 * intercept makes the fitted total equal the observed total, so a simulation over the same weeks expects the
 * export's lead count. Too little data for a slope gives a flat rate.
 */
export function fitPoissonTrend(counts: readonly number[], exposures: readonly number[], minimumLeads = 20): PoissonTrend {
  const total = counts.reduce((sum, c) => sum + c, 0);
  const exposure = exposures.reduce((sum, e) => sum + e, 0);
  const flat = { rate: total / exposure, trend: 0, logTrendSe: NaN };
  if (total < minimumLeads || counts.length < 3) return flat;
  let a = Math.log(total / exposure);
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (let k = 0; k < counts.length; k++) {
      const mu = exposures[k]! * Math.exp(a + b * k);
      g0 += counts[k]! - mu;
      g1 += (counts[k]! - mu) * k;
      h00 += mu;
      h01 += mu * k;
      h11 += mu * k * k;
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 0)) return flat;
    const da = (h11 * g0 - h01 * g1) / det;
    const db = (h00 * g1 - h01 * g0) / det;
    a += da;
    b += db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-12) {
      return { rate: Math.exp(a), trend: Math.exp(b) - 1, logTrendSe: Math.sqrt(h00 / det) };
    }
  }
  return flat;
}

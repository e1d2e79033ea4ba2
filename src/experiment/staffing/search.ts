export interface SearchOptions {
  min: number;
  max: number;
  /** First headcount to try (the analytic estimate); clamped to [min, max]. */
  start: number;
  /** Whether the target holds at a headcount (simulates it; the search asks each headcount at most once). */
  holds: (headcount: number) => Promise<boolean>;
}

export interface SearchOutcome {
  /** Smallest headcount found to hold whose next-lower headcount was seen to fail (or is below min); null when max fails. */
  recommended: number | null;
  /** Headcounts asked about, in order. */
  tried: number[];
}

/**
 * Bracket from the start with doubling steps, then bisect: O(log range) simulations instead of one per
 * headcount. It relies on the target being monotone in headcount, which common random numbers make true in
 * practice; whatever the curve does, the answer always holds and the headcount below it was seen to fail.
 */
export async function searchHeadcount(options: SearchOptions): Promise<SearchOutcome> {
  const { min, max } = options;
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max >= min)) throw new RangeError(`search range must be whole numbers 1 <= min <= max (got ${min}..${max})`);
  const tried: number[] = [];
  const seen = new Map<number, boolean>();
  const holds = async (headcount: number): Promise<boolean> => {
    const known = seen.get(headcount);
    if (known !== undefined) return known;
    tried.push(headcount);
    const result = await options.holds(headcount);
    seen.set(headcount, result);
    return result;
  };
  const start = Math.min(max, Math.max(min, Math.round(options.start)));
  let passing: number;
  let failing: number;
  if (await holds(start)) {
    passing = start;
    failing = min - 1;
    // Walk down until something fails (or min holds).
    for (let step = 1; passing > min; step *= 2) {
      const probe = Math.max(min, passing - step);
      if (await holds(probe)) passing = probe;
      else {
        failing = probe;
        break;
      }
    }
  } else {
    failing = start;
    passing = NaN;
    for (let step = 1; failing < max; step *= 2) {
      const probe = Math.min(max, failing + step);
      if (await holds(probe)) {
        passing = probe;
        break;
      }
      failing = probe;
    }
    if (Number.isNaN(passing)) return { recommended: null, tried };
  }
  while (passing - failing > 1) {
    const middle = Math.floor((passing + failing) / 2);
    if (await holds(middle)) passing = middle;
    else failing = middle;
  }
  return { recommended: passing, tried };
}

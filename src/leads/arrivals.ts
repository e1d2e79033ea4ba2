import { LocalClock, localToSimMinutes, MINUTES_PER_WEEK } from '../engine/calendar.js';
import type { RandomSource } from '../random/streams.js';
import type { Source } from '../scenario/schema/source.js';
import { hourOfWeekWeights } from './profiles.js';

/** Arrival rate per minute for each simulated hour: weekly volume x hour-of-week shape x trend x surges. */
export function hourlyRates(source: Source, timeZone: string, originMs: number, hours: number): Float64Array {
  const shape = hourOfWeekWeights(source.profile, source.hourOfWeek);
  const base = source.weeklyVolume / MINUTES_PER_WEEK;
  const rates = new Float64Array(hours);
  const surges = source.surges.map((surge) => ({
    start: localToSimMinutes(surge.start, timeZone, originMs) / 60,
    hours: surge.hours,
    ramp: surge.rampHours,
    multiplier: surge.multiplier,
  }));
  const zone = new LocalClock(timeZone);
  const offsetAt = (ms: number): number => zone.offsetAt(ms);
  for (let day = 0; day * 24 < hours; day++) {
    // Zone offsets only change at DST transitions: look them up per day, per hour only on transition days.
    const dayStart = originMs + day * 86_400_000;
    const morning = offsetAt(dayStart);
    const constant = morning === offsetAt(dayStart + 86_399_999);
    for (let k = 0; k < 24 && day * 24 + k < hours; k++) {
      const h = day * 24 + k;
      const ms = originMs + h * 3_600_000;
      const local = new Date(ms + (constant ? morning : offsetAt(ms)) * 60_000);
      const hourOfWeek = ((local.getUTCDay() + 6) % 7) * 24 + local.getUTCHours();
      let rate = base * shape[hourOfWeek]! * Math.pow(1 + source.trendPerWeek, Math.floor(h / 168));
      for (const surge of surges) rate *= surgeFactor(h + 0.5, surge);
      rates[h] = rate;
    }
  }
  return rates;
}

/** Multiplier at hour midpoint t: full inside the window, linear ramps of `ramp` hours either side. */
export function surgeFactor(t: number, surge: { start: number; hours: number; ramp: number; multiplier: number }): number {
  const end = surge.start + surge.hours;
  if (t >= surge.start && t < end) return surge.multiplier;
  if (surge.ramp > 0) {
    const lead = surge.start - t;
    if (lead > 0 && lead < surge.ramp) return 1 + (surge.multiplier - 1) * (1 - lead / surge.ramp);
    const lag = t - end;
    if (lag >= 0 && lag < surge.ramp) return 1 + (surge.multiplier - 1) * (1 - lag / surge.ramp);
  }
  return 1;
}

/**
 * Non-homogeneous Poisson arrivals, exact for piecewise-constant rates: a unit-exponential amount of
 * cumulative hazard is spent bucket by bucket (the memoryless property makes the carry-over exact).
 */
export class PiecewisePoissonArrivals {
  private bucket = 0;
  private time = 0;

  constructor(
    private readonly ratesPerMinute: Float64Array,
    private readonly bucketMinutes: number,
    private readonly random: RandomSource,
  ) {}

  /** Minutes of the next arrival, or Infinity once the rate table is exhausted. */
  next(): number {
    let hazard = -Math.log(this.random.next());
    const rates = this.ratesPerMinute;
    while (this.bucket < rates.length) {
      const rate = rates[this.bucket]!;
      const bucketEnd = (this.bucket + 1) * this.bucketMinutes;
      const available = rate * (bucketEnd - this.time);
      if (hazard < available) {
        this.time += hazard / rate;
        return this.time;
      }
      hazard -= available;
      this.bucket++;
      this.time = bucketEnd;
    }
    return Infinity;
  }
}

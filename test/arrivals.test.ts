import { describe, it, expect } from 'vitest';
import { hourlyRates, surgeFactor, PiecewisePoissonArrivals } from '../src/leads/arrivals.js';
import { originOf, MINUTES_PER_WEEK } from '../src/engine/calendar.js';
import { ReplicationStreams } from '../src/random/streams.js';
import { Source } from '../src/scenario/schema/source.js';

// Behaviour: lead arrivals form a non-homogeneous Poisson process whose rate is
// weekly volume x hour-of-week profile x trend x surges.

const ZONE = 'America/New_York';
const ORIGIN = originOf('2026-01-05', ZONE); // Monday 00:00 EST

/** All arrival times until the rate table is exhausted. */
function drain(arrivals: PiecewisePoissonArrivals): number[] {
  const times: number[] = [];
  for (let t = arrivals.next(); t !== Infinity; t = arrivals.next()) times.push(t);
  return times;
}

function countsPerBucket(times: readonly number[], bucketMinutes: number, buckets: number): number[] {
  const counts = new Array<number>(buckets).fill(0);
  for (const t of times) counts[Math.floor(t / bucketMinutes)]!++;
  return counts;
}

/** |observed - mean| in Poisson standard deviations. */
const poissonZ = (observed: number, mean: number): number => Math.abs(observed - mean) / Math.sqrt(mean);

/** Kolmogorov-Smirnov distance between a sample and the Exp(rate) CDF. */
function ksExponential(sample: number[], rate: number): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = 1 - Math.exp(-rate * sorted[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}
/** Asymptotic KS critical value at alpha = 0.001. */
const ksCritical = (n: number): number => 1.949 / Math.sqrt(n);

describe('PiecewisePoissonArrivals', () => {
  // 300 hourly buckets with rates between 1 and 5 per minute (60 to 300 expected arrivals); every 7th bucket
  // has rate 0. ~46k arrivals in all, so a 5% error in the rates is a ~10 sd miss in the total.
  const bucketMinutes = 60;
  const rates = Float64Array.from({ length: 300 }, (_, b) => (b % 7 === 3 ? 0 : 1 + (4 * ((b * 37) % 11)) / 10));
  const times = drain(new PiecewisePoissonArrivals(rates, bucketMinutes, new ReplicationStreams(11, 0).stream('arrivals', 'x')));
  const counts = countsPerBucket(times, bucketMinutes, rates.length);

  it('returns increasing times inside the table, then Infinity for good', () => {
    for (let i = 1; i < times.length; i++) if (!(times[i]! > times[i - 1]!)) expect.fail(`arrival ${i} at ${times[i]} is not after ${times[i - 1]}`);
    expect(times[0]!).toBeGreaterThan(0);
    expect(times[times.length - 1]!).toBeLessThan(rates.length * bucketMinutes);
    const finished = new PiecewisePoissonArrivals(Float64Array.of(0.5), 10, new ReplicationStreams(1, 0).stream('arrivals', 'x'));
    drain(finished);
    expect(finished.next()).toBe(Infinity);
    expect(finished.next()).toBe(Infinity);
  });

  it('a zero-rate bucket gets no arrivals', () => {
    for (let b = 3; b < rates.length; b += 7) expect(counts[b]).toBe(0);
    const allZero = new PiecewisePoissonArrivals(new Float64Array(50), 60, new ReplicationStreams(1, 0).stream('arrivals', 'x'));
    expect(allZero.next()).toBe(Infinity);
  });

  it('the total count matches the integrated rate (z < 5, variance = mean)', () => {
    const expected = rates.reduce((sum, r) => sum + r * bucketMinutes, 0);
    expect(poissonZ(times.length, expected)).toBeLessThan(5);
  });

  it('per-bucket counts are Poisson with the bucket means (chi-square within 5 sd of its df)', () => {
    let chi2 = 0;
    let df = 0;
    for (let b = 0; b < rates.length; b++) {
      const mean = rates[b]! * bucketMinutes;
      if (mean === 0) continue;
      chi2 += (counts[b]! - mean) ** 2 / mean;
      df++;
    }
    // chi-square(df) has mean df and sd sqrt(2 df): too large means wrong means or overdispersion,
    // too small means counts are too regular to be Poisson.
    expect(Math.abs(chi2 - df)).toBeLessThan(5 * Math.sqrt(2 * df));
  });

  it('inter-arrival times at a constant rate are exponential (KS at alpha = 0.001), within one bucket', () => {
    const rate = 0.25;
    const arrivals = drain(new PiecewisePoissonArrivals(Float64Array.of(rate), 200_000, new ReplicationStreams(12, 0).stream('arrivals', 'ks')));
    const gaps = arrivals.map((t, i) => t - (i === 0 ? 0 : arrivals[i - 1]!));
    expect(gaps.length).toBeGreaterThan(40_000);
    expect(ksExponential(gaps, rate)).toBeLessThan(ksCritical(gaps.length));
  });

  it('inter-arrival times stay exponential when they span many short buckets of the same rate', () => {
    const rate = 0.3;
    const arrivals = drain(new PiecewisePoissonArrivals(new Float64Array(100_000).fill(rate), 1, new ReplicationStreams(13, 0).stream('arrivals', 'ks')));
    const gaps = arrivals.map((t, i) => t - (i === 0 ? 0 : arrivals[i - 1]!));
    expect(poissonZ(gaps.length, rate * 100_000)).toBeLessThan(5);
    expect(ksExponential(gaps, rate)).toBeLessThan(ksCritical(gaps.length));
  });

  it('is deterministic per (seed, replication) and differs across replications and seeds', () => {
    const table = new Float64Array(24).fill(0.5);
    const run = (seed: number, replication: number): number[] =>
      drain(new PiecewisePoissonArrivals(table, 60, new ReplicationStreams(seed, replication).stream('arrivals', 'web')));
    const a = run(7, 0);
    expect(run(7, 0)).toEqual(a);
    const otherReplication = run(7, 1);
    const otherSeed = run(8, 0);
    expect(otherReplication[0]).not.toBe(a[0]);
    expect(otherSeed[0]).not.toBe(a[0]);
    expect(otherReplication).not.toEqual(a);
  });
});

describe('surgeFactor', () => {
  const surge = { start: 10, hours: 4, ramp: 2, multiplier: 5 };

  it('is the full multiplier inside the window, ramps linearly either side and is 1 outside', () => {
    expect(surgeFactor(10, surge)).toBe(5);
    expect(surgeFactor(13.9, surge)).toBe(5);
    expect(surgeFactor(9.5, surge)).toBeCloseTo(1 + 4 * 0.75, 12); // 0.5 h before the start
    expect(surgeFactor(8.5, surge)).toBeCloseTo(1 + 4 * 0.25, 12);
    expect(surgeFactor(15.5, surge)).toBeCloseTo(1 + 4 * 0.25, 12); // 1.5 h after the end
    expect(surgeFactor(7.9, surge)).toBe(1);
    expect(surgeFactor(16.1, surge)).toBe(1);
    expect(surgeFactor(9.5, { ...surge, ramp: 0 })).toBe(1);
    expect(surgeFactor(14.5, { ...surge, ramp: 0 })).toBe(1);
  });
});

describe('hourlyRates', () => {
  it('honours the weekly volume for profile "flat" and "business" (one week from a Monday and from a Wednesday)', () => {
    for (const profile of ['flat', 'business'] as const) {
      for (const start of ['2026-01-05', '2026-01-07']) {
        const source = Source.parse({ weeklyVolume: 5000, profile });
        const rates = hourlyRates(source, ZONE, originOf(start, ZONE), 168);
        const weekly = rates.reduce((sum, r) => sum + r * 60, 0);
        expect(weekly).toBeCloseTo(5000, 6);
      }
    }
  });

  it('"flat" is constant; "business" peaks on weekday mornings in local time, not UTC', () => {
    const flat = hourlyRates(Source.parse({ weeklyVolume: 10_080, profile: 'flat' }), ZONE, ORIGIN, 168);
    for (const r of flat) expect(r).toBeCloseTo(1, 12);
    const business = hourlyRates(Source.parse({ weeklyVolume: 10_080 }), ZONE, ORIGIN, 168);
    const mondayTen = business[10]!; // Monday 10:00 local: weight 2.2
    const mondayFifteen = business[15]!; // Monday 15:00 local: weight 2.0
    const saturdayThree = business[5 * 24 + 3]!; // Saturday 03:00 local: weight 0.15
    expect(mondayTen / saturdayThree).toBeCloseTo(2.2 / 0.15, 10);
    expect(mondayFifteen / saturdayThree).toBeCloseTo(2.0 / 0.15, 10);
  });

  it('applies the weekly trend by whole weeks', () => {
    const rates = hourlyRates(Source.parse({ weeklyVolume: 1000, profile: 'business', trendPerWeek: 0.1 }), ZONE, ORIGIN, 3 * 168);
    const week = (w: number): number => rates.subarray(w * 168, (w + 1) * 168).reduce((sum, r) => sum + r * 60, 0);
    expect(week(0)).toBeCloseTo(1000, 6);
    expect(week(1)).toBeCloseTo(1100, 6);
    expect(week(2)).toBeCloseTo(1210, 6);
  });

  it('simulated weekly arrivals match the weekly volume (business profile, z < 5)', () => {
    const volume = 20_000;
    const rates = hourlyRates(Source.parse({ weeklyVolume: volume }), ZONE, ORIGIN, 168);
    const times = drain(new PiecewisePoissonArrivals(rates, 60, new ReplicationStreams(3, 0).stream('arrivals', 'business')));
    expect(times[times.length - 1]!).toBeLessThan(MINUTES_PER_WEEK);
    expect(poissonZ(times.length, volume)).toBeLessThan(5);
  });

  it('a 5x surge window gets ~5x the arrivals of the same hours without it', () => {
    const volume = 168 * 1200; // 1200 per hour, flat
    const source = Source.parse({
      weeklyVolume: volume,
      profile: 'flat',
      attributes: 'none',
      surges: [{ start: '2026-01-07T10:00', hours: 4, multiplier: 5 }],
    });
    const rates = hourlyRates(source, ZONE, ORIGIN, 168);
    const surgeHours = [58, 59, 60, 61]; // Wednesday 10:00-14:00 local
    for (let h = 0; h < 168; h++) expect(rates[h]! * 60).toBeCloseTo(surgeHours.includes(h) ? 6000 : 1200, 8);

    const counts = countsPerBucket(drain(new PiecewisePoissonArrivals(rates, 60, new ReplicationStreams(5, 0).stream('arrivals', 'surge'))), 60, 168);
    const inSurge = surgeHours.reduce((sum, h) => sum + counts[h]!, 0);
    const before = [54, 55, 56, 57].reduce((sum, h) => sum + counts[h]!, 0);
    expect(poissonZ(inSurge, 4 * 6000)).toBeLessThan(5);
    expect(poissonZ(before, 4 * 1200)).toBeLessThan(5);
    // Ratio of two Poisson counts: relative sd ~ sqrt(1/24000 + 1/4800).
    const sdRatio = 5 * Math.sqrt(1 / 24_000 + 1 / 4800);
    expect(Math.abs(inSurge / before - 5)).toBeLessThan(5 * sdRatio);
  });

  it('ramps a surge in hourly steps evaluated at hour midpoints', () => {
    const source = Source.parse({
      weeklyVolume: 10_080,
      profile: 'flat',
      surges: [{ start: '2026-01-05T10:00', hours: 2, multiplier: 3, rampHours: 2 }],
    });
    const rates = hourlyRates(source, ZONE, ORIGIN, 24);
    // Hour 8 midpoint is 1.5 h before the start: factor 1 + 2 x 0.25; hour 9: 1 + 2 x 0.75.
    const expected = [1, 1, 1, 1, 1, 1, 1, 1, 1.5, 2.5, 3, 3, 2.5, 1.5, 1];
    expected.forEach((factor, h) => expect(rates[h]).toBeCloseTo(factor, 12));
  });
});

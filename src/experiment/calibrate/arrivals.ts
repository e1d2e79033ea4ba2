import type { ExportLead } from '../../leads/replay/convert.js';
import type { Mapping } from '../../leads/replay/mapping.js';
import { ZoneClock } from '../../leads/replay/timestamps.js';
import { parseRange } from '../../engine/calendar.js';
import { fitPoissonTrend } from './poissonTrend.js';

const MS_PER_DAY = 86_400_000;
/** Below this many weekend leads the weekend's hour-of-day shape is taken from weekdays. */
const MIN_WEEKEND_LEADS = 50;

export interface SourceArrivals {
  name: string;
  leads: number;
  weeklyVolume: number;
  trendPerWeek: number;
  /** Standard error of log(1 + trend); NaN when the source had too few leads for a slope. */
  logTrendSe: number;
  weeklyCounts: number[];
}

export interface ArrivalFit {
  timeZone: string;
  /** Local date of the first arrival: the calibrated scenario's start. */
  start: string;
  end: string;
  days: number;
  /** Length of the fitted window in minutes: to the minute after the last arrival (end of its day for date-only exports). */
  horizonMinutes: number;
  /** True when the export has real times of day; false when they were spread (date-only exports). */
  timesKnown: boolean;
  /** Relative volume by local weekday, Monday first, mean 1. */
  weekdayWeights: number[];
  /** The scenario's hourOfWeek: weekday weight x hour-of-day share, Monday 00:00 first, mean 1. */
  hourOfWeek: number[];
  /** Weight of each (possibly partial) week in the fit: sum of its days' weekday weights / 7. */
  weekExposures: number[];
  sources: SourceArrivals[];
}

/**
 * Fits the arrival profile of an export in its own zone: the weekday shape from dates, the hour-of-day shape
 * from times when the export has them, and per source a weekly volume with a compounding weekly trend.
 */
export function fitArrivals(leads: readonly ExportLead[], arrival: Mapping['arrival']): ArrivalFit {
  const clock = new ZoneClock(arrival.timeZone);
  // Local wall time as if it were UTC: calendar fields come straight from a Date.
  const local = leads.map((lead) => lead.arrivalMs + clock.offset(lead.arrivalMs) * 60_000);
  const startDay = Math.floor(Math.min(...local) / MS_PER_DAY);
  const dayOf = local.map((ms) => Math.floor(ms / MS_PER_DAY) - startDay);
  const days = Math.max(...dayOf) + 1;
  const weekdayOfDay = (day: number): number => (new Date((startDay + day) * MS_PER_DAY).getUTCDay() + 6) % 7;

  const timesKnown = arrival.timeOfDay === 'keep';
  const hourShares = timesKnown ? observedHourShares(local, weekdayOfDay, dayOf) : spreadHourShares(arrival.timeOfDay === 'keep' ? '00:00-24:00' : arrival.timeOfDay.spread);
  // With real times the window ends at the last arrival (an export cut by row count ends mid-day); the last
  // day counts for the share of a day's volume its hours before the cut carry. Date-only exports end at midnight.
  const lastLocal = Math.max(...local);
  const cutMinute = timesKnown ? (lastLocal - (startDay + days - 1) * MS_PER_DAY) / 60_000 + 1 : 1440;
  const dayFractions = Array.from({ length: days }, (_, day) => (day < days - 1 ? 1 : dayFraction(hourShares[weekdayOfDay(day) < 5 ? 0 : 1]!, Math.min(1440, cutMinute))));

  const weekdayCounts = new Array<number>(7).fill(0);
  const weekdayDays = new Array<number>(7).fill(0);
  dayFractions.forEach((fraction, day) => (weekdayDays[weekdayOfDay(day)]! += fraction));
  for (const day of dayOf) weekdayCounts[weekdayOfDay(day)]!++;
  const perDay = weekdayCounts.map((count, d) => (weekdayDays[d]! > 0 ? count / weekdayDays[d]! : NaN));
  const seen = perDay.filter((value) => !Number.isNaN(value));
  const meanPerDay = seen.reduce((sum, v) => sum + v, 0) / seen.length;
  // A weekday the export never covers (an export shorter than a week) gets the average.
  const weekdayWeights = perDay.map((value) => (Number.isNaN(value) ? 1 : meanPerDay > 0 ? value / meanPerDay : 1));
  const hourOfWeek = Array.from({ length: 168 }, (_, h) => {
    const day = Math.floor(h / 24);
    return weekdayWeights[day]! * hourShares[day < 5 ? 0 : 1]![h % 24]!;
  });

  const weeks = Math.ceil(days / 7);
  const weekExposures = new Array<number>(weeks).fill(0);
  for (let day = 0; day < days; day++) weekExposures[Math.floor(day / 7)]! += (weekdayWeights[weekdayOfDay(day)]! * dayFractions[day]!) / 7;

  const byName = new Map<string, number[]>();
  leads.forEach((lead, i) => {
    let counts = byName.get(lead.source);
    if (counts === undefined) byName.set(lead.source, (counts = new Array<number>(weeks).fill(0)));
    counts[Math.floor(dayOf[i]! / 7)]!++;
  });
  const sources = [...byName.entries()]
    .map(([name, weeklyCounts]) => fitSource(name, weeklyCounts, weekExposures))
    .sort((a, b) => b.leads - a.leads || a.name.localeCompare(b.name));
  const isoDay = (day: number): string => new Date((startDay + day) * MS_PER_DAY).toISOString().slice(0, 10);
  const horizonMinutes = (days - 1) * 1440 + Math.min(1440, Math.ceil(cutMinute));
  return { timeZone: arrival.timeZone, start: isoDay(0), end: isoDay(days - 1), days, horizonMinutes, timesKnown, weekdayWeights, hourOfWeek, weekExposures, sources };
}

/** The engine accepts trends in [-50%, +100%] a week; a clamped trend keeps the fitted total by refitting the rate. */
function fitSource(name: string, weeklyCounts: number[], exposures: number[]): SourceArrivals {
  const leads = weeklyCounts.reduce((sum, c) => sum + c, 0);
  const fit = fitPoissonTrend(weeklyCounts, exposures);
  const trend = Math.min(1, Math.max(-0.5, fit.trend));
  const rate = trend === fit.trend ? fit.rate : leads / exposures.reduce((sum, e, k) => sum + e * (1 + trend) ** k, 0);
  return { name, leads, weeklyVolume: rate, trendPerWeek: trend, logTrendSe: fit.logTrendSe, weeklyCounts };
}

/** Hour-of-day shares (mean 1) for weekdays [0] and the weekend [1] from real times. */
function observedHourShares(local: readonly number[], weekdayOfDay: (day: number) => number, dayOf: readonly number[]): number[][] {
  const counts = [new Array<number>(24).fill(0), new Array<number>(24).fill(0)];
  local.forEach((ms, i) => {
    const hour = new Date(ms).getUTCHours();
    counts[weekdayOfDay(dayOf[i]!) < 5 ? 0 : 1]![hour]!++;
  });
  const weekendTotal = counts[1]!.reduce((sum, c) => sum + c, 0);
  if (weekendTotal < MIN_WEEKEND_LEADS) counts[1] = counts[0]!;
  return counts.map((hours) => {
    const total = hours.reduce((sum, c) => sum + c, 0);
    return hours.map((c) => (total > 0 ? (c * 24) / total : 1));
  });
}

/** Shares (mean 1) of a uniform spread over local hours "HH:MM-HH:MM", the same for every day. */
function spreadHourShares(range: string): number[][] {
  const [open, close] = parseRange(range);
  const length = close - open;
  const shares = Array.from({ length: 24 }, (_, h) => ((Math.max(0, Math.min(close, (h + 1) * 60) - Math.max(open, h * 60)) / length) * 24));
  return [shares, shares];
}

/** Share of a day's expected volume that arrives before `minute` (hour shares have mean 1 over 24 hours). */
function dayFraction(shares: readonly number[], minute: number): number {
  let total = 0;
  for (let h = 0; h < 24; h++) total += shares[h]! * Math.max(0, Math.min(60, minute - h * 60));
  return total / 1440;
}

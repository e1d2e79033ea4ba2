import { DateTime, IANAZone } from 'luxon';
import type { Calendar as CalendarSpec } from '../scenario/schema/calendar.js';

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const MINUTES_PER_DAY = 1440;
export const MINUTES_PER_WEEK = 10_080;

/** Local opening ranges in minutes from local midnight, per ISO weekday (index 0 = Monday). */
export type WeeklyHours = [number, number][][];

export function weeklyHours(hours: CalendarSpec['hours']): WeeklyHours {
  const week: WeeklyHours = DAY_NAMES.map(() => []);
  if (hours === '24/7') return week.map(() => [[0, MINUTES_PER_DAY]]);
  for (const [key, value] of Object.entries(hours)) {
    const ranges = value === 'closed' ? [] : (Array.isArray(value) ? value : [value]).map(parseRange);
    for (const day of daysOfKey(key)) week[day] = ranges;
  }
  return week;
}

export function parseRange(text: string): [number, number] {
  const [open, close] = text.split('-').map((part) => Number(part.slice(0, 2)) * 60 + Number(part.slice(3)));
  return [open!, close!];
}

function daysOfKey(key: string): number[] {
  if (key === 'daily') return [0, 1, 2, 3, 4, 5, 6];
  if (key === 'weekdays') return [0, 1, 2, 3, 4];
  if (key === 'weekend') return [5, 6];
  const [first, last] = key.split('-').map((name) => DAY_NAMES.indexOf(name as (typeof DAY_NAMES)[number]));
  if (last === undefined) return [first!];
  const days: number[] = [];
  for (let day = first!; ; day = (day + 1) % 7) {
    days.push(day);
    if (day === last) return days;
  }
}

export interface ExpandOptions {
  timeZone: string;
  weekly: WeeklyHours;
  holidays?: readonly string[];
  /** Epoch milliseconds of minute 0 of the simulation. */
  originMs: number;
  /** Expand open intervals covering [0, untilMinutes). */
  untilMinutes: number;
  /** Local days (yyyy-mm-dd) to drop, e.g. a rep's out-of-office days. */
  skipDays?: ReadonlySet<string>;
}

/**
 * Open hours expanded once into sorted intervals (minutes since the simulation start), so "is it open",
 * "next open minute" and "business minutes between" are binary searches instead of date arithmetic.
 */
export class OpenCalendar {
  /** Interval i is [starts[i], ends[i]); dayEnds[i] is when the local business day of interval i closes. */
  constructor(
    readonly starts: Float64Array,
    readonly ends: Float64Array,
    readonly dayEnds: Float64Array,
    /** Open minutes before interval i. */
    readonly openBefore: Float64Array,
    readonly localDays: readonly string[],
    readonly alwaysOpen: boolean,
  ) {}

  static expand(options: ExpandOptions): OpenCalendar {
    const holidays = new Set(options.holidays ?? []);
    const starts: number[] = [];
    const ends: number[] = [];
    const dayEnds: number[] = [];
    const localDays: string[] = [];
    const zone = new LocalClock(options.timeZone);
    const first = DateTime.fromMillis(options.originMs, { zone: options.timeZone }).startOf('day').minus({ days: 1 });
    const untilMs = options.originMs + options.untilMinutes * 60_000;
    let alwaysOpen = options.weekly.every((ranges) => ranges.length === 1 && ranges[0]![0] === 0 && ranges[0]![1] === MINUTES_PER_DAY) && holidays.size === 0 && (options.skipDays?.size ?? 0) === 0;
    // Walk civil dates with UTC arithmetic; the zone offset is looked up per day, not per range.
    for (let civil = Date.UTC(first.year, first.month - 1, first.day); zone.toEpoch(civil, 0) < untilMs; civil += 86_400_000) {
      const iso = new Date(civil).toISOString().slice(0, 10);
      const weekday = (new Date(civil).getUTCDay() + 6) % 7;
      const ranges = holidays.has(iso) || options.skipDays?.has(iso) ? [] : options.weekly[weekday]!;
      const firstIndex = starts.length;
      for (const [open, close] of mergeRanges(ranges)) {
        const start = (zone.toEpoch(civil, open) - options.originMs) / 60_000;
        const end = (zone.toEpoch(civil, close) - options.originMs) / 60_000;
        if (end <= 0 || end <= start) continue;
        starts.push(Math.max(0, start));
        ends.push(end);
        localDays.push(iso);
      }
      for (let i = firstIndex; i < starts.length; i++) dayEnds.push(ends[ends.length - 1]!);
    }
    const openBefore = new Float64Array(starts.length);
    for (let i = 1; i < starts.length; i++) openBefore[i] = openBefore[i - 1]! + ends[i - 1]! - starts[i - 1]!;
    if (starts.length === 0) alwaysOpen = false;
    return new OpenCalendar(Float64Array.from(starts), Float64Array.from(ends), Float64Array.from(dayEnds), openBefore, localDays, alwaysOpen);
  }

  /** The same calendar with some local days removed (a rep's out-of-office days), without re-expanding dates. */
  without(skipDays: ReadonlySet<string>): OpenCalendar {
    if (skipDays.size === 0) return this;
    const keep: number[] = [];
    for (let i = 0; i < this.size; i++) if (!skipDays.has(this.localDays[i]!)) keep.push(i);
    const starts = Float64Array.from(keep, (i) => this.starts[i]!);
    const ends = Float64Array.from(keep, (i) => this.ends[i]!);
    const openBefore = new Float64Array(keep.length);
    for (let i = 1; i < keep.length; i++) openBefore[i] = openBefore[i - 1]! + ends[i - 1]! - starts[i - 1]!;
    return new OpenCalendar(starts, ends, Float64Array.from(keep, (i) => this.dayEnds[i]!), openBefore, keep.map((i) => this.localDays[i]!), false);
  }

  get size(): number {
    return this.starts.length;
  }

  /** Index of the last interval starting at or before t, or -1. */
  private indexAt(t: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  isOpen(t: number): boolean {
    if (this.alwaysOpen) return t >= 0 && t < this.ends[this.ends.length - 1]!;
    const i = this.indexAt(t);
    return i >= 0 && t < this.ends[i]!;
  }

  /** t itself if open, else the start of the next open interval; Infinity if the calendar never opens again. */
  nextOpen(t: number): number {
    if (this.alwaysOpen) return t < this.ends[this.ends.length - 1]! ? Math.max(t, 0) : Infinity;
    const i = this.indexAt(t);
    if (i >= 0 && t < this.ends[i]!) return t;
    const next = i + 1;
    return next < this.starts.length ? this.starts[next]! : Infinity;
  }

  /** Index of the interval containing t or, when closed at t, of the next one (size when none follows). */
  intervalFrom(t: number): number {
    const i = this.indexAt(t);
    return i >= 0 && t < this.ends[i]! ? i : i + 1;
  }

  /** nextOpen(t) given intervalFrom(t), without a second search (always-open calendars too: their intervals run on from 0). */
  nextOpenIn(interval: number, t: number): number {
    return interval < this.starts.length ? Math.max(t, this.starts[interval]!) : Infinity;
  }

  /** End of the open interval containing t (t must be open). */
  closesAt(t: number): number {
    const i = this.indexAt(t);
    return i >= 0 ? this.ends[i]! : -Infinity;
  }

  /** Open minutes in [0, t). */
  openMinutesBefore(t: number): number {
    const i = this.indexAt(t);
    if (i < 0) return 0;
    return this.openBefore[i]! + Math.min(t, this.ends[i]!) - this.starts[i]!;
  }

  businessMinutesBetween(from: number, to: number): number {
    if (to <= from) return 0;
    if (this.alwaysOpen) return to - from;
    return this.openMinutesBefore(to) - this.openMinutesBefore(from);
  }

  /** The moment `minutes` open minutes have passed after t. */
  addBusinessMinutes(t: number, minutes: number): number {
    if (this.alwaysOpen) return t + minutes;
    const target = this.openMinutesBefore(t) + minutes;
    // Find the interval in which the cumulative open time reaches target.
    const openBefore = this.openBefore;
    let lo = 0;
    let hi = openBefore.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (openBefore[mid]! <= target) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i < 0) return Infinity;
    const end = this.starts[i]! + (target - openBefore[i]!);
    if (end > this.ends[i]!) return Infinity;
    // Exactly at a boundary the target is met at the close of the previous interval.
    return end === this.starts[i]! && i > 0 && minutes > 0 ? this.ends[i - 1]! : end;
  }

  /** Close of the business day in progress at t, or of the next business day if closed at t. */
  endOfBusinessDay(t: number): number {
    const i = this.indexAt(t);
    // Inside an interval or in a same-day gap (a lunch break) still counts as that business day.
    if (i >= 0 && t < this.dayEnds[i]!) return this.dayEnds[i]!;
    return i + 1 < this.size ? this.dayEnds[i + 1]! : Infinity;
  }

  /** Local business day (yyyy-mm-dd) of the open interval containing t or next after it. */
  localDayAt(t: number): string | undefined {
    const i = this.indexAt(t);
    if (i >= 0 && t < this.ends[i]!) return this.localDays[i];
    return this.localDays[i + 1];
  }

  /** Open minutes in [from, to): the denominator of utilisation. */
  openMinutesIn(from: number, to: number): number {
    return this.businessMinutesBetween(from, to);
  }
}

/** Local civil time -> epoch ms in one IANA zone, exact across DST, with zone offsets from a transition table. */
export class LocalClock {
  private readonly offsets: ZoneOffsets;

  constructor(timeZone: string) {
    this.offsets = ZoneOffsets.of(timeZone);
  }

  /** Epoch ms of minute `minuteOfDay` (0..1440) of the civil date whose UTC midnight is `civilUtcMidnight`. */
  toEpoch(civilUtcMidnight: number, minuteOfDay: number): number {
    const wall = civilUtcMidnight + minuteOfDay * 60_000;
    // Guess with the offset at the wall time, then correct once (the standard two-step for DST edges).
    const guess = wall - this.offsets.at(wall) * 60_000;
    return wall - this.offsets.at(guess) * 60_000;
  }

  /** Offset in minutes at an instant. */
  offsetAt(epochMs: number): number {
    return this.offsets.at(epochMs);
  }
}

const WEEK_MS = 7 * 86_400_000;
const QUARTER_HOUR_MS = 900_000;

/**
 * A zone's UTC offsets as a sorted table of transitions, found once by probing weekly and bisecting to the
 * quarter hour (zones change offset at most a few times a year, always on a quarter hour). Each lookup is
 * then a binary search instead of an Intl call, which dominated long-horizon set-up.
 */
export class ZoneOffsets {
  private static readonly cache = new Map<string, ZoneOffsets>();
  private readonly zone: IANAZone;
  private from = Infinity;
  private to = -Infinity;
  private changes = new Float64Array(0);
  private values = new Float64Array(0);

  private constructor(timeZone: string) {
    this.zone = IANAZone.create(timeZone);
  }

  static of(timeZone: string): ZoneOffsets {
    let offsets = ZoneOffsets.cache.get(timeZone);
    if (offsets === undefined) {
      offsets = new ZoneOffsets(timeZone);
      ZoneOffsets.cache.set(timeZone, offsets);
    }
    return offsets;
  }

  at(epochMs: number): number {
    if (epochMs < this.from || epochMs >= this.to) this.cover(epochMs);
    const changes = this.changes;
    let lo = 0;
    let hi = changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (changes[mid]! <= epochMs) lo = mid + 1;
      else hi = mid;
    }
    return this.values[lo - 1]!;
  }

  /** Extends the table to cover `epochMs` and a decade after it. */
  private cover(epochMs: number): void {
    // Probes stay on quarter-hour boundaries of the epoch, where transitions happen.
    const from = Math.floor(Math.min(this.from, epochMs - 366 * 86_400_000) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
    const to = Math.max(this.to, epochMs + 11 * 366 * 86_400_000);
    const changes = [from];
    const values = [this.zone.offset(from)];
    for (let t = from; t < to; t += WEEK_MS) {
      const next = Math.min(t + WEEK_MS, to);
      let lo = t;
      let hi = next;
      const before = this.zone.offset(lo);
      if (this.zone.offset(hi) === before) continue;
      while (hi - lo > QUARTER_HOUR_MS) {
        const mid = lo + Math.floor((hi - lo) / 2 / QUARTER_HOUR_MS) * QUARTER_HOUR_MS || lo + QUARTER_HOUR_MS;
        if (this.zone.offset(mid) === before) lo = mid;
        else hi = mid;
      }
      changes.push(hi);
      values.push(this.zone.offset(hi));
    }
    this.from = from;
    this.to = to;
    this.changes = Float64Array.from(changes);
    this.values = Float64Array.from(values);
  }
}

function mergeRanges(ranges: readonly [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [open, close] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && open <= last[1]) last[1] = Math.max(last[1], close);
    else merged.push([open, close]);
  }
  return merged;
}

/** Epoch milliseconds of local midnight on `date` in `timeZone`. */
export function originOf(date: string, timeZone: string): number {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toMillis();
}

/** Minutes since the origin of a local date-time ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM") in a zone. */
export function localToSimMinutes(local: string, timeZone: string, originMs: number): number {
  return (DateTime.fromISO(local.replace(' ', 'T'), { zone: timeZone }).toMillis() - originMs) / 60_000;
}

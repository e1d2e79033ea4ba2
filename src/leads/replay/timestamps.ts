import { DateTime, IANAZone } from 'luxon';
import { parseRange } from '../../engine/calendar.js';
import { hashUniform, mix32 } from '../../random/counter.js';
import { compileFormat, validFields, type FieldReader, type TimestampFields } from './fieldFormats.js';
import type { Mapping } from './mapping.js';

type ArrivalSpec = Mapping['arrival'];

/** Parses arrival timestamps with the mapping's formats and zone; assigns times of day to date-only exports. */
export class TimestampParser {
  private readonly formats: { format: string; fast: FieldReader | null }[];
  private readonly spread: { open: number; close: number; seed: number } | null;
  private readonly clock: ZoneClock;
  /**
   * Whether the last time parsed is one the zone's clocks skipped (02:30 on a spring-forward day): it was read as a
   * nearby time. Such times mean the export was probably written in another zone than the mapping's.
   */
  skipped = false;

  constructor(private readonly spec: ArrivalSpec) {
    this.formats = (Array.isArray(spec.format) ? spec.format : [spec.format]).map((format) => ({ format, fast: compileFormat(format) }));
    this.clock = new ZoneClock(spec.timeZone);
    if (spec.timeOfDay === 'keep') this.spread = null;
    else {
      const [open, close] = parseRange(spec.timeOfDay.spread);
      this.spread = { open, close, seed: spec.timeOfDay.seed };
    }
  }

  get expected(): string {
    return this.formats.map(({ format }) => (format === 'iso' ? 'ISO 8601 (2024-01-15T09:30)' : format === 'sql' ? 'SQL (2024-01-15 09:30:00)' : `"${format}"`)).join(' or ');
  }

  /** Epoch milliseconds, or NaN when no format reads the text. `key` seeds the spread time of day. */
  parse(text: string, key: string): number {
    const value = text.trim();
    this.skipped = false;
    if (value === '') return NaN;
    for (const { format, fast } of this.formats) {
      if (fast !== null) {
        const fields = fast(value);
        if (fields === null) continue;
        if (!validFields(fields)) return NaN;
        // With an offset and spread times, the local date depends on the zone: luxon works it out.
        if (fields.offsetMinutes === undefined || this.spread === null) return this.fromFields(fields, key);
      }
      const parsed = this.read(value, format);
      if (!parsed.isValid) continue;
      if (this.spread !== null) return this.spreadWithinDay(parsed, key);
      this.skipped = this.skippedByLuxon(value, format, parsed);
      return parsed.toMillis();
    }
    return NaN;
  }

  /**
   * The format that reads `text` when the date or time it gives does not exist (30 February, 24:10), else null;
   * `dayFirst`, that format with day and month swapped when the month is over 12 and the day could be a month.
   */
  impossibleIn(text: string): { format: string; dayFirst: string | null } | null {
    for (const { format, fast } of this.formats) {
      const fields = fast?.(text.trim()) ?? null;
      if (fields === null) continue;
      if (validFields(fields)) return null;
      const swapped = fields.month > 12 && fields.day <= 12 && /M/.test(format) && /d/.test(format);
      return { format, dayFirst: swapped ? format.replace(/M+|d+/g, (token) => (token[0] === 'M' ? 'd' : 'M').repeat(token.length)) : null };
    }
    return null;
  }

  private fromFields(fields: TimestampFields, key: string): number {
    const midnight = Date.UTC(fields.year, fields.month - 1, fields.day);
    if (this.spread !== null) return this.spreadOn(midnight, key);
    const minuteOfDay = fields.hour * 60 + fields.minute + fields.second / 60;
    if (fields.offsetMinutes === undefined) {
      const epoch = this.clock.toEpoch(midnight, minuteOfDay);
      this.skipped = !this.clock.shows(epoch, midnight, minuteOfDay);
      return epoch;
    }
    return midnight + (minuteOfDay - fields.offsetMinutes) * 60_000;
  }

  /** luxon moves a skipped time forward: the text read as UTC (its wall clock, unless it has an offset) differs. */
  private skippedByLuxon(value: string, format: string, parsed: DateTime): boolean {
    const wall = this.read(value, format, 'UTC').toMillis();
    // Equal instants: the text carries its own offset (or the zone is UTC's), so no local time was looked up.
    return wall !== parsed.toMillis() && parsed.toMillis() + parsed.offset * 60_000 !== wall;
  }

  private read(value: string, format: string, zone = this.spec.timeZone): DateTime {
    const options = { zone, locale: 'en-US' };
    if (format === 'iso') return DateTime.fromISO(value, options);
    if (format === 'sql') return DateTime.fromSQL(value, options);
    return DateTime.fromFormat(value, format, options);
  }

  /** The lead's local date with a time drawn uniformly inside the spread hours from a hash of its id. */
  private spreadWithinDay(parsed: DateTime, key: string): number {
    const local = parsed.setZone(this.spec.timeZone);
    return this.spreadOn(Date.UTC(local.year, local.month - 1, local.day), key);
  }

  /** Whole seconds inside [open, close) local time of the civil date whose UTC midnight is `civilMidnight`. */
  private spreadOn(civilMidnight: number, key: string): number {
    const { open, close, seed } = this.spread!;
    const second = Math.floor((open + hashUniform(seed, stringHash(key)) * (close - open)) * 60);
    return this.clock.toEpoch(civilMidnight, second / 60);
  }
}

/** FNV-1a over UTF-16 code units, finalised: a stable 32-bit key for a row id. */
export function stringHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return mix32(hash >>> 0);
}

const MS_PER_DAY = 86_400_000;

/** Local civil time -> epoch ms, with the zone offset cached per UTC day (Intl lookups dominate otherwise). */
export class ZoneClock {
  private readonly zone: IANAZone;
  /** Offset in minutes for a UTC day whose offset is constant, NaN for a day with a transition. */
  private readonly days = new Map<number, number>();

  constructor(timeZone: string) {
    this.zone = IANAZone.create(timeZone);
  }

  offset(epochMs: number): number {
    const day = Math.floor(epochMs / MS_PER_DAY);
    let offset = this.days.get(day);
    if (offset === undefined) {
      const first = this.zone.offset(day * MS_PER_DAY);
      offset = first === this.zone.offset((day + 1) * MS_PER_DAY - 1) ? first : NaN;
      this.days.set(day, offset);
    }
    return Number.isNaN(offset) ? this.zone.offset(epochMs) : offset;
  }

  /** Epoch ms of `minuteOfDay` on the civil date whose UTC midnight is `civilMidnight` (two-step for DST edges). */
  toEpoch(civilMidnight: number, minuteOfDay: number): number {
    const wall = civilMidnight + minuteOfDay * 60_000;
    const guess = wall - this.offset(wall) * 60_000;
    return wall - this.offset(guess) * 60_000;
  }

  /** Whether `epochMs` shows that local time (false: the clocks skipped it, so toEpoch gave a time beside it). */
  shows(epochMs: number, civilMidnight: number, minuteOfDay: number): boolean {
    // Within a second: the minute of day carries seconds as a fraction.
    return Math.abs(epochMs + this.offset(epochMs) * 60_000 - (civilMidnight + minuteOfDay * 60_000)) < 1000;
  }
}

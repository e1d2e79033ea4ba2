import { z } from 'zod';
import { DateTime, IANAZone } from 'luxon';
import { nearest } from '../../errors.js';

/** Finite, non-negative number (zod 4 already rejects Infinity and NaN). */
export const NonNegative = z.number().min(0);
export const Positive = z.number().positive();
export const Probability = z.number().min(0).max(1);

export const TimeZone = z.string().superRefine((zone, ctx) => {
  if (IANAZone.isValidZone(zone)) return;
  const close = nearest(zone, Intl.supportedValuesOf('timeZone'));
  // The suggestion goes in params.fix, which zodProblems turns into the problem's "Fix:".
  const fix = close.length > 0 ? `did you mean "${close[0]}"?` : 'use an IANA name such as "America/New_York", "Europe/London" or "UTC"';
  ctx.addIssue({ code: 'custom', message: `${JSON.stringify(zone)} is not an IANA time zone`, input: zone, params: { fix } });
});

/** A date as YYYY-MM-DD; one mistake is one problem, with the date rewritten where it can be read (07/06/2026). */
export const IsoDate = z.string().superRefine((text, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: 'expected a date as YYYY-MM-DD', input: text, params: { fix: isoDateFix(text) } });
    return;
  }
  if (!isCalendarDate(text)) ctx.addIssue({ code: 'custom', message: 'not a real calendar date', input: text, params: { fix: 'a month is 01-12, and a day exists in its month' } });
});

const isCalendarDate = (text: string): boolean => {
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
};

/** "07/06/2026" as both readings when the day could be the month, the one reading otherwise. */
function isoDateFix(text: string): string {
  const trimmed = text.trim();
  const iso = (year: string, month: number, day: number): string => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  // Year first (2026/07/06, 2026-7-6) has one reading; a month's name (July 6, 2026; 6 Jul 2026) too.
  const yearFirst = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(trimmed);
  const named = yearFirst === null ? namedMonthDate(trimmed) : iso(yearFirst[1]!, Number(yearFirst[2]), Number(yearFirst[3]));
  if (named !== null) return isCalendarDate(named) ? `write "${named}"` : `write a real date (${named} does not exist)`;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (match === null) return 'write e.g. "2026-01-05"';
  const [a, b, year] = [Number(match[1]), Number(match[2]), match[3]!];
  const monthFirst = isCalendarDate(iso(year, a, b)) ? iso(year, a, b) : null;
  const dayFirst = isCalendarDate(iso(year, b, a)) ? iso(year, b, a) : null;
  if (monthFirst !== null && dayFirst !== null && monthFirst !== dayFirst) return `write "${monthFirst}" (month first) or "${dayFirst}" (day first)`;
  const only = monthFirst ?? dayFirst;
  return only === null ? 'write e.g. "2026-01-05"' : `write "${only}"`;
}

/** "July 6, 2026", "6 Jul 2026", "Jul 6 2026" as YYYY-MM-DD (English month names), else null. */
function namedMonthDate(text: string): string | null {
  const formats = ['LLLL d, yyyy', 'LLLL d yyyy', 'd LLLL yyyy', 'LLL d, yyyy', 'LLL d yyyy', 'd LLL yyyy', 'LLL. d, yyyy'];
  const spaced = text.replace(/\s+/g, ' ');
  for (const format of formats) {
    const parsed = DateTime.fromFormat(spaced, format, { locale: 'en-US', zone: 'UTC' });
    if (parsed.isValid) return parsed.toISODate();
  }
  return null;
}

/** A local date-time YYYY-MM-DDTHH:MM (or a date); a day or hour that does not exist is refused, not dropped later. */
export const IsoLocalDateTime = z.string().superRefine((text, ctx) => {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (match === null) {
    ctx.addIssue({ code: 'custom', message: 'expected a local date-time as YYYY-MM-DDTHH:MM', input: text, params: { fix: 'write e.g. "2026-03-02T09:00"' } });
    return;
  }
  const [, date, hour, minute, second] = match;
  if (!isCalendarDate(date!) || Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59) {
    ctx.addIssue({ code: 'custom', message: 'not a real date and time', input: text, params: { fix: 'a month is 01-12, a day exists in its month, hours are 00-23 and minutes 00-59' } });
  }
});

/** A name usable as a key in output files and on the command line. */
export const Identifier = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _-]*$/, 'use letters, digits, space, "_" or "-" (starting with a letter or digit)');

/** Knots of a curve: [x, y] pairs with strictly increasing x, interpolated log-linearly in y. */
export const Knots = z
  .array(z.tuple([NonNegative, Positive]))
  .min(1)
  .refine((points) => points.every((p, i) => i === 0 || p[0] > points[i - 1]![0]), 'knot x values must increase strictly');

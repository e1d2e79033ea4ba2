import { z } from 'zod';
import { parseRange } from '../../engine/calendar.js';
import { IsoDate, TimeZone } from './primitives.js';

const DAY = '(mon|tue|wed|thu|fri|sat|sun)';
/** Keys of weekly hours: one day, a day range, or a shorthand. */
export const DayKey = z
  .string()
  .regex(new RegExp(`^(${DAY}(-${DAY})?|daily|weekdays|weekend)$`), 'expected a day key: mon..sun, a range such as "mon-fri", "daily", "weekdays" or "weekend"');

/** Opening hours "HH:MM-HH:MM"; one mistake is one problem, with the hours rewritten where they can be read (8am-5pm). */
export const TimeRange = z.string().superRefine((text, ctx) => {
  if (!/^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: 'expected opening hours as "HH:MM-HH:MM" (24-hour)', input: text, params: { fix: hoursFix(text) } });
    return;
  }
  const [open, close] = parseRange(text);
  if (!(open < close && close <= 1440)) ctx.addIssue({ code: 'custom', message: 'closing time must be after opening time and at most 24:00', input: text, params: { fix: close > 1440 ? 'close at 24:00 at the latest' : hoursFix(text) } });
});

/**
 * The fix for hours written another way: "8:00-17:00", "8am-5pm" and "9-5" (a bare closing hour before the opening one
 * is read as pm) as "HH:MM-HH:MM"; hours across midnight ("8pm-2am", "17:00-08:00") split onto two days' keys.
 */
function hoursFix(text: string): string {
  // A day's word for closed, or for open all day, rather than hours.
  if (/^\s*(closed|close|off|none|shut)\s*$/i.test(text)) return 'write "closed"';
  if (/^\s*(24\/7|24\s*h(ours)?|all[\s-]*day|open|always)\s*$/i.test(text)) return 'write "00:00-24:00" (open all day; hours: "24/7" is the whole week)';
  const sides = text.split(/\s*(?:-|\u2013|to)\s*/i);
  const times = sides.length === 2 ? sides.map((side) => readTime(side.trim())) : [];
  const [open, close] = times;
  if (open === undefined || close === undefined || open === null || close === null) return 'write e.g. "08:00-18:00"';
  let end = close.minutes;
  if (close.bare && end <= open.minutes && end + 720 > open.minutes && end + 720 <= 1440) end += 720;
  // A closing time of midnight is the end of the day.
  if (end === 0) end = 1440;
  const clock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  if (end > open.minutes) return `write "${clock(open.minutes)}-${clock(end)}"`;
  return `hours past midnight go on the next day\u2019s key: "${clock(open.minutes)}-24:00" here, "00:00-${clock(end)}" on the next day`;
}

/** "8", "8:30", "8am", "12pm" as minutes since midnight; `bare`: an hour 1-12 alone ("5"), which may mean pm. */
function readTime(text: string): { minutes: number; bare: boolean } | null {
  const match = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$/i.exec(text);
  if (match === null) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  const meridiem = match[3]?.toLowerCase() ?? null;
  if (meridiem !== null && (hour < 1 || hour > 12)) return null;
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  const bare = meridiem === null && /^([1-9]|1[0-2])$/.test(text);
  return hour <= 24 && minute < 60 && hour * 60 + minute <= 1440 ? { minutes: hour * 60 + minute, bare } : null;
}

export const DayHours = z.union([TimeRange, z.array(TimeRange).max(24), z.literal('closed')]);

export const Calendar = z.strictObject({
  /** Unset means the scenario's timeZone, like the built-in calendars, so a team is not silently put on UTC. */
  timeZone: TimeZone.optional(),
  /** "24/7", or local opening hours per day key; later keys override earlier ones. */
  hours: z.union([z.literal('24/7'), z.record(DayKey, DayHours)]).default({ 'mon-fri': '09:00-17:00' }),
  holidays: z.array(IsoDate).default([]),
});
export type Calendar = z.infer<typeof Calendar>;

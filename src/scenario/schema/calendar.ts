import { z } from 'zod';
import { IsoDate, TimeZone } from './primitives.js';

const DAY = '(mon|tue|wed|thu|fri|sat|sun)';
/** Keys of weekly hours: one day, a day range, or a shorthand. */
export const DayKey = z
  .string()
  .regex(new RegExp(`^(${DAY}(-${DAY})?|daily|weekdays|weekend)$`), 'expected a day key: mon..sun, a range such as "mon-fri", "daily", "weekdays" or "weekend"');

/** Opening hours "HH:MM-HH:MM"; one mistake is one problem, with the hours rewritten where they can be read (8am-5pm). */
export const TimeRange = z.string().superRefine((text, ctx) => {
  if (!/^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/.test(text)) {
    const written = rewriteHours(text);
    ctx.addIssue({ code: 'custom', message: 'expected opening hours as "HH:MM-HH:MM" (24-hour)', input: text, params: { fix: written === null ? 'write e.g. "08:00-18:00"' : `write "${written}"` } });
    return;
  }
  const [open, close] = text.split('-').map((part) => Number(part.slice(0, 2)) * 60 + Number(part.slice(3)));
  if (!(open! < close! && close! <= 1440)) ctx.addIssue({ code: 'custom', message: 'closing time must be after opening time and at most 24:00', input: text, params: { fix: 'hours past midnight go on the next day\u2019s key, e.g. "22:00-24:00" and "00:00-02:00"' } });
});

/** "8:00-17:00", "8am-5pm", "9-17" as "08:00-17:00"; null when a side does not read as a time of day. */
function rewriteHours(text: string): string | null {
  const sides = text.split(/\s*(?:-|\u2013|to)\s*/i);
  if (sides.length !== 2) return null;
  const times = sides.map((side) => {
    const match = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$/i.exec(side.trim());
    if (match === null) return null;
    let hour = Number(match[1]);
    const meridiem = match[3]?.toLowerCase();
    if (meridiem !== undefined && (hour < 1 || hour > 12)) return null;
    if (meridiem === 'pm' && hour < 12) hour += 12;
    if (meridiem === 'am' && hour === 12) hour = 0;
    const minute = Number(match[2] ?? 0);
    return hour <= 24 && minute < 60 ? `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` : null;
  });
  return times[0] === null || times[1] === null ? null : `${times[0]}-${times[1]}`;
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

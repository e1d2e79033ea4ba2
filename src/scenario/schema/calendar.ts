import { z } from 'zod';
import { IsoDate, TimeZone } from './primitives.js';

const DAY = '(mon|tue|wed|thu|fri|sat|sun)';
/** Keys of weekly hours: one day, a day range, or a shorthand. */
export const DayKey = z
  .string()
  .regex(new RegExp(`^(${DAY}(-${DAY})?|daily|weekdays|weekend)$`), 'expected a day key: mon..sun, a range such as "mon-fri", "daily", "weekdays" or "weekend"');

export const TimeRange = z
  .string()
  .regex(/^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'expected opening hours as "HH:MM-HH:MM", e.g. "08:00-18:00"')
  .refine((text) => {
    const [open, close] = text.split('-').map((part) => Number(part.slice(0, 2)) * 60 + Number(part.slice(3)));
    return open! < close! && close! <= 1440;
  }, 'closing time must be after opening time and at most 24:00');

export const DayHours = z.union([TimeRange, z.array(TimeRange).max(24), z.literal('closed')]);

export const Calendar = z.strictObject({
  /** Unset means the scenario's timeZone, like the built-in calendars, so a team is not silently put on UTC. */
  timeZone: TimeZone.optional(),
  /** "24/7", or local opening hours per day key; later keys override earlier ones. */
  hours: z.union([z.literal('24/7'), z.record(DayKey, DayHours)]).default({ 'mon-fri': '09:00-17:00' }),
  holidays: z.array(IsoDate).default([]),
});
export type Calendar = z.infer<typeof Calendar>;

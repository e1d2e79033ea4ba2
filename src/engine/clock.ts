import type { CadenceClock } from '../policies/types.js';
import type { OpenCalendar } from './calendar.js';

/** The SlaClock/CadenceClock given to policies: one reused adapter pointed at a calendar per call. */
export class CalendarClock implements CadenceClock {
  calendar!: OpenCalendar;
  openMinutesPerDay = 480;

  on(calendar: OpenCalendar, openMinutesPerDay: number): this {
    this.calendar = calendar;
    this.openMinutesPerDay = openMinutesPerDay;
    return this;
  }

  addBusinessMinutes(t: number, minutes: number): number {
    return this.calendar.addBusinessMinutes(t, minutes);
  }

  endOfBusinessDay(t: number): number {
    return this.calendar.endOfBusinessDay(t);
  }
}

/** Earliest time at or after t when both calendars are open (null means always open). */
export function nextJointOpen(a: OpenCalendar, b: OpenCalendar | null, t: number): number {
  let time = a.nextOpen(t);
  if (b === null) return time;
  for (let guard = 0; guard < 1000 && time !== Infinity; guard++) {
    const other = b.nextOpen(time);
    if (other === time) return time;
    time = a.nextOpen(other);
    if (b.isOpen(time)) return time;
  }
  return Infinity;
}

import { describe, expect, it } from 'vitest';
import { OpenCalendar, originOf, weeklyHours } from '../src/engine/calendar.js';
import { CalendarClock } from '../src/engine/clock.js';
import { SurgeTracker } from '../src/engine/surgeTracker.js';
import { spacedCadence } from '../src/policies/cadence.js';
import { targetSla } from '../src/policies/sla.js';
import type { LeadView } from '../src/policies/types.js';
import { Cadence, Sla, Tier } from '../src/scenario/schema/policy.js';

const origin = originOf('2026-01-05', 'UTC'); // a Monday
const office = OpenCalendar.expand({ timeZone: 'UTC', weekly: weeklyHours({ 'mon-fri': '09:00-17:00' }), originMs: origin, untilMinutes: 40 * 1440 });
const clock = new CalendarClock().on(office, 480);
const at = (day: number, hour: number, minute = 0) => day * 1440 + hour * 60 + minute;
const lead = { namedAccount: false } as LeadView;
const tier = (sla: unknown, cadence: object = { touches: 1 }) => Tier.parse({ name: 't', when: {}, role: 'sdr', sla, cadence });

describe('SLA policy (methodology SLA tiers)', () => {
  it('calendar clock: the target counts wall-clock minutes from the MQL', () => {
    const sla = targetSla(Sla.parse({ clock: 'calendar' }), undefined);
    expect(sla.deadline(lead, tier({ minutes: 5 }), at(0, 22), clock, false)).toBe(at(0, 22, 5));
  });

  it('business clock: only open hours count (a lead at 16:30 with a 1-hour target is due 09:30 next day)', () => {
    const sla = targetSla(Sla.parse({ clock: 'business' }), undefined);
    expect(sla.deadline(lead, tier({ minutes: 60 }), at(0, 16, 30), clock, false)).toBe(at(1, 9, 30));
    // Friday 16:00 + 4 business hours = Monday 12:00.
    expect(sla.deadline(lead, tier({ minutes: 240 }), at(4, 16), clock, false)).toBe(at(7, 12));
  });

  it('same business day: end of today if open, else end of the next business day', () => {
    const sla = targetSla(Sla.parse({}), undefined);
    expect(sla.deadline(lead, tier('same-business-day'), at(1, 10), clock, false)).toBe(at(1, 17));
    expect(sla.deadline(lead, tier('same-business-day'), at(1, 18), clock, false)).toBe(at(2, 17));
    expect(sla.deadline(lead, tier('same-business-day'), at(5, 12), clock, false)).toBe(at(7, 17)); // Saturday -> Monday
  });

  it('the surge protocol stretches targets by its factor while active', () => {
    const sla = targetSla(Sla.parse({ surge: { enabled: true, stretch: 2 } }), undefined);
    expect(sla.deadline(lead, tier({ minutes: 60 }), at(0, 10), clock, true)).toBe(at(0, 12));
    expect(sla.deadline(lead, tier({ minutes: 60 }), at(0, 10), clock, false)).toBe(at(0, 11));
    expect(sla.deadline(lead, tier('same-business-day'), at(1, 10), clock, true)).toBe(at(2, 17));
  });

  it('named-account leads get the tighter ABM target', () => {
    const sla = targetSla(Sla.parse({}), 15);
    expect(sla.deadline({ namedAccount: true } as LeadView, tier({ minutes: 60 }), at(0, 10), clock, false)).toBe(at(0, 10, 15));
  });
});

describe('surge trigger', () => {
  it('turns on when today exceeds k x the trailing average, and stays on through the next day', () => {
    const surge = new SurgeTracker(60, 2, 30, 7);
    for (let day = 0; day < 10; day++) for (let i = 0; i < 10; i++) expect(surge.recordMql(at(day, 12) + i)).toBe(false);
    // Day 10: the 21st MQL is the first above 2 x 10.
    let fired = -1;
    for (let i = 0; i < 25; i++) if (surge.recordMql(at(10, 9) + i) && fired < 0) fired = i;
    expect(fired).toBe(20);
    expect(surge.isActive(at(11, 23))).toBe(true);
    expect(surge.isActive(at(12, 0, 1))).toBe(false);
  });

  it('needs minHistoryDays of history before it can fire', () => {
    const surge = new SurgeTracker(60, 2, 30, 7);
    for (let i = 0; i < 50; i++) expect(surge.recordMql(at(0, 10) + i / 10)).toBe(false);
    for (let i = 0; i < 500; i++) expect(surge.recordMql(at(3, 10) + i / 100)).toBe(false);
  });
});

describe('cadence policy', () => {
  it('6 touches in 48 hours, front-loaded: 0, 1.9, 7.7, 17.3, 30.7, 48 h after the first', () => {
    const cadence = spacedCadence(Cadence.parse({}));
    const t = tier({ minutes: 5 }, { touches: 6, withinHours: 48 });
    const offsets = [2, 3, 4, 5, 6].map((n) => (cadence.nextTouchAt(lead, t, n, 0, clock) / 60).toFixed(1));
    expect(offsets).toEqual(['1.9', '7.7', '17.3', '30.7', '48.0']);
    expect(cadence.nextTouchAt(lead, t, 7, 0, clock)).toBe(-1);
  });

  it('even spacing, and business-day windows measured in the rep calendar', () => {
    const cadence = spacedCadence(Cadence.parse({ spacing: 'even' }));
    const t = tier({ minutes: 240 }, { touches: 3, withinBusinessDays: 2 });
    // Two business days of 8 h after Monday 10:00: touch 2 at Tuesday 10:00, touch 3 at Wednesday 10:00.
    expect(cadence.nextTouchAt(lead, t, 2, at(0, 10), clock)).toBe(at(1, 10));
    expect(cadence.nextTouchAt(lead, t, 3, at(0, 10), clock)).toBe(at(2, 10));
  });

  it('a one-touch cadence has no follow-ups', () => {
    expect(spacedCadence(Cadence.parse({})).nextTouchAt(lead, tier({ minutes: 1 }), 2, 0, clock)).toBe(-1);
  });
});

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { OpenCalendar, weeklyHours, originOf, localToSimMinutes, MINUTES_PER_DAY, MINUTES_PER_WEEK } from '../src/engine/calendar.js';
import { World } from '../src/engine/world.js';
import { queueWorld, scenarioOf } from './helpers/scenario.js';

// Behaviour: OpenCalendar maps local opening hours onto simulation minutes and answers open/closed,
// next-open and business-time questions correctly across nights, weekends, holidays and DST changes.

const ZONE = 'America/New_York';
const ORIGIN = originOf('2026-01-05', ZONE); // Monday, EST (UTC-5) for the whole of January
const FOUR_WEEKS = 4 * MINUTES_PER_WEEK;

/** Minutes since the origin of a day offset and local clock time (valid while no DST change intervenes). */
const at = (day: number, hh: number, mm = 0): number => day * MINUTES_PER_DAY + hh * 60 + mm;

const MON = 0;
const TUE = 1;
const WED = 2;
const FRI = 4;
const SAT = 5;
const NEXT_MON = 7;

function nineToFive(extra: { holidays?: string[]; skipDays?: Set<string>; untilMinutes?: number } = {}): OpenCalendar {
  return OpenCalendar.expand({
    timeZone: ZONE,
    weekly: weeklyHours({ 'mon-fri': '09:00-17:00' }),
    originMs: ORIGIN,
    untilMinutes: extra.untilMinutes ?? FOUR_WEEKS,
    ...(extra.holidays ? { holidays: extra.holidays } : {}),
    ...(extra.skipDays ? { skipDays: extra.skipDays } : {}),
  });
}

describe('originOf / localToSimMinutes', () => {
  it('origin is local midnight of the start date in the zone', () => {
    expect(new Date(ORIGIN).toISOString()).toBe('2026-01-05T05:00:00.000Z');
    expect(localToSimMinutes('2026-01-05T09:00', ZONE, ORIGIN)).toBe(540);
    expect(localToSimMinutes('2026-01-12', ZONE, ORIGIN)).toBe(MINUTES_PER_WEEK);
  });
});

describe('OpenCalendar: Mon-Fri 09:00-17:00 America/New_York from Monday 2026-01-05', () => {
  const cal = nineToFive();

  it('is open exactly during [09:00, 17:00) on weekdays', () => {
    expect(cal.isOpen(at(MON, 8, 59))).toBe(false);
    expect(cal.isOpen(at(MON, 9))).toBe(true);
    expect(cal.isOpen(at(MON, 16, 59.5))).toBe(true);
    expect(cal.isOpen(at(MON, 17))).toBe(false);
    expect(cal.isOpen(at(MON, 23))).toBe(false);
    expect(cal.isOpen(at(WED, 12))).toBe(true);
    expect(cal.isOpen(at(FRI, 16, 30))).toBe(true);
    expect(cal.isOpen(at(SAT, 12))).toBe(false);
    expect(cal.isOpen(at(SAT + 1, 12))).toBe(false);
    expect(cal.isOpen(-1)).toBe(false);
  });

  it('nextOpen returns t when open, else the next opening, skipping the weekend', () => {
    expect(cal.nextOpen(0)).toBe(at(MON, 9));
    expect(cal.nextOpen(at(MON, 10))).toBe(at(MON, 10));
    expect(cal.nextOpen(at(MON, 17))).toBe(at(TUE, 9));
    expect(cal.nextOpen(at(FRI, 17))).toBe(at(NEXT_MON, 9));
    expect(cal.nextOpen(at(SAT, 10))).toBe(at(NEXT_MON, 9));
    expect(cal.nextOpen(at(SAT + 1, 23, 59))).toBe(at(NEXT_MON, 9));
    expect(cal.nextOpen(FOUR_WEEKS + 10)).toBe(Infinity);
  });

  it('closesAt gives the end of the open interval containing t', () => {
    expect(cal.closesAt(at(MON, 9))).toBe(at(MON, 17));
    expect(cal.closesAt(at(FRI, 16, 59))).toBe(at(FRI, 17));
  });

  it('counts business minutes only inside opening hours', () => {
    expect(cal.businessMinutesBetween(at(MON, 9), at(MON, 17))).toBe(480);
    expect(cal.businessMinutesBetween(at(MON, 16, 40), at(TUE, 9, 20))).toBe(40); // overnight
    expect(cal.businessMinutesBetween(at(FRI, 16), at(NEXT_MON, 10))).toBe(120); // weekend
    expect(cal.businessMinutesBetween(at(SAT, 0), at(NEXT_MON, 0))).toBe(0);
    expect(cal.businessMinutesBetween(0, MINUTES_PER_WEEK)).toBe(5 * 480);
    expect(cal.businessMinutesBetween(0, FOUR_WEEKS)).toBe(20 * 480);
    expect(cal.businessMinutesBetween(at(MON, 12), at(MON, 10))).toBe(0); // reversed
    expect(cal.openMinutesBefore(at(TUE, 10))).toBe(480 + 60);
  });

  it('addBusinessMinutes skips nights and weekends and stops at a close rather than the next opening', () => {
    expect(cal.addBusinessMinutes(at(MON, 9), 60)).toBe(at(MON, 10));
    expect(cal.addBusinessMinutes(at(MON, 16), 60)).toBe(at(MON, 17)); // exactly at close: not Tue 09:00
    expect(cal.addBusinessMinutes(at(MON, 16), 90)).toBe(at(TUE, 9, 30));
    expect(cal.addBusinessMinutes(at(FRI, 16), 120)).toBe(at(NEXT_MON, 10));
    expect(cal.addBusinessMinutes(at(SAT, 10), 30)).toBe(at(NEXT_MON, 9, 30));
    expect(cal.addBusinessMinutes(at(MON, 9), 5 * 480)).toBe(at(FRI, 17));
    expect(cal.addBusinessMinutes(at(MON, 9), 30 * 480)).toBe(Infinity); // beyond the expanded horizon
  });

  it('endOfBusinessDay: same day inside hours or before opening, next business day after close', () => {
    expect(cal.endOfBusinessDay(at(MON, 10))).toBe(at(MON, 17));
    expect(cal.endOfBusinessDay(at(MON, 3))).toBe(at(MON, 17)); // before the first opening
    expect(cal.endOfBusinessDay(at(TUE, 8))).toBe(at(TUE, 17)); // before opening on a later day
    expect(cal.endOfBusinessDay(at(MON, 17))).toBe(at(TUE, 17)); // at close
    expect(cal.endOfBusinessDay(at(MON, 18))).toBe(at(TUE, 17));
    expect(cal.endOfBusinessDay(at(FRI, 19))).toBe(at(NEXT_MON, 17)); // Friday evening
    expect(cal.endOfBusinessDay(at(SAT, 12))).toBe(at(NEXT_MON, 17));
  });
});

describe('OpenCalendar: holidays and skipDays', () => {
  it('a holiday (Mon 2026-01-19) is closed all day and removes its hours from business time', () => {
    const cal = nineToFive({ holidays: ['2026-01-19'] });
    const holiday = 14;
    expect(cal.isOpen(at(holiday, 12))).toBe(false);
    expect(cal.nextOpen(at(holiday - 3, 17))).toBe(at(holiday + 1, 9)); // Fri close -> Tue
    expect(cal.businessMinutesBetween(at(holiday, 0), at(holiday + 7, 0))).toBe(4 * 480);
    expect(cal.businessMinutesBetween(at(holiday - 3, 16), at(holiday + 1, 10))).toBe(120);
    expect(cal.addBusinessMinutes(at(holiday - 3, 16), 120)).toBe(at(holiday + 1, 10));
    expect(cal.endOfBusinessDay(at(holiday - 3, 18))).toBe(at(holiday + 1, 17));
  });

  it('skipDays removes a day (Wed 2026-01-07) exactly like a holiday', () => {
    const cal = nineToFive({ skipDays: new Set(['2026-01-07']) });
    expect(cal.isOpen(at(WED, 12))).toBe(false);
    expect(cal.isOpen(at(WED + 7, 12))).toBe(true); // only that date
    expect(cal.nextOpen(at(TUE, 17))).toBe(at(WED + 1, 9));
    expect(cal.businessMinutesBetween(0, MINUTES_PER_WEEK)).toBe(4 * 480);
    expect(cal.localDayAt(at(TUE, 18))).toBe('2026-01-08');
  });
});

describe('OpenCalendar: split days', () => {
  const cal = OpenCalendar.expand({
    timeZone: ZONE,
    weekly: weeklyHours({ 'mon-fri': '09:00-17:00', mon: ['09:00-12:00', '13:00-17:00'] }),
    originMs: ORIGIN,
    untilMinutes: 2 * MINUTES_PER_WEEK,
  });

  it('the lunch gap is closed but still the same business day', () => {
    expect(cal.isOpen(at(MON, 11, 59))).toBe(true);
    expect(cal.isOpen(at(MON, 12, 30))).toBe(false);
    expect(cal.nextOpen(at(MON, 12, 30))).toBe(at(MON, 13));
    expect(cal.closesAt(at(MON, 10))).toBe(at(MON, 12));
    expect(cal.endOfBusinessDay(at(MON, 10))).toBe(at(MON, 17));
    expect(cal.endOfBusinessDay(at(MON, 12, 30))).toBe(at(MON, 17));
    expect(cal.localDayAt(at(MON, 12, 30))).toBe('2026-01-05');
  });

  it('business time excludes the gap', () => {
    expect(cal.businessMinutesBetween(at(MON, 9), at(MON, 17))).toBe(420);
    expect(cal.businessMinutesBetween(at(MON, 11), at(MON, 14))).toBe(120);
    expect(cal.addBusinessMinutes(at(MON, 11, 30), 60)).toBe(at(MON, 13, 30));
    expect(cal.addBusinessMinutes(at(MON, 11), 60)).toBe(at(MON, 12)); // reached exactly at the lunch close
    expect(cal.businessMinutesBetween(0, MINUTES_PER_WEEK)).toBe(420 + 4 * 480);
  });
});

describe('OpenCalendar: 24/7', () => {
  const cal = OpenCalendar.expand({ timeZone: ZONE, weekly: weeklyHours('24/7'), originMs: ORIGIN, untilMinutes: FOUR_WEEKS });

  it('is always open and business time is wall-clock time', () => {
    for (const t of [0, 1, at(SAT, 3), at(SAT + 1, 23, 59), at(NEXT_MON, 0)]) {
      expect(cal.isOpen(t)).toBe(true);
      expect(cal.nextOpen(t)).toBe(t);
    }
    expect(cal.businessMinutesBetween(at(FRI, 20), at(NEXT_MON, 8))).toBe(at(NEXT_MON, 8) - at(FRI, 20));
    expect(cal.addBusinessMinutes(at(FRI, 20), 600)).toBe(at(FRI, 20) + 600);
    expect(cal.endOfBusinessDay(at(TUE, 5))).toBe(at(TUE + 1, 0)); // a business day ends at local midnight
  });

  it('with a holiday (so not the always-open fast path) the holiday is the only closed time', () => {
    const withHoliday = OpenCalendar.expand({
      timeZone: ZONE,
      weekly: weeklyHours('24/7'),
      holidays: ['2026-01-07'],
      originMs: ORIGIN,
      untilMinutes: FOUR_WEEKS,
    });
    expect(withHoliday.isOpen(at(TUE, 23, 59))).toBe(true);
    expect(withHoliday.isOpen(at(WED, 12))).toBe(false);
    expect(withHoliday.nextOpen(at(WED, 12))).toBe(at(WED + 1, 0));
    expect(withHoliday.businessMinutesBetween(0, MINUTES_PER_WEEK)).toBe(6 * MINUTES_PER_DAY);
    expect(withHoliday.addBusinessMinutes(at(TUE, 23), 120)).toBe(at(WED + 1, 1));
  });
});

describe('OpenCalendar: DST (America/New_York springs forward Sun 2026-03-08, falls back Sun 2026-11-01)', () => {
  it('a daily 09:00-17:00 day on the spring-forward date is still 8 open hours, at the right absolute minutes', () => {
    const origin = originOf('2026-03-07', ZONE); // Saturday, EST
    const cal = OpenCalendar.expand({ timeZone: ZONE, weekly: weeklyHours({ daily: '09:00-17:00' }), originMs: origin, untilMinutes: 4 * MINUTES_PER_DAY });
    // Sunday midnight EST is minute 1440; 09:00 EDT is only 8 wall-clock hours (480 min) later.
    const open = 1440 + 480;
    expect(localToSimMinutes('2026-03-08T09:00', ZONE, origin)).toBe(open);
    expect(cal.nextOpen(1440)).toBe(open);
    expect(cal.closesAt(open)).toBe(open + 480);
    expect(cal.businessMinutesBetween(1440, 1440 + 23 * 60)).toBe(480);
    expect(cal.isOpen(open - 1)).toBe(false);
    // Monday is a normal day starting at local midnight = 1440 + 23 h.
    expect(cal.nextOpen(open + 480)).toBe(1440 + 23 * 60 + 540);
  });

  it('Mon-Fri calendar spanning spring-forward: the next Monday opens one wall-clock hour earlier in sim minutes', () => {
    const origin = originOf('2026-03-02', ZONE); // Monday, EST
    const cal = OpenCalendar.expand({ timeZone: ZONE, weekly: weeklyHours({ 'mon-fri': '09:00-17:00' }), originMs: origin, untilMinutes: 3 * MINUTES_PER_WEEK });
    const monday = MINUTES_PER_WEEK - 60 + 540;
    expect(localToSimMinutes('2026-03-09T09:00', ZONE, origin)).toBe(monday);
    expect(cal.nextOpen(at(FRI, 17))).toBe(monday);
    expect(cal.isOpen(monday - 1)).toBe(false);
    expect(cal.isOpen(monday)).toBe(true);
    expect(cal.closesAt(monday)).toBe(monday + 480);
    expect(cal.businessMinutesBetween(at(FRI, 16), monday + 60)).toBe(120);
    expect(cal.businessMinutesBetween(MINUTES_PER_WEEK - 60, 2 * MINUTES_PER_WEEK - 60)).toBe(2400);
    expect(cal.endOfBusinessDay(at(FRI, 18))).toBe(monday + 480);
  });

  it('Mon-Fri calendar spanning fall-back: the next Monday opens one wall-clock hour later in sim minutes', () => {
    const origin = originOf('2026-10-26', ZONE); // Monday, EDT
    const cal = OpenCalendar.expand({ timeZone: ZONE, weekly: weeklyHours({ 'mon-fri': '09:00-17:00' }), originMs: origin, untilMinutes: 3 * MINUTES_PER_WEEK });
    const monday = MINUTES_PER_WEEK + 60 + 540;
    expect(localToSimMinutes('2026-11-02T09:00', ZONE, origin)).toBe(monday);
    expect(cal.nextOpen(at(SAT, 0))).toBe(monday);
    expect(cal.businessMinutesBetween(0, MINUTES_PER_WEEK + 60)).toBe(2400);
  });

  it('24/7 calendar: the spring-forward day is 23 h and the fall-back day 25 h long', () => {
    const spring = OpenCalendar.expand({ timeZone: ZONE, weekly: weeklyHours('24/7'), originMs: originOf('2026-03-07', ZONE), untilMinutes: 4 * MINUTES_PER_DAY });
    expect(spring.endOfBusinessDay(1500)).toBe(1440 + 23 * 60);
    const fall = OpenCalendar.expand({ timeZone: ZONE, weekly: weeklyHours('24/7'), originMs: originOf('2026-10-31', ZONE), untilMinutes: 4 * MINUTES_PER_DAY });
    expect(fall.endOfBusinessDay(1500)).toBe(1440 + 25 * 60);
    // Same with a holiday elsewhere so the interval path (not the always-open fast path) answers.
    const springSlow = OpenCalendar.expand({
      timeZone: ZONE,
      weekly: weeklyHours('24/7'),
      holidays: ['2026-03-09'],
      originMs: originOf('2026-03-07', ZONE),
      untilMinutes: 4 * MINUTES_PER_DAY,
    });
    // Sat 24 h + Sun 23 h + Mon holiday 0 h + Tue 24 h + first hour of Wed (minute 5700 to 5760).
    expect(springSlow.businessMinutesBetween(0, 4 * MINUTES_PER_DAY)).toBe(1440 + 1380 + 0 + 1440 + 60);
    expect(springSlow.nextOpen(1440 + 23 * 60 + 5)).toBe(1440 + 23 * 60 + MINUTES_PER_DAY);
  });
});

describe('addBusinessMinutes is the inverse of businessMinutesBetween (property)', () => {
  const calendars: [string, OpenCalendar][] = [
    ['mon-fri with a holiday', nineToFive({ holidays: ['2026-01-19'], untilMinutes: 6 * MINUTES_PER_WEEK })],
    [
      'split days with a skipped day',
      OpenCalendar.expand({
        timeZone: ZONE,
        weekly: weeklyHours({ 'mon-fri': ['08:30-12:00', '13:00-17:45'], sat: '10:00-14:00' }),
        skipDays: new Set(['2026-01-14']),
        originMs: ORIGIN,
        untilMinutes: 6 * MINUTES_PER_WEEK,
      }),
    ],
  ];
  const horizon = 3 * MINUTES_PER_WEEK;

  for (const [name, cal] of calendars) {
    it(`${name}: businessMinutesBetween(t, addBusinessMinutes(t, m)) = m, and the target is not reached earlier`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: horizon }), fc.integer({ min: 0, max: 4000 }), (t, m) => {
          const u = cal.addBusinessMinutes(t, m);
          expect(Number.isFinite(u)).toBe(true);
          expect(cal.businessMinutesBetween(t, u)).toBe(m);
          if (m > 0) {
            expect(u).toBeGreaterThan(t);
            // The half-minute before u was open, otherwise m would have been reached earlier.
            expect(cal.businessMinutesBetween(u - 0.5, u)).toBe(0.5);
          }
        }),
        { numRuns: 2000, seed: 102 },
      );
    });

    it(`${name}: fractional t and m round-trip within floating-point error`, () => {
      fc.assert(
        fc.property(
          fc.double({ min: 0, max: horizon, noNaN: true }),
          fc.double({ min: 0, max: 4000, noNaN: true }),
          (t, m) => {
            const u = cal.addBusinessMinutes(t, m);
            expect(Math.abs(cal.businessMinutesBetween(t, u) - m)).toBeLessThan(1e-9);
          },
        ),
        { numRuns: 2000, seed: 103 },
      );
    });

    it(`${name}: addBusinessMinutes(t, businessMinutesBetween(t, u)) lands on u whenever the minute before u was open`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: horizon }), fc.integer({ min: 0, max: horizon }), (a, b) => {
          const [t, u] = a <= b ? [a, b] : [b, a];
          const m = cal.businessMinutesBetween(t, u);
          const back = cal.addBusinessMinutes(t, m);
          expect(cal.businessMinutesBetween(t, back)).toBe(m);
          if (m > 0) {
            expect(back).toBeLessThanOrEqual(u);
            if (cal.isOpen(u - 0.5)) expect(back).toBe(u);
          }
        }),
        { numRuns: 2000, seed: 104 },
      );
    });
  }
});

describe('a scenario calendar without a timeZone', () => {
  it("takes the scenario's time zone, as the built-in calendars do, not UTC", () => {
    const raw = queueWorld({ timeZone: ZONE, calendars: { office: { hours: { 'mon-fri': '09:00-17:00' } } } });
    const world = new World(scenarioOf(raw).scenario);
    const office = world.calendars.get('office')!;
    // Monday 09:00 in New York is 14:00 UTC: open at 09:00 local, closed at 08:59 and at 17:00 local.
    expect(office.isOpen(at(MON, 9))).toBe(true);
    expect(office.isOpen(at(MON, 8, 59))).toBe(false);
    expect(office.isOpen(at(MON, 17))).toBe(false);
    expect(office.nextOpen(at(MON, 4))).toBe(at(MON, 9));
    expect(world.calendars.get('business')!.nextOpen(at(MON, 4))).toBe(at(MON, 9));
  });
});

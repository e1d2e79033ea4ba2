import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RepRoster } from '../src/engine/roster.js';
import { World } from '../src/engine/world.js';
import { ReplicationStreams } from '../src/random/streams.js';
import { queueWorld, scenarioOf } from './helpers/scenario.js';

// Routing asks each pod's calendar once and derives every rep's next opening from it (a large team used to cost a
// calendar search per rep per lead); this holds that shortcut to the rep's own calendar at any moment.
const loaded = scenarioOf(
  queueWorld({
    timeZone: 'America/New_York',
    horizonWeeks: 6,
    calendars: {
      split: { timeZone: 'America/New_York', hours: { 'mon-fri': ['08:00-12:00', '13:00-18:00'], sat: '10:00-14:00' }, holidays: ['2026-01-19'] },
      emea: { timeZone: 'Europe/London', hours: { 'mon-fri': '08:00-18:00' } },
    },
    team: {
      'sdr-split': { role: 'sdr', count: 6, calendar: 'split', absenceRate: 0.3, workMinutes: { dist: 'fixed', value: 5 } },
      'sdr-always': { role: 'sdr', count: 4, calendar: 'always', absenceRate: 0.25, workMinutes: { dist: 'fixed', value: 5 } },
      'ae-emea': { role: 'ae', count: 3, calendar: 'emea', absenceRate: 0.4, workMinutes: { dist: 'fixed', value: 5 } },
      'ae-none-out': { role: 'ae', count: 2, calendar: 'emea', absenceRate: 0, workMinutes: { dist: 'fixed', value: 5 } },
    },
  }),
);
const world = new World(loaded.scenario);
const streams = new ReplicationStreams(loaded.scenario.seed, 3);
const roster = new RepRoster(loaded.scenario, world, (pod, rep) => streams.stream('reps', `absence/${pod}/${rep}`));

function expectSameAsOwnCalendar(t: number): void {
  roster.askPodsFrom(t);
  // + 0 turns -0 into 0: at t = -0 an always-open pod answers 0 and a rep's own calendar -0, which routing compares as equal.
  for (let rep = 0; rep < roster.count; rep++) expect([rep, t, roster.nextOpenFromPods(rep, t) + 0]).toEqual([rep, t, roster.calendar[rep]!.nextOpen(t) + 0]);
}

describe('a rep opening derived from its pod calendar', () => {
  it('has reps with days out in every pod that allows them, so the shortcut is exercised', () => {
    const withDaysOut = roster.daysOut.map((out) => out !== null && out.includes(1));
    expect(withDaysOut.slice(0, 13).filter(Boolean).length).toBeGreaterThanOrEqual(10);
    expect(withDaysOut.slice(13)).toEqual([false, false]);
  });

  it('equals the rep calendar at every interval edge and just either side of it', () => {
    for (const calendar of roster.podCalendars) {
      for (let i = 0; i < calendar.size; i++) {
        for (const edge of [calendar.starts[i]!, calendar.ends[i]!]) for (const t of [edge - 1e-6, edge, edge + 1e-6]) expectSameAsOwnCalendar(t);
      }
    }
  });

  it('equals the rep calendar at arbitrary moments, before the start and after the last interval included', () => {
    const end = world.runEnd + 2000;
    fc.assert(
      fc.property(fc.double({ min: -100, max: end, noNaN: true }), (t) => expectSameAsOwnCalendar(t)),
      { seed: 20261123, numRuns: 2000 },
    );
  });
});

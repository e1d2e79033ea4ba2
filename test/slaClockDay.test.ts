import { describe, expect, it } from 'vitest';
import { runReplication } from '../src/experiment/runReplication.js';
import { queueWorld, scenarioOf } from './helpers/scenario.js';

// Behaviour: the SLA clock a policy gets for a lead keeps one calendar: when no rep of the role serves the lead's
// zone, the clock falls back to another rep's calendar, and its day length comes from that same calendar.

interface SlaCall {
  timeZone: string;
  openMinutesPerDay: number;
}

describe('the SLA clock for a zone no rep serves', () => {
  it("has the fallback calendar's day length (10 open hours), not a fixed 8", async () => {
    const loaded = scenarioOf(
      queueWorld({
        calendars: { long: { timeZone: 'UTC', hours: { mon: ['08:00-18:00'], tue: ['08:00-18:00'], wed: ['08:00-18:00'], thu: ['08:00-18:00'], fri: ['08:00-18:00'] } } },
        sources: { inbound: { weeklyVolume: 400, profile: 'flat', prospectTimeZones: { UTC: 1, 'Asia/Tokyo': 1 } } },
        team: {
          sdr: { count: 2, calendar: 'long', absenceRate: 0, serves: ['UTC'], workMinutes: { dist: 'fixed', value: 5 } },
          ae: { count: 1, calendar: 'long', absenceRate: 0, workMinutes: { dist: 'fixed', value: 5 } },
        },
        policies: { main: { scoring: { threshold: 0, minIntent: 0 }, sla: { module: 'policies/recording-sla.mjs' } } },
      }),
    );
    const holder = globalThis as { __slaCalls?: SlaCall[] };
    holder.__slaCalls = [];
    await runReplication(loaded, 'main', 0);
    const byZone = (zone: string): number[] => [...new Set(holder.__slaCalls!.filter((call) => call.timeZone === zone).map((call) => call.openMinutesPerDay))];
    expect(byZone('UTC')).toEqual([600]);
    expect(byZone('Asia/Tokyo')).toEqual([600]);
  });
});

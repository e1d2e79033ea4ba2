import { describe, expect, it } from 'vitest';
import { queueWorld, scenarioOf, traced } from './helpers/scenario.js';

// Behaviour: a lead re-routed when enrichment lands keeps the surge state of the moment it became an MQL. A surge
// that trips later the same day must not stretch its SLA (the protocol applies to MQLs created while it is on).

const ENRICHMENT = 240;

interface SlaCall {
  lead: number;
  episode: number;
  assignedAt: number;
  surgeActive: boolean;
}

describe('surge protocol and re-routing on enrichment', () => {
  it("the re-routed lead's SLA uses the surge state at its MQL, not at the re-route", async () => {
    const loaded = scenarioOf(
      queueWorld({
        horizonWeeks: 2,
        // Four quiet days, then a day at 6x: the protocol trips partway through that day.
        sources: { inbound: { weeklyVolume: 1500, profile: 'flat', surges: [{ start: '2026-01-09T00:00', hours: 24, multiplier: 6 }] } },
        // Slow reps, so leads are still untouched when enrichment lands.
        team: {
          sdr: { count: 2, calendar: 'always', absenceRate: 0, workMinutes: { dist: 'fixed', value: 20 } },
          ae: { count: 1, calendar: 'always', absenceRate: 0, workMinutes: { dist: 'fixed', value: 20 } },
        },
        policies: {
          main: {
            // Routed at once with no fit known; enrichment 4 h later reveals ICP accounts, which move to the hot tier.
            scoring: { enrichment: { delayMinutes: ENRICHMENT, provisional: true, formSignals: [] } },
            sla: { module: 'policies/recording-sla.mjs', surge: { enabled: true, factor: 2, minHistoryDays: 3 } },
          },
        },
      }),
    );
    const holder = globalThis as { __slaCalls?: SlaCall[] };
    holder.__slaCalls = [];
    await traced(loaded, 'main');
    const calls = holder.__slaCalls;
    const byEpisode = new Map<string, SlaCall[]>();
    for (const call of calls) {
      const key = `${call.lead}/${call.episode}`;
      byEpisode.set(key, [...(byEpisode.get(key) ?? []), call]);
    }
    const rerouted = [...byEpisode.values()].filter((list) => list.length > 1);
    // The situation the test is about does happen: an MQL from before the protocol tripped, re-routed (at its
    // enrichment, ENRICHMENT minutes after the MQL) once it was on.
    const firstOn = Math.min(...calls.filter((c) => c.surgeActive).map((c) => c.assignedAt));
    expect(rerouted.some((list) => list[0]!.assignedAt < firstOn && list[0]!.assignedAt + ENRICHMENT > firstOn)).toBe(true);
    for (const list of rerouted) for (const call of list) expect(call.surgeActive).toBe(list[0]!.surgeActive);
  });
});

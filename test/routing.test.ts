import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../src/engine/simulation.js';
import { queueWorld, scenarioOf, traced } from './helpers/scenario.js';

const everyoneMql = { threshold: 0, minIntent: 0, handRaise: 'none', enrichment: { delayMinutes: 0 } };
const tier = (name: string, role: string, extra: object = {}) => ({ name, when: {}, role, sla: { minutes: 5 }, cadence: { touches: 1 }, ...extra });
const byType = <T extends TraceEvent['type']>(events: TraceEvent[], type: T) => events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);

describe('routing policy', () => {
  it('a Hot lead whose AE does not accept within 2 minutes goes to the next AE, who works it', async () => {
    const loaded = scenarioOf(
      queueWorld({
        sources: { inbound: { weeklyVolume: 200, profile: 'flat' } },
        team: {
          // Rep 0 never clicks accept in time; rep 1 accepts in 30 seconds.
          'ae-slow': { role: 'ae', count: 1, calendar: 'always', absenceRate: 0, acceptMinutes: { dist: 'fixed', value: 3 } },
          'ae-fast': { role: 'ae', count: 1, calendar: 'always', absenceRate: 0, acceptMinutes: { dist: 'fixed', value: 0.5 } },
        },
        policies: { main: { scoring: everyoneMql, routing: { tiers: [tier('hot', 'ae')], acceptTimeoutMinutes: 2 } } },
      }),
    );
    const { events } = await traced(loaded, 'main');
    const timeouts = byType(events, 'accept-timeout');
    expect(timeouts.length).toBeGreaterThan(50);
    for (const timeout of timeouts.slice(0, 100)) {
      expect(timeout.rep).toBe(0);
      const assigns = byType(events, 'assign').filter((e) => e.lead === timeout.lead);
      const first = assigns.find((e) => e.rep === 0)!;
      expect(timeout.time - first.time).toBeCloseTo(2, 9); // exactly at the 2-minute timeout
      const next = assigns.find((e) => e.time === timeout.time)!;
      expect(next.rep).toBe(1);
      const touches = byType(events, 'touch').filter((e) => e.lead === timeout.lead);
      expect(touches[0]!.rep).toBe(1);
      expect(touches[0]!.time).toBeGreaterThanOrEqual(timeout.time + 0.5);
    }
    // The fast AE is never timed out.
    expect(timeouts.every((t) => t.rep === 0)).toBe(true);
  });

  it('tiers are ordered rules: the first matching tier takes the lead; unmatched MQLs go to nurture', async () => {
    const loaded = scenarioOf(
      queueWorld({
        policies: {
          main: {
            scoring: everyoneMql,
            routing: {
              tiers: [
                { name: 'big', when: { minAcv: 50_000 }, role: 'ae', sla: { minutes: 5 }, cadence: { touches: 1 } },
                { name: 'forms', when: { forms: ['demo', 'pricing'] }, role: 'sdr', sla: { minutes: 60 }, cadence: { touches: 1 } },
              ],
            },
          },
        },
      }),
    );
    const { result } = await traced(loaded, 'main');
    const big = result.tiers.find((t) => t.name === 'big')!;
    const forms = result.tiers.find((t) => t.name === 'forms')!;
    expect(big.assigned).toBeGreaterThan(0);
    expect(forms.assigned).toBeGreaterThan(0);
    expect(result.counts.unrouted).toBeGreaterThan(0);
    expect(big.assigned + forms.assigned + result.counts.unrouted + result.counts.abmSuppressed).toBe(result.counts.mqls);
  });

  it('weighted round robin splits assignments in proportion to pod weights', async () => {
    const loaded = scenarioOf(
      queueWorld({
        team: {
          // Instant accepts: no accept timeouts to disturb the rotation.
          heavy: { role: 'sdr', count: 1, calendar: 'always', absenceRate: 0, weight: 3, acceptMinutes: { dist: 'fixed', value: 0.1 } },
          light: { role: 'sdr', count: 1, calendar: 'always', absenceRate: 0, weight: 1, acceptMinutes: { dist: 'fixed', value: 0.1 } },
        },
        policies: { main: { scoring: everyoneMql, routing: { distribution: 'weighted', tiers: [tier('all', 'sdr')], namedAccounts: { enabled: false } } } },
      }),
    );
    const assigns = byType((await traced(loaded, 'main')).events, 'assign');
    const heavy = assigns.filter((e) => e.rep === 0).length;
    // Smooth weighted round robin is deterministic: exactly 3 of every 4.
    expect(Math.abs(heavy - 0.75 * assigns.length)).toBeLessThanOrEqual(1);
  });

  it('round robin rotates through the reps of the role', async () => {
    const loaded = scenarioOf(queueWorld({ policies: { main: { scoring: everyoneMql, routing: { tiers: [tier('all', 'sdr')] } } } }));
    const assigns = byType((await traced(loaded, 'main')).events, 'assign').slice(0, 30);
    const reps = assigns.map((e) => e.rep);
    for (let i = 3; i < reps.length; i++) if (reps[i - 3] === reps[i - 2]) throw new Error('no rotation');
    expect(new Set(reps.slice(0, 3)).size).toBe(3);
  });

  it('never touches a lead outside the rep calendar or the prospect calling window (next-open off-hours)', async () => {
    const loaded = scenarioOf(
      queueWorld({
        calendars: { office: { timeZone: 'UTC', hours: { 'mon-fri': '09:00-17:00' } } },
        team: { sdr: { count: 2, calendar: 'office', absenceRate: 0 } },
        prospect: { hours: '10:00-16:00', days: 'weekdays' },
        policies: { main: { scoring: everyoneMql, routing: { tiers: [{ name: 'all', when: {}, role: 'sdr', sla: { minutes: 60 }, cadence: { touches: 3, withinHours: 30 } }] } } },
      }),
    );
    const touches = byType((await traced(loaded, 'main')).events, 'touch');
    expect(touches.length).toBeGreaterThan(200);
    for (const touch of touches) {
      const date = new Date(Date.UTC(2026, 0, 5) + touch.time * 60_000);
      const day = date.getUTCDay();
      const minute = date.getUTCHours() * 60 + date.getUTCMinutes() + date.getUTCSeconds() / 60;
      expect(day >= 1 && day <= 5).toBe(true);
      expect(minute).toBeGreaterThanOrEqual(10 * 60 - 1e-6);
      expect(minute).toBeLessThan(17 * 60);
    }
  });

  it('follow-the-sun hands off-hours leads to an open region; next-open waits for the home team', async () => {
    const world = (offHours: string) =>
      scenarioOf(
        queueWorld({
          calendars: {
            east: { timeZone: 'UTC', hours: { daily: '00:00-12:00' } },
            west: { timeZone: 'UTC', hours: { daily: '12:00-24:00' } },
          },
          sources: { inbound: { weeklyVolume: 300, profile: 'flat', prospectTimeZones: { 'Europe/London': 1 } } },
          team: {
            'sdr-east': { role: 'sdr', count: 2, calendar: 'east', absenceRate: 0, serves: ['Europe/London'] },
            'sdr-west': { role: 'sdr', count: 2, calendar: 'west', absenceRate: 0, serves: ['Asia/Tokyo'] },
          },
          policies: { main: { scoring: everyoneMql, routing: { offHours, tiers: [tier('all', 'sdr')] } } },
        }),
      );
    const sun = byType((await traced(world('follow-the-sun'), 'main')).events, 'assign');
    const home = byType((await traced(world('next-open'), 'main')).events, 'assign');
    expect(home.every((e) => e.rep < 2)).toBe(true);
    // Flat arrivals and an east team closed half of every day: each assignment goes west with probability 1/2.
    const westShare = sun.filter((e) => e.rep >= 2).length / sun.length;
    expect(Math.abs(westShare - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / sun.length));
  });

  it('an SDR who reaches an ICP lead over the ACV threshold may escalate it Warm -> Hot to an AE', async () => {
    const loaded = scenarioOf(
      queueWorld({
        sources: { inbound: { weeklyVolume: 300, profile: 'flat', fit: { employeeBand: 1, industry: 1, revenueBand: 1 }, acv: { dist: 'fixed', value: 80_000 } } },
        prospect: { hours: 'any', reach: { baseOdds: 1000 } },
        policies: { main: { scoring: everyoneMql, routing: { tiers: [tier('warm', 'sdr')], namedAccounts: { enabled: false }, escalation: { warmToHotProbability: 1, fromTiers: ['warm'] } } } },
      }),
    );
    const { events, result } = await traced(loaded, 'main');
    expect(result.counts.warmToHot).toBeGreaterThan(0);
    const escalated = byType(events, 'assign').filter((e) => e.role === 'ae');
    expect(escalated.length).toBeGreaterThan(0);
    for (const e of escalated.slice(0, 50)) {
      const sdrTouch = byType(events, 'touch').find((t) => t.lead === e.lead)!;
      expect(sdrTouch.rep).toBeLessThan(3); // SDRs are reps 0-2, AEs 3-5
      expect(e.time).toBeGreaterThan(sdrTouch.time);
    }
  });
});

describe('named accounts and ABM (methodology edge case 2)', () => {
  const abm = (namedAccounts: object, extraSource: object = {}) =>
    scenarioOf(
      queueWorld({
        sources: { inbound: { weeklyVolume: 600, profile: 'flat', namedAccountShare: 0.5, activeOutboundShare: 0.2, ...extraSource } },
        policies: { main: { scoring: everyoneMql, routing: { tiers: [tier('warm', 'sdr')], namedAccounts, escalation: { warmToHotProbability: 0 } } } },
      }),
    );

  it('named-account leads bypass round robin to an AE owner; active-outbound accounts are suppressed', async () => {
    const { events, result } = await traced(abm({ enabled: true, matchRate: 1, suppressActiveOutbound: true }), 'main');
    const c = result.counts;
    expect(c.abmLeads).toBeGreaterThan(500);
    // Suppressed share ~ activeOutboundShare; binomial 5-sigma band.
    const share = c.abmSuppressed / c.abmLeads;
    expect(Math.abs(share - 0.2)).toBeLessThan(5 * Math.sqrt((0.2 * 0.8) / c.abmLeads));
    expect(c.abmLeaked).toBe(0);
    const aeAssigns = byType(events, 'assign').filter((e) => e.role === 'ae').length;
    expect(aeAssigns).toBeGreaterThanOrEqual(c.abmLeads - c.abmSuppressed - 5);
  });

  it('a leaky account matcher sends (1 - matchRate) of named leads to round robin: ABM leakage', async () => {
    const { result } = await traced(abm({ enabled: true, matchRate: 0.8, suppressActiveOutbound: false }), 'main');
    const c = result.counts;
    const leak = c.abmLeaked / c.abmLeads;
    expect(Math.abs(leak - 0.2)).toBeLessThan(5 * Math.sqrt((0.2 * 0.8) / c.abmLeads));
  });

  it('without ABM routing named accounts go through the tiers like everyone else', async () => {
    const { events } = await traced(abm({ enabled: false }), 'main');
    expect(byType(events, 'assign').every((e) => e.role === 'sdr')).toBe(true);
  });
});

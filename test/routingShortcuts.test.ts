import { describe, expect, it } from 'vitest';
import { HandoffSimulation, type TraceEvent } from '../src/engine/simulation.js';
import { policySetOf, worldOf } from '../src/experiment/runReplication.js';
import { loadScenarioFile, type LoadedScenario } from '../src/scenario/load.js';
import { queueWorld, ROOT, scenarioOf } from './helpers/scenario.js';

// Round-robin routing stops at the first candidate from the pointer and pooled dispatch passes over reps that are
// waiting to wake up, instead of scanning every rep each time. Both must choose exactly what the full scans choose:
// the same reps, in the same order, so the same results.
async function bothWays(loaded: LoadedScenario, policy: string, replication: number): Promise<{ shortcut: unknown; full: unknown }> {
  const [shortcut, full] = await Promise.all(
    [false, true].map(async (fullScans) => {
      const events: TraceEvent[] = [];
      const simulation = new HandoffSimulation({
        scenario: loaded.scenario,
        world: worldOf(loaded),
        policies: await policySetOf(loaded, policy),
        policyConfig: loaded.scenario.policies[policy]!,
        replication,
        trace: (event) => {
          if (event.type === 'assign' || event.type === 'touch') events.push(event);
        },
        fullScans,
      });
      const result = simulation.run();
      expect(events.length).toBeGreaterThan(100);
      return { result, events };
    }),
  );
  return { shortcut, full };
}

function shortened(file: string, weeks: number): LoadedScenario {
  const loaded = loadScenarioFile(`${ROOT}${file}`);
  return { ...loaded, scenario: { ...loaded.scenario, horizonWeeks: weeks }, hash: `${loaded.hash}-shortcuts-${weeks}` };
}

/** Every policy of the scenario routing with `distribution`. */
function distributed(loaded: LoadedScenario, distribution: 'least-loaded'): LoadedScenario {
  const policies = Object.fromEntries(Object.entries(loaded.scenario.policies).map(([name, policy]) => [name, { ...policy, routing: { ...policy.routing, distribution } }]));
  return { ...loaded, scenario: { ...loaded.scenario, policies }, hash: `${loaded.hash}-${distribution}` };
}

// Many reps in pods with their own calendars and territories, small capacities, frequent days out, breached leads
// reassigned away from their rep and Warm -> Hot escalations, so every branch of the routing scan is taken.
const crowded = (queue: 'per-rep' | 'pooled'): LoadedScenario =>
  scenarioOf(
    queueWorld({
      timeZone: 'America/New_York',
      horizonWeeks: 3,
      calendars: {
        east: { timeZone: 'America/New_York', hours: { 'mon-fri': ['08:00-12:00', '13:00-18:00'] } },
        west: { timeZone: 'America/Los_Angeles', hours: { 'mon-fri': '09:00-17:00' } },
      },
      sources: { inbound: { weeklyVolume: 2500, prospectTimeZones: { 'America/New_York': 0.6, 'America/Los_Angeles': 0.4 } } },
      team: {
        'sdr-east': { role: 'sdr', count: 9, calendar: 'east', absenceRate: 0.25, capacity: 4, serves: ['America/New_York'], workMinutes: { dist: 'exponential', mean: 25 } },
        'sdr-west': { role: 'sdr', count: 7, calendar: 'west', absenceRate: 0.25, capacity: 4, workMinutes: { dist: 'exponential', mean: 25 } },
        'sdr-hiring': { role: 'sdr', count: 0, calendar: 'east' },
        'sdr-night': { role: 'sdr', count: 3, calendar: 'always', absenceRate: 0.3, capacity: 3, workMinutes: { dist: 'exponential', mean: 25 } },
        ae: { role: 'ae', count: 6, calendar: 'east', absenceRate: 0.2, capacity: 5, workMinutes: { dist: 'exponential', mean: 30 } },
      },
      policies: {
        main: {
          scoring: { threshold: 30, minIntent: 0 },
          routing: { queue, escalation: { warmToHotProbability: 0.5 } },
          sla: { onBreach: 'reassign' },
        },
      },
    }),
  );

describe('routing and dispatch shortcuts', () => {
  it('route as the full scan does with territories, follow-the-sun and business clocks (global-teams)', async () => {
    const loaded = shortened('scenarios/global-teams.yaml', 5);
    for (const policy of Object.keys(loaded.scenario.policies)) {
      const { shortcut, full } = await bothWays(loaded, policy, 1);
      expect(shortcut).toEqual(full);
    }
  });

  it('route as the full scan does through a launch surge with overflow reps (launch-surge)', async () => {
    const loaded = shortened('scenarios/launch-surge.yaml', 9);
    for (const policy of Object.keys(loaded.scenario.policies)) {
      const { shortcut, full } = await bothWays(loaded, policy, 2);
      expect(shortcut).toEqual(full);
    }
  });

  it('route as the full scan does with full reps, days out, reassignment and escalation', async () => {
    for (const replication of [0, 1, 2]) {
      const { shortcut, full } = await bothWays(crowded('per-rep'), 'main', replication);
      expect(shortcut).toEqual(full);
    }
  });

  // Least loaded walks the reps load by load instead of comparing every candidate: named-account owners taken past
  // their capacity, days out, excluded reps, follow-the-sun hand-offs and surge overflow (where it falls back to the
  // scan) must all leave it choosing what the scan chooses.
  it('route least loaded as the full scan does', async () => {
    for (const replication of [0, 1, 2]) {
      const { shortcut, full } = await bothWays(distributed(crowded('per-rep'), 'least-loaded'), 'main', replication);
      expect(shortcut).toEqual(full);
    }
    for (const [file, weeks] of [['scenarios/global-teams.yaml', 5], ['scenarios/abm-overlay.yaml', 6], ['scenarios/launch-surge.yaml', 9]] as const) {
      const loaded = distributed(shortened(file, weeks), 'least-loaded');
      for (const policy of Object.keys(loaded.scenario.policies)) {
        const { shortcut, full } = await bothWays(loaded, policy, 1);
        expect(shortcut).toEqual(full);
      }
    }
  }, 60_000);

  it('dispatch a pooled queue with surge overflow as the full scan does (launch-surge, pooled)', async () => {
    const file = shortened('scenarios/launch-surge.yaml', 9);
    const pooled = {
      ...file,
      scenario: { ...file.scenario, policies: Object.fromEntries(Object.entries(file.scenario.policies).map(([name, policy]) => [name, { ...policy, routing: { ...policy.routing, queue: 'pooled' as const } }])) },
      hash: `${file.hash}-pooled`,
    };
    for (const policy of Object.keys(pooled.scenario.policies)) {
      const { shortcut, full } = await bothWays(pooled, policy, 3);
      expect(shortcut).toEqual(full);
    }
  });

  it('dispatch a pooled queue as the full scan does', async () => {
    for (const replication of [0, 1]) {
      const { shortcut, full } = await bothWays(crowded('pooled'), 'main', replication);
      expect(shortcut).toEqual(full);
    }
  });
});

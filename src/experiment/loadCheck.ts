import { AttributeGenerator } from '../leads/attributes.js';
import { LeadStore } from '../engine/leadStore.js';
import { LeadCursor } from '../engine/leadCursor.js';
import { World } from '../engine/world.js';
import type { Problem } from '../errors.js';
import { compileDistribution } from '../random/distributions.js';
import { ReplicationStreams } from '../random/streams.js';
import { rubricScoring } from '../policies/scoring.js';
import { tierRouting } from '../policies/routing.js';
import type { ScoreResult } from '../policies/types.js';
import type { LoadedScenario } from '../scenario/load.js';

const SAMPLE = 4000;

export interface RoleLoad {
  policy: string;
  role: 'sdr' | 'ae';
  /** Rep minutes first touches alone would need, over rep minutes on calendar, in the measured window. */
  firstTouchUtilization: number;
}

/**
 * A lower bound on each role's load: the first touch of every MQL the built-in policies would route to it,
 * from a sample of the scenario's own leads. Follow-ups only add to it, so >= 1 means the queue cannot keep up.
 */
export function firstTouchLoad(loaded: LoadedScenario): RoleLoad[] {
  const scenario = loaded.scenario;
  const world = new World(scenario);
  const store = new LeadStore(SAMPLE);
  const cursor = new LeadCursor(store, world.sourceNames, world.zones);
  const streams = new ReplicationStreams(scenario.seed, 0x7fffffff);
  const pods = Object.values(scenario.team);
  const capacity = { sdr: 0, ae: 0 };
  const work = { sdr: 0, ae: 0 };
  for (const pod of pods) {
    const open = world.calendar(pod.calendar).openMinutesIn(world.warmupEnd, world.horizonEnd) * pod.count * (1 - pod.absenceRate);
    capacity[pod.role] += open;
    work[pod.role] += compileDistribution(pod.workMinutes).mean * pod.count;
  }
  const meanWork = { sdr: work.sdr / Math.max(1, pods.filter((p) => p.role === 'sdr').reduce((n, p) => n + p.count, 0)), ae: work.ae / Math.max(1, pods.filter((p) => p.role === 'ae').reduce((n, p) => n + p.count, 0)) };
  const arrivals = world.sourceRates.map((rates) => {
    let total = 0;
    for (let h = Math.floor(world.warmupEnd / 60); h < rates.length; h++) total += rates[h]! * 60;
    return total;
  });
  const loads: RoleLoad[] = [];
  for (const [name, policy] of Object.entries(scenario.policies)) {
    if (policy.scoring.module !== undefined || policy.routing.module !== undefined) continue;
    const scoring = rubricScoring(policy.scoring);
    const routing = tierRouting(policy.routing);
    const score: ScoreResult = { fit: 0, intent: 0, combined: 0, mql: false, icp: false, handRaise: false };
    const demand = { sdr: 0, ae: 0 };
    Object.values(scenario.sources).forEach((source, index) => {
      const generator = new AttributeGenerator(source, index, world.sourceZones[index]!.indexes, world.sourceZones[index]!.weights, scenario.prospect.quality);
      const random = streams.stream('attributes', `load-check/${index}`);
      const routed = { sdr: 0, ae: 0 };
      for (let i = 0; i < SAMPLE; i++) {
        const slot = store.allocate();
        generator.draw(store, slot, random);
        scoring.score(cursor.at(slot), true, score);
        const tier = score.mql ? routing.tierOf(cursor, score) : -1;
        if (tier >= 0) {
          // As in the engine, a tier whose role has no reps goes to the other role.
          const wanted = policy.routing.tiers[tier]!.role;
          routed[capacity[wanted] > 0 ? wanted : wanted === 'sdr' ? 'ae' : 'sdr']++;
        }
        store.release(slot);
      }
      for (const role of ['sdr', 'ae'] as const) demand[role] += (arrivals[index]! * routed[role]) / SAMPLE;
    });
    for (const role of ['sdr', 'ae'] as const) {
      if (demand[role] === 0) continue;
      loads.push({ policy: name, role, firstTouchUtilization: capacity[role] > 0 ? (demand[role] * meanWork[role]) / capacity[role] : Infinity });
    }
  }
  return loads;
}

/** Warnings for roles whose first touches alone exceed their hours: an unstable queue. */
export function loadWarnings(loaded: LoadedScenario): Problem[] {
  const patience = loaded.scenario.prospect.patience !== null;
  return firstTouchLoad(loaded)
    .filter((load) => load.firstTouchUtilization >= 1)
    .map((load) => ({
      path: `policies.${load.policy}`,
      message: !Number.isFinite(load.firstTouchUtilization)
        ? `${load.role.toUpperCase()}s get leads but have no working hours in the measured window, so none of those leads can be touched`
        : `${load.role.toUpperCase()}s would need ${load.firstTouchUtilization.toFixed(2)}x their working hours for first touches alone, so their queue grows for as long as the run lasts${patience ? ' (most waiting leads will go cold)' : ' and no lead ever gives up (prospect.patience is null)'}; the run still ends at the horizon plus drainDays`,
      fix: `add ${load.role} reps, shorten workMinutes, or lower the volume routed to them`,
    }));
}

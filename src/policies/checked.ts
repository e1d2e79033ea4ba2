import type { CadencePolicy, RoutingPolicy, ScoringPolicy, SlaPolicy } from './types.js';

/** A custom policy broke its contract; the message names the policy and what it returned. */
export class PolicyError extends Error {
  constructor(policy: string, message: string) {
    super(`custom policy "${policy}": ${message}`);
    this.name = 'PolicyError';
  }
}

const show = (value: unknown): string => {
  try {
    return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value)).slice(0, 80);
  } catch {
    return String(value);
  }
};

/** A run time for a message: minutes to two decimals, not 175.01816375101896. */
const round = (minutes: number): string => String(Math.round(minutes * 100) / 100);

/** Runs a custom policy's method; an error it throws comes out naming the policy and the method. */
function calling<T>(policy: { name: string }, method: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof PolicyError) throw error;
    throw new PolicyError(policy.name, `${method}() threw: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Custom modules are untrusted: every answer is checked before the engine uses it (built-ins skip this). */
export function checkedScoring(policy: ScoringPolicy): ScoringPolicy {
  return {
    name: policy.name,
    score(lead, enriched, out) {
      calling(policy, 'score', () => policy.score(lead, enriched, out));
      if (typeof out.mql !== 'boolean') throw new PolicyError(policy.name, `score() must set out.mql to true or false, got ${show(out.mql)}`);
      for (const key of ['fit', 'intent', 'combined'] as const) {
        if (!Number.isFinite(out[key])) throw new PolicyError(policy.name, `score() must set out.${key} to a finite number, got ${show(out[key])}`);
      }
      out.icp = out.icp === true;
      out.handRaise = out.handRaise === true;
    },
  };
}

/** `tiers`: the validated tier list the router is used with (its own, or the scenario's when it declares none). */
export function checkedRouting(policy: RoutingPolicy, tierList: RoutingPolicy['tiers'] = policy.tiers): RoutingPolicy {
  const tiers = tierList.length;
  const pickRep = policy.pickRep;
  return {
    name: policy.name,
    tiers: tierList,
    tierOf(lead, score) {
      const tier = calling(policy, 'tierOf', () => policy.tierOf(lead, score));
      if (!Number.isInteger(tier) || tier < -1 || tier >= tiers) throw new PolicyError(policy.name, `tierOf() must return a tier index 0..${tiers - 1} or -1 (nurture), got ${show(tier)}`);
      return tier;
    },
    ...(pickRep === undefined
      ? {}
      : {
          pickRep(lead, candidates, openLeads) {
            const rep = calling(policy, 'pickRep', () => pickRep.call(policy, lead, candidates, openLeads));
            if (!candidates.includes(rep)) throw new PolicyError(policy.name, `pickRep() must return one of the candidate reps [${candidates.join(', ')}], got ${show(rep)}`);
            return rep;
          },
        }),
  };
}

export function checkedSla(policy: SlaPolicy): SlaPolicy {
  return {
    name: policy.name,
    deadline(lead, tier, mqlAt, clock, surgeActive) {
      const deadline = calling(policy, 'deadline', () => policy.deadline(lead, tier, mqlAt, clock, surgeActive));
      if (typeof deadline !== 'number' || Number.isNaN(deadline) || deadline < mqlAt) throw new PolicyError(policy.name, `deadline() must return a time at or after the MQL (minute ${round(mqlAt)} of the run), got ${show(deadline)}; a time, not a duration: e.g. return mqlAt + 60 for one hour`);
      return deadline;
    },
  };
}

export function checkedCadence(policy: CadencePolicy): CadencePolicy {
  return {
    name: policy.name,
    nextTouchAt(lead, tier, attempt, firstTouchAt, clock) {
      const at = calling(policy, 'nextTouchAt', () => policy.nextTouchAt(lead, tier, attempt, firstTouchAt, clock));
      if (typeof at !== 'number' || Number.isNaN(at) || (at !== -1 && at < firstTouchAt)) throw new PolicyError(policy.name, `nextTouchAt() must return -1 or a time after the first touch (minute ${round(firstTouchAt)} of the run), got ${show(at)}; a time, not a gap: e.g. return firstTouchAt + 1440 for a day later`);
      return at;
    },
  };
}

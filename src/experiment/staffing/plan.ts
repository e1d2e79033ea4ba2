import { nearest, UsageError } from '../../errors.js';
import type { Role } from '../../leads/fields.js';
import type { LoadedScenario } from '../../scenario/load.js';
import type { Pod } from '../../scenario/schema/team.js';
import { World } from '../../engine/world.js';
import { resolvePolicies } from '../simulate.js';
import { windowSpans } from './analytic.js';
import type { Window } from './schema.js';
import type { StaffTarget } from './target.js';

export interface RolePlan {
  role: Role;
  pod: string;
  spec: Pod;
  current: number;
  /** Targets this role's headcount must meet. */
  targets: StaffTarget[];
}

export interface StaffingPlan {
  policy: string;
  window: Window;
  confidence: number;
  replications: number;
  min: number;
  /** From --max; otherwise chosen per role after the analytic estimate. */
  max: number | undefined;
  roles: RolePlan[];
  world: World;
  notes: string[];
}

export interface PlanOptions {
  targets: StaffTarget[];
  role?: Role;
  policy?: string;
  window?: Window;
  confidence?: number;
  replications?: number;
  min?: number;
  max?: number;
}

const ROLE_ORDER: Role[] = ['sdr', 'ae'];

/** The pod a role's headcount lives in: the pod named like the role, else the first pod of that role. */
export function podOfRole(loaded: LoadedScenario, role: Role): string | undefined {
  const team = loaded.scenario.team;
  if (team[role]?.role === role) return role;
  return Object.keys(team).find((name) => team[name]!.role === role);
}

function wholeNumber(flag: string, value: number | undefined, least: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= least)) throw new UsageError(`${flag} must be a whole number >= ${least} (got ${value})`);
}

/** Checks every flag against the scenario before anything runs, so a mistake costs no simulation time. */
export function staffingPlan(loaded: LoadedScenario, options: PlanOptions): StaffingPlan {
  if (options.targets.length === 0) throw new UsageError('--target is needed at least once, e.g. --target "hot:0.85@5m"');
  const [policy] = resolvePolicies(loaded, options.policy === undefined ? undefined : [options.policy]);
  const confidence = options.confidence ?? 0.95;
  if (!(confidence >= 0.5 && confidence < 1)) throw new UsageError(`--confidence must be at least 0.5 and below 1, e.g. 0.95 (got ${confidence})`);
  const replications = options.replications ?? loaded.scenario.replications;
  // Not given: the count is the scenario's, and the message says so (the user typed no --replications).
  if (options.replications === undefined && replications < 2) {
    throw new UsageError(`${loaded.file} has replications: ${replications}, and a staffing search needs at least 2 per headcount (one replication gives no confidence bound); give --replications 10 or more`);
  }
  wholeNumber('--replications', replications, 2);
  wholeNumber('--min', options.min, 1);
  wholeNumber('--max', options.max, 1);
  const min = options.min ?? 1;
  if (options.max !== undefined && options.max < min) throw new UsageError(`--max (${options.max}) must be at least --min (${min})`);
  const window = options.window ?? 'all';
  const world = new World(loaded.scenario);
  if (window === 'launch') {
    if (world.surgeWindows.length === 0) throw new UsageError(`--window launch measures leads created inside surge windows, but ${loaded.file} has none (no sources.<name>.surges); use --window all or add a surge`);
    if (windowSpans(world, 'launch').length === 0) throw new UsageError(`--window launch: every surge window in ${loaded.file} lies outside the measured period (after warm-up, before the horizon); move the surge or use --window all`);
  }
  const tiers = loaded.scenario.policies[policy!]!.routing.tiers;
  const notes: string[] = [];
  // A pod of the role exists (even at count 0): varying it is what the search does.
  const present = (role: Role) => podOfRole(loaded, role) !== undefined;
  const roleOfTarget = (target: StaffTarget): Role => {
    const tier = tiers.find((candidate) => candidate.name === target.tier);
    if (tier === undefined) {
      const names = tiers.map((candidate) => candidate.name);
      const close = nearest(target.tier, names);
      throw new UsageError(`--target "${target.text}": tier "${target.tier}" is not a tier of policy "${policy}"${close.length > 0 ? ` (did you mean "${close[0]}"?)` : ''}; tiers: ${names.join(', ')}`);
    }
    if (present(tier.role)) return tier.role;
    // The engine sends a tier whose role has no reps to the other role; size the reps that actually work it.
    const other: Role = tier.role === 'ae' ? 'sdr' : 'ae';
    notes.push(`tier "${tier.name}" routes to ${tier.role.toUpperCase()}s but the team has none, so its leads go to ${other.toUpperCase()}s: sizing ${other.toUpperCase()}s for it`);
    return other;
  };
  const targetRoles = options.targets.map(roleOfTarget);
  const roles = options.role === undefined ? ROLE_ORDER.filter((role) => targetRoles.includes(role)) : [options.role];
  const plans = roles.map((role): RolePlan => {
    const pod = podOfRole(loaded, role);
    if (pod === undefined) throw new UsageError(`--role ${role}: the team in ${loaded.file} has no pod with role ${role}; pods: ${Object.entries(loaded.scenario.team).map(([name, spec]) => `${name} (${spec.role})`).join(', ')}`);
    const spec = loaded.scenario.team[pod]!;
    const targets = options.role === undefined ? options.targets.filter((_, index) => targetRoles[index] === role) : options.targets;
    return { role, pod, spec, current: spec.count, targets };
  });
  return { policy: policy!, window, confidence, replications, min, max: options.max, roles: plans, world, notes };
}

import { percent, plural } from '../../report/format.js';
import type { LoadedScenario } from '../../scenario/load.js';
import type { RolePlan } from './plan.js';
import type { AnalyticRole, CurvePoint, Search, Window } from './schema.js';

/** What this scenario has that the formulas' one pooled 24/7 Poisson queue of identical reps cannot see, in a few words each. */
export function unseenFeatures(loaded: LoadedScenario, plan: RolePlan, policyName: string, window: Window): string[] {
  const s = loaded.scenario;
  const policy = s.policies[policyName]!;
  const pod = plan.spec;
  const tiersOfRole = policy.routing.tiers.filter((tier) => tier.role === plan.role);
  const targetTiers = new Set(plan.targets.map((target) => target.tier));
  const features: string[] = [];
  // Workload first (usually the largest gap), then hours, then process, then distribution shapes.
  if (tiersOfRole.some((tier) => !targetTiers.has(tier.name))) features.push('other tiers\u2019 leads on the same reps');
  if (tiersOfRole.some((tier) => tier.cadence.touches > 1)) features.push('follow-up touches');
  if (pod.calendar !== 'always') features.push(`the "${pod.calendar}" calendar`);
  if (s.prospect.hours !== 'any') features.push(`prospect calling hours (${s.prospect.hours})`);
  const surges = Object.values(s.sources).some((source) => source.surges.length > 0);
  const peaks = Object.values(s.sources).some((source) => source.profile !== 'flat');
  // Named only when the scenario has them: a business-hours profile alone has peaks, not surges.
  const surgeWords = window === 'launch' ? 'surge ramps' : 'surges';
  if (surges || peaks) features.push(surges && peaks ? `${surgeWords} and hour-of-day peaks` : surges ? surgeWords : 'hour-of-day peaks');
  if (policy.routing.queue === 'per-rep') features.push(`per-rep ${policy.routing.distribution} queues`);
  const acceptsInstantly = pod.acceptMinutes.dist === 'fixed' && pod.acceptMinutes.value === 0;
  if (policy.routing.queue === 'per-rep' && !acceptsInstantly) features.push(`accept delays with a ${policy.routing.acceptTimeoutMinutes}-minute timeout`);
  if (pod.capacity !== undefined) features.push(`a ${pod.capacity}-lead capacity cap`);
  if (policy.sla.surge.enabled) features.push('the surge protocol');
  if (pod.absenceRate > 0) features.push('whole days out of office');
  if (pod.workMinutes.dist !== 'exponential') features.push(`${pod.workMinutes.dist} work times`);
  if (s.prospect.patience !== null && s.prospect.patience.dist !== 'exponential') features.push(`${s.prospect.patience.dist} patience`);
  return features;
}

/** One plain sentence per role: the two answers, and why they differ (or why they agree). */
export function comparisonSentence(loaded: LoadedScenario, plan: RolePlan, policyName: string, window: Window, search: Search, analytic: AnalyticRole, points: readonly CurvePoint[]): string {
  const who = (n: number) => `${plural(n, plan.role.toUpperCase())} (pod "${plan.pod}")`;
  const method = analytic.method === 'erlang-a' ? 'Erlang A' : 'Erlang C';
  const formula = analytic.recommended === null ? `${method} gives no answer` : `${method} says ${analytic.recommended}`;
  const best = [...points].sort((a, b) => b.headcount - a.headcount)[0];
  const simulated =
    search.recommended === null
      ? `no headcount up to ${who(search.max)} meets the target in simulation (at ${best?.headcount ?? search.max}: ${percent(best?.mean ?? null)}, lower bound ${percent(best?.lowerBound ?? null)})`
      : `the simulation needs ${who(search.recommended)}`;
  const features = unseenFeatures(loaded, plan, policyName, window);
  if (search.recommended !== null && search.recommended === analytic.recommended) {
    return `${capitalise(simulated)} and ${formula}: they agree${features.length === 0 ? ', as they should for a pooled FIFO queue with Poisson arrivals, exponential work and a 24/7 calendar' : ` despite ${joinList(features)}`}.`;
  }
  if (features.length === 0) return `${capitalise(simulated)}, while ${formula}: this is the formulas' own textbook queue, so the gap is sampling error where the target sits close to a headcount\u2019s service level (more replications settle it).`;
  return `${capitalise(simulated)}, while ${formula}: the formulas see one pooled queue working only this tier around the clock at a steady Poisson rate, not ${joinList(features)}.`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function joinList(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

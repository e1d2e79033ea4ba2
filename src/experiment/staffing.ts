import { UsageError } from '../errors.js';
import type { ReplicationResult } from '../metrics/result.js';
import type { LoadedScenario } from '../scenario/load.js';
import { resolveWorkers } from './pool.js';
import { withSeed } from './simulate.js';
import type { StudyProgress } from './study.js';
import { windowSpans, type AnalyticCaps } from './staffing/analytic.js';
import { staffingPlan, type PlanOptions, type StaffingPlan } from './staffing/plan.js';
import { statsAt } from './staffing/points.js';
import { searchRole, type RoleOutcome } from './staffing/roleSearch.js';
import { StaffingRunner, type RunnerResume } from './staffing/runner.js';
import type { CurvePoint, StaffingSummary, WhatIfs } from './staffing/schema.js';
import { replicationKey, type StaffingReplication } from './staffing/saved.js';
import { TeamCache } from './staffing/teamCache.js';
import { scenarioVariant } from './staffing/variant.js';
import { whatIfPolicies, whatIfRow } from './staffing/whatIf.js';

export interface StaffingOptions extends PlanOptions, RunnerResume {
  seed?: number;
  workers?: number;
  caps?: Partial<AnalyticCaps>;
  /** Fail a replication that runs longer than this (ms): the search then stops with exit 3, as for any failure. */
  jobTimeoutMs?: number;
  /** Run the surge what-ifs at the recommended team (default: when the scenario has surge windows). */
  whatIfs?: boolean;
  onProgress?: (progress: StudyProgress) => void;
}

export interface StaffingStudy {
  summary: StaffingSummary;
  loaded: LoadedScenario;
  /** Every replication the search used, with its team (the folder's replications.jsonl, what --resume reads back). */
  replications: StaffingReplication[];
}

function checkCaps(caps: Partial<AnalyticCaps>): AnalyticCaps {
  const { maxOccupancy = 1, maxAbandonment = 1, shrinkage } = caps;
  if (!(maxOccupancy > 0 && maxOccupancy <= 1)) throw new UsageError(`--max-occupancy must be a fraction above 0 and at most 1, e.g. 0.85 (got ${maxOccupancy})`);
  if (!(maxAbandonment >= 0 && maxAbandonment <= 1)) throw new UsageError(`--max-abandonment must be a fraction from 0 to 1, e.g. 0.05 (got ${maxAbandonment})`);
  if (shrinkage !== undefined && !(shrinkage >= 0 && shrinkage < 1)) throw new UsageError(`--shrinkage must be a fraction from 0 up to (not including) 1, e.g. 0.3 (got ${shrinkage})`);
  return { maxOccupancy, maxAbandonment, ...(shrinkage === undefined ? {} : { shrinkage }) };
}

/**
 * Finds, role by role, the smallest headcount whose lower confidence bound meets every target: pilot at today's
 * team (which also measures the arrival rate the formulas need), bracket from the analytic estimate, bisect.
 * Later roles are searched with earlier roles already at their answer. A stop (options.signal) throws SearchStopped
 * with the replications finished so far; given back as options.done, the same search skips them.
 */
export async function runStaffing(source: LoadedScenario, options: StaffingOptions): Promise<StaffingStudy> {
  const loaded = withSeed(source, options.seed);
  const plan = staffingPlan(loaded, options);
  const caps = checkCaps(options.caps ?? {});
  const workers = resolveWorkers(options.workers);
  const runner = new StaffingRunner(workers, options.onProgress, options.jobTimeoutMs, { signal: options.signal, done: options.done, onResult: options.onResult });
  try {
    const cache = new TeamCache(loaded, plan, runner);
    const team: Record<string, number> = Object.fromEntries(Object.entries(loaded.scenario.team).map(([name, pod]) => [name, pod.count]));
    const outcomes: RoleOutcome[] = [];
    for (const rolePlan of plan.roles) {
      const outcome = await searchRole(loaded, plan, rolePlan, caps, team, cache);
      // Without an answer the later roles and the what-ifs use today's count, the team the planner actually has.
      team[rolePlan.pod] = outcome.search.recommended ?? rolePlan.current;
      outcomes.push(outcome);
    }
    const targets = plan.roles.flatMap((role) => role.targets).filter((target, index, all) => all.findIndex((other) => other.text === target.text) === index);
    const finalResults = (await cache.simulate(team)).results;
    const finalTargets = statsAt(finalResults, targets, plan.window, plan.confidence);
    const surgesMeasured = windowSpans(plan.world, 'launch').length > 0;
    const whatIfs = surgesMeasured && options.whatIfs !== false ? await runWhatIfs(loaded, plan, runner, team, finalResults, targets) : null;
    const curve: CurvePoint[] = outcomes.flatMap((outcome) => outcome.points.map((entry) => entry.point).sort((a, b) => a.headcount - b.headcount));
    const summary: StaffingSummary = {
      scenario: loaded.scenario.name,
      file: loaded.file,
      policy: plan.policy,
      window: plan.window,
      confidence: plan.confidence,
      replications: plan.replications,
      seed: loaded.scenario.seed,
      targets: options.targets,
      recommended: Object.fromEntries(outcomes.map((outcome) => [outcome.search.role, outcome.search.recommended])),
      pods: Object.fromEntries(plan.roles.map((role) => [role.role, role.pod])),
      searches: outcomes.map((outcome) => outcome.search),
      curve,
      marginal: outcomes.flatMap((outcome) => outcome.marginal),
      analytic: Object.fromEntries(outcomes.map((outcome) => [outcome.analytic.role, outcome.analytic])),
      comparison: outcomes.map((outcome) => outcome.comparison).join(' '),
      final: { team: { ...team }, targets: finalTargets, holds: finalTargets.every((stats) => stats.holds) },
      whatIfs,
      stoppedEarly: stoppedEarlyOf(runner.replications),
      notes: notesFor(plan, whatIfs),
    };
    return { summary, loaded, replications: runner.replications };
  } finally {
    await runner.close();
  }
}

async function runWhatIfs(loaded: LoadedScenario, plan: StaffingPlan, runner: StaffingRunner, team: Record<string, number>, baseline: ReplicationResult[], targets: PlanOptions['targets']): Promise<WhatIfs> {
  const { policies, derived } = whatIfPolicies(loaded, plan.policy);
  const others = [...new Set(policies.map((entry) => entry.policy).filter((name) => name !== plan.policy))];
  const variant = scenarioVariant(loaded, team, derived, loaded.scenario.seed);
  const results = others.length === 0 ? new Map<string, ReplicationResult[]>() : await runner.run(variant, others, plan.replications, true);
  return {
    team: { ...team },
    baseline: plan.policy,
    rows: policies.map((entry) => whatIfRow(entry, entry.policy === plan.policy ? baseline : results.get(entry.policy)!, baseline, targets, plan.window, plan.confidence)),
  };
}

/** How many of the search's replications stopped on a resource limit, and why the first did; null when none did. */
function stoppedEarlyOf(replications: readonly StaffingReplication[]): StaffingSummary['stoppedEarly'] {
  // In key order, not finishing order: the example must not depend on timing, workers or a resume.
  const stopped = replications.filter((entry) => entry.result.stopped !== null).sort((a, b) => compareKeys(replicationKey(a.team, a.result.policy, a.result.replication), replicationKey(b.team, b.result.policy, b.result.replication)));
  return stopped.length === 0 ? null : { replications: stopped.length, of: replications.length, example: stopped[0]!.result.stopped! };
}

const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function notesFor(plan: StaffingPlan, whatIfs: WhatIfs | null): string[] {
  const notes = [
    ...plan.notes,
    `A headcount meets a target when the one-sided ${plan.confidence * 100}% lower confidence bound (Student t over ${plan.replications} replications) of the share touched in time is at least the target; the band on the chart is the two-sided 95% interval.`,
    'A lead counts as on time when its first touch comes within the target\u2019s duration of the MQL, whatever the tier\u2019s own SLA says (a surge protocol that stretches SLAs does not move the target).',
  ];
  const team = plan.world.scenario.team;
  for (const role of plan.roles) {
    const others = Object.keys(team).filter((name) => name !== role.pod && team[name]!.role === role.role);
    if (others.length > 0) notes.push(`Only pod "${role.pod}" was resized for ${role.role.toUpperCase()}s; ${others.map((name) => `"${name}"`).join(', ')} kept ${others.length === 1 ? 'its count' : 'their counts'}.`);
  }
  if (whatIfs?.rows.some((row) => row.label === 'surge protocol + high-intent-only')) {
    notes.push('Under high-intent-only routing, leads held back during the surge are handed off when their follow-up task comes due, and the engine measures their response from that task, not from the original MQL: their on-time share flatters the policy.');
  }
  if (whatIfs?.rows.some((row) => row.label === 'surge protocol + overflow AEs') && !Object.values(plan.world.scenario.team).some((pod) => pod.overflow)) {
    notes.push('No pod has overflow: true, so the overflow what-if activates nobody and matches the surge protocol alone.');
  }
  return notes;
}

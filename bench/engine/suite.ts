import type { LoadedScenario } from '../../src/scenario/load.js';
import { headcount } from '../../src/scenario/schema/team.js';
import { BASELINE_FILE, BASELINE_POLICY, bundledScenario, ERLANG_A_FILE, ERLANG_A_POLICY, LARGE_COMPANY_FILE } from '../paths.js';
import { loadResized, weeklyLeads } from '../scenarios.js';
import { timeWholeRuns, type WholeRunFigures } from './wholeRun.js';

/** The timing figures of timeWholeRuns, without the metrics. */
type RunFigures = Omit<WholeRunFigures, 'metrics'>;

export interface ErlangAFigures extends RunFigures {
  horizonWeeks: number;
  /** The run's own Erlang A numbers (service level within 20 s, waiting probability, abandonment). */
  serviceLevel: number | null;
  waitingProbability: number | null;
  abandonment: number | null;
}

export interface BaselineFigures extends RunFigures {
  horizonWeeks: number;
  /** How the baseline was scaled, in words (for the report). */
  scaling: string;
}

export interface LargeTeamFigures extends RunFigures {
  horizonWeeks: number;
  reps: number;
}

/** Erlang A weeks for `leads` arrivals: the file's 200 leads/h stretched over a longer horizon. */
export function erlangAScenario(leads: number): LoadedScenario {
  const file = bundledScenario(ERLANG_A_FILE);
  const perWeek = weeklyLeads(loadResized(file, {}));
  return loadResized(file, { horizonWeeks: Math.ceil((leads / perWeek) * 100) / 100 });
}

export async function erlangABench(leads: number, runs: number, onRun?: (seconds: number) => void): Promise<ErlangAFigures> {
  const loaded = erlangAScenario(leads);
  const { metrics, ...run } = await timeWholeRuns(loaded, ERLANG_A_POLICY, runs, onRun);
  return {
    horizonWeeks: loaded.scenario.horizonWeeks,
    ...run,
    serviceLevel: metrics.slaCompliance,
    waitingProbability: metrics.waitingProbability,
    abandonment: metrics.abandonmentRate,
  };
}

/** The full model: baseline.yaml with its volume (~1,200 leads/week) and a longer horizon. */
export async function baselineBench(weeks: number, runs: number, onRun?: (seconds: number) => void): Promise<BaselineFigures> {
  const loaded = loadResized(bundledScenario(BASELINE_FILE), { horizonWeeks: weeks });
  const { metrics: _metrics, ...run } = await timeWholeRuns(loaded, BASELINE_POLICY, runs, onRun);
  return {
    horizonWeeks: weeks,
    scaling: weeks === 13 ? '13 weeks as in the file' : `horizon 13 -> ${weeks} weeks, same weekly volume`,
    ...run,
  };
}

/**
 * A large company's quarter, large-company.yaml: the baseline at 64x volume and headcount (about a million leads and
 * 640 reps in 13 weeks), over `weeks` (null: the file's 13). Routing cost grows with the team.
 */
export async function largeTeamBench(weeks: number | null, runs: number, onRun?: (seconds: number) => void): Promise<LargeTeamFigures> {
  const loaded = loadResized(bundledScenario(LARGE_COMPANY_FILE), weeks === null ? {} : { horizonWeeks: weeks });
  const { metrics: _metrics, ...run } = await timeWholeRuns(loaded, BASELINE_POLICY, runs, onRun);
  return { horizonWeeks: loaded.scenario.horizonWeeks, reps: headcount(loaded.scenario.team), ...run };
}

import { Bench, type Task } from 'tinybench';
import { LeadCursor } from '../../src/engine/leadCursor.js';
import { scoreBatch, type BatchScores } from '../../src/policies/batchScoring.js';
import { rubricScoring } from '../../src/policies/scoring.js';
import type { ScoreResult } from '../../src/policies/types.js';
import { Scoring } from '../../src/scenario/schema/policy.js';
import type { LoadedScenario } from '../../src/scenario/load.js';
import { median } from '../engine/median.js';
import { leadMix } from './leadMix.js';
import { referenceScore } from './referenceLoop.js';

export interface ScoringFigures {
  leads: number;
  /** Interleaved rounds the rates are medians over. */
  rounds: number;
  perLeadPerSec: number;
  batchPerSec: number;
  referencePerSec: number;
  /** batch / reference: how close the configurable batch scorer gets to the hand-written loop. */
  batchVsReference: number;
}

export interface ScoringOptions {
  leads: number;
  /** tinybench time budget per task per round, ms. */
  timeMs: number;
  iterations: number;
  rounds: number;
}

/**
 * tinybench over the same lead mix with the default rubric, on this thread: the per-lead API through the
 * engine's LeadCursor, scoreBatch over columns, and the hand-inlined reference loop. Each iteration scores
 * every lead. The three tasks run in `rounds` interleaved rounds, so a slow spell on a shared machine hits
 * all three rather than one; a rate is the median over rounds of each round's median iteration, and the
 * batch/reference ratio is the median of the per-round ratios (paired, like the policy comparison).
 */
export async function scoringBench(mixScenario: LoadedScenario, options: ScoringOptions): Promise<ScoringFigures> {
  const mix = leadMix(mixScenario, options.leads);
  const policy = rubricScoring(Scoring.parse({}));
  const cursor = new LeadCursor(mix.store, mix.sourceNames, mix.zoneNames);
  const result: ScoreResult = { fit: 0, intent: 0, combined: 0, mql: false, icp: false, handRaise: false };
  const batchOut: BatchScores = { combined: new Float32Array(mix.count), mql: new Uint8Array(mix.count) };
  const referenceOut: BatchScores = { combined: new Float32Array(mix.count), mql: new Uint8Array(mix.count) };
  // A running count of MQLs keeps the per-lead results observable, so the JIT cannot drop the calls.
  let mqls = 0;
  const rounds: { perLead: number; batch: number; reference: number }[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const bench = new Bench({ name: 'scoring', time: options.timeMs, iterations: options.iterations, warmupTime: Math.min(250, options.timeMs), throws: true });
    bench
      .add('per-lead', () => {
        for (let i = 0; i < mix.count; i++) {
          policy.score(cursor.at(i), true, result);
          if (result.mql) mqls++;
        }
      })
      .add('batch', () => scoreBatch(policy.rubric, mix.columns, batchOut))
      .add('reference', () => referenceScore(mix.columns, referenceOut));
    await bench.run();
    const rate = (name: string): number => leadsPerSecond(bench.tasks.find((task) => task.name === name), mix.count);
    rounds.push({ perLead: rate('per-lead'), batch: rate('batch'), reference: rate('reference') });
  }
  if (mqls < 0) throw new Error('unreachable');
  return {
    leads: mix.count,
    rounds: rounds.length,
    perLeadPerSec: median(rounds.map((r) => r.perLead)),
    batchPerSec: median(rounds.map((r) => r.batch)),
    referencePerSec: median(rounds.map((r) => r.reference)),
    batchVsReference: median(rounds.map((r) => r.batch / r.reference)),
  };
}

function leadsPerSecond(task: Task | undefined, leads: number): number {
  const result = task?.result;
  if (result === undefined || (result.state !== 'completed' && result.state !== 'aborted-with-statistics')) {
    throw new Error(`scoring task ${task?.name ?? '?'} did not complete (${result?.state ?? 'missing'})`);
  }
  return leads / (result.latency.p50 / 1000);
}

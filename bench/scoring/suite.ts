import { Bench, type Task } from 'tinybench';
import { LeadCursor } from '../../src/engine/leadCursor.js';
import { scoreBatch, type BatchScores } from '../../src/policies/batchScoring.js';
import { rubricScoring } from '../../src/policies/scoring.js';
import type { ScoreResult } from '../../src/policies/types.js';
import { Scoring } from '../../src/scenario/schema/policy.js';
import type { LoadedScenario } from '../../src/scenario/load.js';
import { leadMix } from './leadMix.js';
import { referenceScore } from './referenceLoop.js';

export interface ScoringFigures {
  leads: number;
  perLeadPerSec: number;
  batchPerSec: number;
  referencePerSec: number;
  /** batch / reference: how close the configurable batch scorer gets to the hand-written loop. */
  batchVsReference: number;
}

export interface ScoringOptions {
  leads: number;
  timeMs: number;
  iterations: number;
}

/**
 * tinybench over the same lead mix with the default rubric, on this thread: the per-lead API through the
 * engine's LeadCursor, scoreBatch over columns, and the hand-inlined reference loop. Each iteration scores
 * every lead; the median iteration time gives leads/s.
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
  if (mqls < 0) throw new Error('unreachable');
  const rate = (name: string): number => leadsPerSecond(bench.tasks.find((task) => task.name === name), mix.count);
  const perLeadPerSec = rate('per-lead');
  const batchPerSec = rate('batch');
  const referencePerSec = rate('reference');
  return { leads: mix.count, perLeadPerSec, batchPerSec, referencePerSec, batchVsReference: batchPerSec / referencePerSec };
}

function leadsPerSecond(task: Task | undefined, leads: number): number {
  const result = task?.result;
  if (result === undefined || (result.state !== 'completed' && result.state !== 'aborted-with-statistics')) {
    throw new Error(`scoring task ${task?.name ?? '?'} did not complete (${result?.state ?? 'missing'})`);
  }
  return leads / (result.latency.p50 / 1000);
}

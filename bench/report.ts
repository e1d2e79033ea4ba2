import type { BaselineFigures, ErlangAFigures, LargeTeamFigures } from './engine/suite.js';
import type { GitState, Machine } from './machine.js';
import type { MemoryFigures } from './memory/peakRss.js';
import type { ScoringFigures } from './scoring/suite.js';
import type { SimpyFigures, SimpySkipped } from './simpy/peer.js';
import type { BenchSizes } from './sizes.js';
import type { TargetCheck } from './targets.js';
import type { WorkerFigures } from './workers/speedup.js';

/** What `npm run bench` / `handoff bench` writes to results/bench-<timestamp>.json. */
export interface BenchReport {
  kind: 'handoff-sim-bench';
  quick: boolean;
  startedAt: string;
  durationSeconds: number;
  machine: Machine;
  git: GitState;
  /** V8's inlining budget the engine ran under, and who set it (raiseInliningBudget). */
  inlining: string;
  /** 1-minute load average before and after: other work on the machine shows up in every figure. */
  load: { start: number; end: number };
  sizes: BenchSizes;
  scoring: ScoringFigures;
  engine: { erlangA: ErlangAFigures; baseline: BaselineFigures; largeTeam: LargeTeamFigures };
  peer: { simpy: SimpyFigures | SimpySkipped };
  workers: WorkerFigures;
  memory: MemoryFigures;
  targets: TargetCheck[];
}

/** Dotted keys the issue requires as finite numbers (the peer's two may instead be skipped with a reason). */
export const REQUIRED_KEYS = [
  'scoring.perLeadPerSec',
  'scoring.batchPerSec',
  'scoring.referencePerSec',
  'engine.erlangA.leadsPerSec',
  'engine.erlangA.eventsPerSec',
  'engine.baseline.leadsPerSec',
  'peer.simpy.leadsPerSec',
  'peer.simpy.ratio',
  'workers.speedup2v1',
  'memory.rss1MBytes',
  'memory.rss10MBytes',
] as const;

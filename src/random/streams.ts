import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export interface RandomSource {
  next(): number;
}

/** Purposes that each get their own stream, so one purpose's draws never shift another's. */
export type StreamPurpose = 'arrivals' | 'attributes' | 'reps' | 'prospects' | 'lead-keys';

/** Named seedrandom streams for one replication; every draw in a run comes from one of these. */
export class ReplicationStreams {
  constructor(
    readonly seed: number,
    readonly replication: number,
  ) {}

  /** Same (seed, replication, purpose, name) -> same sequence, independent of everything else in the run. */
  stream(purpose: StreamPurpose, name = ''): RandomSource {
    // alea: seedrandom's fastest generator (~140M draws/s here), plenty for simulation.
    const prng = seedrandom.alea(`handoff-sim/${this.seed}/${this.replication}/${purpose}/${name}`);
    // alea can return exactly 0; nudge it so logs and quantiles downstream stay finite.
    return { next: () => prng() || 1.1641532182693481e-10 };
  }

  /** A 32-bit key for counter-based per-lead draws (see hashUniform). */
  key(purpose: StreamPurpose, name = ''): number {
    return seedrandom.alea(`handoff-sim/${this.seed}/${this.replication}/${purpose}/${name}/key`).int32() >>> 0;
  }
}

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { JobOutcome, WorkerTask } from '../../workers/replication.js';

export type { JobOutcome };

/** The compiled worker entry: dist/workers/replication.js (also when running from sources under vitest). */
function workerFile(): string {
  const beside = new URL('../../workers/replication.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside.href;
  return new URL('../../dist/workers/replication.js', import.meta.url).href;
}

export const defaultWorkers = (): number => Math.max(1, availableParallelism());

/** A piscina pool of replication workers, started once and reused for every batch of a study. */
export class ReplicationPool {
  private readonly pool: Piscina<WorkerTask, JobOutcome[]>;

  constructor(readonly workers: number) {
    this.pool = new Piscina<WorkerTask, JobOutcome[]>({
      filename: workerFile(),
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 60_000,
    });
  }

  run(task: WorkerTask, signal?: AbortSignal): Promise<JobOutcome[]> {
    return this.pool.run(task, signal === undefined ? {} : { signal });
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/**
 * Runs scenario text end to end (parseScenarioText -> runReplication -> deriveMetrics) in a worker thread of this
 * process, so a case that never returns is a failed case, not a frozen test run: the thread is terminated after a
 * wall-clock budget and a fresh one takes over. The worker loads the compiled modules in dist/ (`npm run build`),
 * as the replication pool does under vitest (src/experiment/pool.ts).
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { ROOT } from './scenario.js';

const MODULES = {
  load: `${ROOT}dist/src/scenario/load.js`,
  run: `${ROOT}dist/src/experiment/runReplication.js`,
  derive: `${ROOT}dist/src/metrics/derive.js`,
};

// Plain JavaScript evaluated as the worker's entry (CommonJS; the project's ES modules come in by import()).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const modules = Promise.all([import(workerData.load), import(workerData.run), import(workerData.derive)]);
parentPort.on('message', async (job) => {
  const started = Date.now();
  try {
    const [{ parseScenarioText }, { runReplication }, { deriveMetrics }] = await modules;
    let loaded;
    try {
      loaded = parseScenarioText(job.text, job.file);
    } catch (error) {
      parentPort.postMessage({ id: job.id, kind: 'rejected', name: error && error.name, message: error && error.message, file: error && error.file, problems: error && error.problems, stack: error && error.stack });
      return;
    }
    const runs = [];
    for (const policy of Object.keys(loaded.scenario.policies)) {
      const policyStarted = Date.now();
      const result = await runReplication(loaded, policy, job.replication, { deadlineMs: Date.now() + job.budgetMs });
      const metrics = deriveMetrics(result);
      runs.push({ policy, metrics, json: JSON.stringify(metrics), stopped: result.stopped, leads: result.counts.leads, events: result.events, ms: Date.now() - policyStarted, result });
    }
    parentPort.postMessage({ id: job.id, kind: 'ran', runs, ms: Date.now() - started });
  } catch (error) {
    parentPort.postMessage({ id: job.id, kind: 'crashed', name: error && error.name, message: String(error && error.message), stack: error && error.stack });
  }
});
`;

export interface PolicyRun {
  policy: string;
  metrics: Record<string, unknown>;
  /** JSON.stringify of the metrics, made in the worker. */
  json: string;
  stopped: string | null;
  leads: number;
  events: number;
  ms: number;
  /** The ReplicationResult as plain data (NaN survives structured clone, so it can be checked). */
  result: Record<string, unknown>;
}

export type RunOutcome =
  | { kind: 'ran'; runs: PolicyRun[]; ms: number }
  | { kind: 'rejected'; name: string; message: string; file?: string; problems?: { path: string; message: string; line?: number }[]; stack?: string }
  | { kind: 'crashed'; name: string; message: string; stack?: string }
  | { kind: 'hang'; ms: number };

export class FuzzRunner {
  private worker: Worker;
  private nextId = 0;

  constructor() {
    for (const file of Object.values(MODULES)) {
      if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before the fuzz suite`);
    }
    this.worker = FuzzRunner.start();
  }

  private static start(): Worker {
    const workerData = Object.fromEntries(Object.entries(MODULES).map(([key, file]) => [key, pathToFileURL(file).href]));
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    worker.unref();
    return worker;
  }

  /**
   * Loads and runs `text` (every policy, one replication each, a deadline of `budgetMs` per replication); a case
   * with no answer after `hangMs` is reported as a hang and its thread terminated.
   */
  run(text: string, file: string, options: { budgetMs: number; hangMs: number; replication?: number }): Promise<RunOutcome> {
    const id = this.nextId++;
    const worker = this.worker;
    const started = Date.now();
    return new Promise<RunOutcome>((resolve) => {
      const onMessage = (message: RunOutcome & { id: number }) => {
        if (message.id !== id) return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        const { id: _id, ...outcome } = message;
        resolve(outcome as RunOutcome);
      };
      const onError = (error: Error) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        this.worker = FuzzRunner.start();
        resolve({ kind: 'crashed', name: error.name, message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) });
      };
      const timer = setTimeout(() => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        void worker.terminate();
        this.worker = FuzzRunner.start();
        resolve({ kind: 'hang', ms: Date.now() - started });
      }, options.hangMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, text, file, budgetMs: options.budgetMs, replication: options.replication ?? 0 });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { JobOutcome, WorkerTask } from '../../workers/replication.js';
import { InputError, UsageError } from '../errors.js';
import { withoutInherited } from '../scenario/inherited.js';
import type { LoadedScenario } from '../scenario/load.js';

/** How long loading a scenario's custom policy modules may take before the run is refused (a top-level hang). */
export const MODULE_LOAD_TIMEOUT_MS = 30_000;

export type { JobOutcome };

/** One task for the pool, and who hears the outcome of each of its jobs. */
export interface PoolBatch {
  task: WorkerTask;
  onOutcome: (outcome: JobOutcome) => void;
}

/** The compiled worker entry: dist/workers/replication.js (also when running from sources under vitest). */
function workerFile(): string {
  const beside = new URL('../../workers/replication.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside.href;
  return new URL('../../dist/workers/replication.js', import.meta.url).href;
}

/** The module files a scenario policy loads, as "scoring ../policies/x.mjs" with paths from the working directory. */
export function customModules(loaded: LoadedScenario, policy: string): string[] {
  const config = loaded.scenario.policies[policy];
  if (config === undefined) return [];
  return (['scoring', 'routing', 'sla', 'cadence'] as const).flatMap((kind) => {
    const module = config[kind].module;
    return module === undefined ? [] : [`${kind} ${relative(process.cwd(), resolve(dirname(loaded.file), module))}`];
  });
}

/** Whether a scenario policy loads any of its four policy kinds from a module file. */
export const namesCustomModule = (loaded: LoadedScenario, policy: string): boolean => customModules(loaded, policy).length > 0;

/**
 * Why a task's replication failed when its worker did not answer: what to suspect, the policy's own module files
 * (a hang or a crash is almost always custom code) or else a run that is only long.
 */
function lostWorker(policy: string, timedOutAfterMs: number | null, error: unknown, loaded: LoadedScenario | undefined): string {
  const modules = loaded === undefined ? [] : customModules(loaded, policy);
  if (timedOutAfterMs !== null) {
    const what = `did not finish within ${Number((timedOutAfterMs / 1000).toPrecision(3))} s (--job-timeout); its worker was replaced`;
    return modules.length > 0 ? `${what}; its custom code may never return (${modules.join(', ')})` : `${what}; raise --job-timeout if a replication is only long`;
  }
  const what = `worker failed: ${error instanceof Error ? error.message : String(error)}`;
  return modules.length > 0 ? `${what} (custom code: ${modules.join(', ')})` : what;
}

export const defaultWorkers = (): number => Math.max(1, availableParallelism());

/** The --workers value checked, or the machine's cores when it is not given. */
export function resolveWorkers(workers: number | undefined): number {
  const resolved = workers ?? defaultWorkers();
  if (!Number.isInteger(resolved) || resolved < 1) throw new UsageError(`--workers must be a whole number >= 1 (got ${resolved})`);
  return resolved;
}

/** Jobs per task for ~4 tasks per worker: set-up is paid per task while every thread stays busy to the end. */
export const batchSize = (jobs: number, workers: number): number => Math.max(1, Math.ceil(jobs / (workers * 4)));

/** Jobs per task of runBatches: one when jobs are timed, so a timed-out worker takes only its own job down. */
export const taskSize = (jobs: number, workers: number, timeoutMs: number | undefined): number => (timeoutMs === undefined ? batchSize(jobs, workers) : 1);

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

  /**
   * Runs every batch. A task that fails (its worker died, or it outlived timeoutMs and its worker was replaced)
   * settles as one failed outcome per job, so every job is heard from. With a timeout only `workers` tasks are in
   * flight, so each clock starts when its task starts. Resolves false when `signal` aborted the run.
   */
  async runBatches(batches: PoolBatch[], options: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined; loaded?: LoadedScenario } = {}): Promise<boolean> {
    const { signal, timeoutMs, loaded } = options;
    const runOne = ({ task, onOutcome }: PoolBatch): Promise<void> => {
      const timeout = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
      const taskSignal = signal === undefined ? timeout : timeout === undefined ? signal : AbortSignal.any([signal, timeout]);
      return this.run(task, taskSignal).then(
        (outcomes) => outcomes.forEach(onOutcome),
        (error: unknown) => {
          if (signal?.aborted) return;
          const timedOutAfterMs = timeout?.aborted ? timeoutMs! : null;
          for (const job of task.jobs) onOutcome({ ok: false, policy: job.policy, replication: job.replication, error: lostWorker(job.policy, timedOutAfterMs, error, loaded) });
        },
      );
    };
    const lanes = timeoutMs === undefined ? batches.length : Math.min(this.workers, batches.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < batches.length && !(signal?.aborted ?? false)) await runOne(batches[next++]!);
      }),
    );
    return !(signal?.aborted ?? false);
  }

  /**
   * Loads the policies' custom modules on a worker before any replication runs, when the scenario names any: a
   * module that is missing, does not load or lacks a method is then the scenario's InputError (exit 2, nothing
   * written) instead of a failure per replication. `timeoutMs` (default MODULE_LOAD_TIMEOUT_MS) guards against a
   * module whose loading never ends.
   */
  async checkPolicies(task: Omit<WorkerTask, 'jobs'>, loaded: LoadedScenario, policies: readonly string[], options: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined } = {}): Promise<void> {
    const custom = policies.filter((name) => namesCustomModule(loaded, name));
    if (custom.length === 0) return;
    const limitMs = options.timeoutMs ?? MODULE_LOAD_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(limitMs);
    const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
    let outcomes: JobOutcome[];
    try {
      outcomes = await this.run({ ...task, jobs: [], checkPolicies: custom }, signal);
    } catch (error) {
      if (options.signal?.aborted) return;
      const which = custom.map((name) => `"${name}"`).join(', ');
      const limit = `${Number((limitMs / 1000).toPrecision(3))} s${options.timeoutMs === undefined ? '' : ' (--job-timeout)'}`;
      if (timeout.aborted) throw new UsageError(`${loaded.file}: loading the custom policy modules of ${which} did not finish within ${limit}; a module's top-level code may never return`);
      throw new UsageError(`${loaded.file}: loading the custom policy modules of ${which} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const rejected = outcomes.flatMap((outcome) => (!outcome.ok && outcome.input !== undefined ? [outcome.input] : []));
    if (rejected.length > 0) throw new InputError(rejected[0]!.file, withoutInherited(rejected.flatMap((input) => input.problems), (policy) => (Object.hasOwn(loaded.scenario.policies, policy) ? loaded.scenario.policies[policy]!.extends : undefined)));
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

import { InputError, ReplicationsFailed } from '../../errors.js';
import type { ReplicationResult } from '../../metrics/result.js';
import { ReplicationPool, taskSize, type JobOutcome, type PoolBatch } from '../pool.js';
import type { StudyProgress } from '../study.js';
import { replicationKey, SearchStopped, type StaffingReplication } from './saved.js';
import type { ScenarioVariant } from './variant.js';

/** How a search can be stopped and resumed: replications finished by an earlier run are not run again. */
export interface RunnerResume {
  signal?: AbortSignal | undefined;
  done?: readonly StaffingReplication[] | undefined;
  /** Each replication as it finishes (to stream it to disk). */
  onResult?: ((entry: StaffingReplication) => void) | undefined;
}

/**
 * One worker pool for a whole staffing search: every headcount and what-if reuses the same threads, and
 * replication i of every run draws the same arrivals and lead attributes (common random numbers).
 */
export class StaffingRunner {
  private readonly pool: ReplicationPool;
  private readonly progress: StudyProgress = { done: 0, total: 0, simulatedLeads: 0 };
  private checked = false;
  private readonly finished = new Map<string, StaffingReplication>();
  private readonly signal: AbortSignal | undefined;
  private readonly onResult: ((entry: StaffingReplication) => void) | undefined;

  /** `jobTimeoutMs`: a replication (or a policy module's loading) that takes longer fails, its worker replaced. */
  constructor(
    readonly workers: number,
    private readonly onProgress?: (progress: StudyProgress) => void,
    private readonly jobTimeoutMs?: number,
    resume: RunnerResume = {},
  ) {
    this.pool = new ReplicationPool(workers);
    this.signal = resume.signal;
    this.onResult = resume.onResult;
    for (const entry of resume.done ?? []) this.finished.set(replicationKey(entry.team, entry.result.policy, entry.result.replication), entry);
  }

  /** Every replication finished so far, this run's and the resumed run's, in the order they finished. */
  get replications(): StaffingReplication[] {
    return [...this.finished.values()];
  }

  /**
   * Replications 0..n-1 of each policy on the variant, in replication order; any failed replication fails the run.
   * Replications already finished (an earlier run's, being resumed) are taken as they are; a stop leaves the rest unrun.
   */
  async run(variant: ScenarioVariant, policies: readonly string[], replications: number, whatIfs = false): Promise<Map<string, ReplicationResult[]>> {
    if (!this.checked) {
      // Headcount variants change only the team, so the policies' modules are checked once, on the first.
      try {
        // Messages name the user's file (variant.source), not the hidden variant beside it that the workers load.
        await this.pool.checkPolicies({ file: variant.file, text: variant.text, seed: variant.loaded.scenario.seed }, { ...variant.loaded, file: variant.source }, policies, { signal: this.signal, timeoutMs: this.jobTimeoutMs });
      } catch (error) {
        throw error instanceof InputError && error.file === variant.file ? new InputError(variant.source, error.problems) : error;
      }
      this.checked = true;
    }
    const results = new Map<string, ReplicationResult[]>(policies.map((policy) => [policy, []]));
    const jobs = policies.flatMap((policy) => Array.from({ length: replications }, (_, replication) => ({ policy, replication })));
    this.progress.total += jobs.length;
    // The search adds headcounts as it goes, so the total grows: the line says which team it is on.
    const team = Object.entries(variant.team).map(([pod, count]) => `${pod}=${count}`).join(', ');
    this.progress.stage = whatIfs ? `what-ifs at ${team}` : `trying ${team}`;
    const todo = jobs.filter((job) => {
      const done = this.finished.get(replicationKey(variant.team, job.policy, job.replication));
      if (done !== undefined) {
        results.get(job.policy)!.push(done.result);
        this.progress.done++;
      }
      return done === undefined;
    });
    this.onProgress?.(this.progress);
    const failures: string[] = [];
    const onOutcome = (outcome: JobOutcome): void => {
      if (outcome.ok) {
        results.get(outcome.result.policy)!.push(outcome.result);
        const entry = { team: { ...variant.team }, result: outcome.result };
        this.finished.set(replicationKey(variant.team, outcome.result.policy, outcome.result.replication), entry);
        this.onResult?.(entry);
        this.progress.simulatedLeads += outcome.result.simulatedLeads;
      } else failures.push(`replication ${outcome.replication} of policy "${outcome.policy}" failed: ${outcome.error}`);
      this.progress.done++;
      this.onProgress?.(this.progress);
    };
    const size = taskSize(todo.length, this.workers, this.jobTimeoutMs);
    const batches: PoolBatch[] = [];
    for (let start = 0; start < todo.length; start += size) {
      batches.push({ task: { file: variant.file, text: variant.text, seed: variant.loaded.scenario.seed, jobs: todo.slice(start, start + size) }, onOutcome });
    }
    if (!(await this.pool.runBatches(batches, { signal: this.signal, timeoutMs: this.jobTimeoutMs, loaded: variant.loaded }))) throw new SearchStopped(this.replications);
    if (failures.length > 0) throw new ReplicationsFailed(`${failures[0]} (team ${JSON.stringify(variant.team)}${failures.length > 1 ? `; ${failures.length - 1} more failed` : ''})`);
    for (const list of results.values()) list.sort((a, b) => a.replication - b.replication);
    return results;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

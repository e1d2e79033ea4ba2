import { InputError, ReplicationsFailed } from '../../errors.js';
import type { ReplicationResult } from '../../metrics/result.js';
import { ReplicationPool, taskSize, type JobOutcome, type PoolBatch } from '../pool.js';
import type { StudyProgress } from '../study.js';
import type { ScenarioVariant } from './variant.js';

/**
 * One worker pool for a whole staffing search: every headcount and what-if reuses the same threads, and
 * replication i of every run draws the same arrivals and lead attributes (common random numbers).
 */
export class StaffingRunner {
  private readonly pool: ReplicationPool;
  private readonly progress: StudyProgress = { done: 0, total: 0, simulatedLeads: 0 };
  private checked = false;

  /** `jobTimeoutMs`: a replication (or a policy module's loading) that takes longer fails, its worker replaced. */
  constructor(
    readonly workers: number,
    private readonly onProgress?: (progress: StudyProgress) => void,
    private readonly jobTimeoutMs?: number,
  ) {
    this.pool = new ReplicationPool(workers);
  }

  /** Replications 0..n-1 of each policy on the variant, in replication order; any failed replication fails the run. */
  async run(variant: ScenarioVariant, policies: readonly string[], replications: number): Promise<Map<string, ReplicationResult[]>> {
    if (!this.checked) {
      // Headcount variants change only the team, so the policies' modules are checked once, on the first.
      try {
        // Messages name the user's file (variant.source), not the hidden variant beside it that the workers load.
        await this.pool.checkPolicies({ file: variant.file, text: variant.text, seed: variant.loaded.scenario.seed }, { ...variant.loaded, file: variant.source }, policies, { timeoutMs: this.jobTimeoutMs });
      } catch (error) {
        throw error instanceof InputError && error.file === variant.file ? new InputError(variant.source, error.problems) : error;
      }
      this.checked = true;
    }
    const jobs = policies.flatMap((policy) => Array.from({ length: replications }, (_, replication) => ({ policy, replication })));
    this.progress.total += jobs.length;
    this.onProgress?.(this.progress);
    const results = new Map<string, ReplicationResult[]>(policies.map((policy) => [policy, []]));
    const failures: string[] = [];
    const onOutcome = (outcome: JobOutcome): void => {
      if (outcome.ok) {
        results.get(outcome.result.policy)!.push(outcome.result);
        this.progress.simulatedLeads += outcome.result.simulatedLeads;
      } else failures.push(`replication ${outcome.replication} of policy "${outcome.policy}" failed: ${outcome.error}`);
      this.progress.done++;
      this.onProgress?.(this.progress);
    };
    const size = taskSize(jobs.length, this.workers, this.jobTimeoutMs);
    const batches: PoolBatch[] = [];
    for (let start = 0; start < jobs.length; start += size) {
      batches.push({ task: { file: variant.file, text: variant.text, seed: variant.loaded.scenario.seed, jobs: jobs.slice(start, start + size) }, onOutcome });
    }
    await this.pool.runBatches(batches, { timeoutMs: this.jobTimeoutMs });
    if (failures.length > 0) throw new ReplicationsFailed(`${failures[0]} (team ${JSON.stringify(variant.team)}${failures.length > 1 ? `; ${failures.length - 1} more failed` : ''})`);
    for (const list of results.values()) list.sort((a, b) => a.replication - b.replication);
    return results;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

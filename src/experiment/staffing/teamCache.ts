import type { ReplicationResult } from '../../metrics/result.js';
import type { LoadedScenario } from '../../scenario/load.js';
import type { StaffingPlan } from './plan.js';
import type { StaffingRunner } from './runner.js';
import { scenarioVariant } from './variant.js';

/** Simulates each distinct team once per study; `order` numbers the runs for the search path. */
export class TeamCache {
  private readonly runs = new Map<string, { results: ReplicationResult[]; order: number }>();

  constructor(
    private readonly loaded: LoadedScenario,
    private readonly plan: StaffingPlan,
    private readonly runner: StaffingRunner,
  ) {}

  async simulate(team: Record<string, number>): Promise<{ results: ReplicationResult[]; order: number }> {
    const key = JSON.stringify(team);
    let run = this.runs.get(key);
    if (run === undefined) {
      const variant = scenarioVariant(this.loaded, team, {}, this.loaded.scenario.seed);
      const results = (await this.runner.run(variant, [this.plan.policy], this.plan.replications)).get(this.plan.policy)!;
      run = { results, order: this.runs.size + 1 };
      this.runs.set(key, run);
    }
    return run;
  }
}

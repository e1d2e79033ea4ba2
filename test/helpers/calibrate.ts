import { expect } from 'vitest';
import type { CalibrateResult } from '../../src/experiment/calibrate.js';
import type { Tally } from '../../src/experiment/calibrate/runner.js';
import { runReplication } from '../../src/experiment/runReplication.js';

/** Counts summed. */
export const pooled = (tallies: Tally[]): Tally => tallies.reduce((total, t) => ({ count: total.count + t.count, of: total.of + t.of }), { count: 0, of: 0 });

/** Distinct MQL leads and wins per source, summed over `count` replications of policy "current" from `first`. */
export async function simulateBySource(loaded: CalibrateResult['loaded'], first: number, count: number): Promise<Map<string, Tally>> {
  const tallies = new Map<string, Tally>();
  for (let replication = first; replication < first + count; replication++) {
    for (const source of (await runReplication(loaded, 'current', replication)).sources) {
      const tally = tallies.get(source.name) ?? { count: 0, of: 0 };
      tallies.set(source.name, { count: tally.count + source.won, of: tally.of + source.mqls });
    }
  }
  return tallies;
}

/** |sim - data| <= 4 sqrt(se_sim^2 + se_data^2), each binomial standard error from that side's own counts. */
export function expectWithinSampling(sim: Tally, data: Tally, label: string): void {
  const p = sim.count / sim.of;
  const q = data.count / data.of;
  const bound = 4 * Math.sqrt((p * (1 - p)) / sim.of + (q * (1 - q)) / data.of);
  expect(Math.abs(p - q), `${label}: simulated ${sim.count}/${sim.of} vs export ${data.count}/${data.of}`).toBeLessThanOrEqual(bound);
}

import { describe, expect, it } from 'vitest';
import { policyDeltas } from '../src/experiment/aggregate.js';
import { runReplication } from '../src/experiment/runReplication.js';
import { deriveMetrics } from '../src/metrics/derive.js';
import type { ReplicationResult } from '../src/metrics/result.js';
import { meanInterval } from '../src/experiment/statistics.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

const loaded = loadScenarioFile(`${ROOT}test/fixtures/reliability/long-run.yaml`);
const run = (policy: string, replications: number[]): Promise<ReplicationResult[]> => Promise.all(replications.map((r) => runReplication(loaded, policy, r)));

describe('paired differences', () => {
  it('pair replications by number, so one missing under a policy drops only its own pair', async () => {
    const baseline = await run('current', [0, 1, 2, 3, 4]);
    // Replication 1 failed (or was cut off) under the challenger only.
    const challenger = await run('tighter', [0, 2, 3, 4]);
    const mqls = (result: ReplicationResult): number => deriveMetrics(result).mqls!;
    const expected = meanInterval([0, 2, 3, 4].map((r) => mqls(challenger.find((c) => c.replication === r)!) - mqls(baseline[r]!)));
    const delta = policyDeltas('current', baseline, 'tighter', challenger).metrics.mqls!;
    expect(delta.difference).toBeCloseTo(expected.mean, 6);
    expect(delta.ci95[0]).toBeCloseTo(expected.mean - expected.halfWidth, 6);
    // Values are rounded to 10 significant digits in the summary, hence 6 decimals here. The baseline side is the same four replications.
    expect(delta.baseline).toBeCloseTo([0, 2, 3, 4].reduce((sum, r) => sum + mqls(baseline[r]!), 0) / 4, 6);
  });
});

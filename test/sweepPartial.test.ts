import { describe, expect, it } from 'vitest';
import { planSweep, runSweep } from '../src/experiment/sweep.js';
import type { ReplicationResult } from '../src/metrics/result.js';
import { sweepTable } from '../src/report/sweepTable.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

// An interrupted sweep used to label the replications it never ran as failed, and to name a best point as if the
// sweep were whole. The partial sweep here is made exactly: the finished replications of a full run are handed back
// as already done, and the pool is stopped before it starts anything.
describe('a partial sweep', () => {
  it('says which replications were not run, and that its best point is the best so far', async () => {
    const fixture = loadScenarioFile(`${ROOT}test/fixtures/sweep/short.yaml`);
    const plan = planSweep(fixture, { params: ['policies.current.scoring.threshold=55,65,75'], replications: 3, maximize: 'pipeline' });
    const finished: { point: number; result: ReplicationResult }[] = [];
    const whole = await runSweep(plan, { workers: 2, onResult: (point, result) => finished.push({ point, result }) });
    expect(sweepTable(whole)).not.toMatch(/not run|failed|so far/);
    // Point 0 keeps all three replications, point 1 one, point 2 none.
    const kept = finished.filter(({ point, result }) => point === 0 || (point === 1 && result.replication === 0));
    const stopped = new AbortController();
    stopped.abort();
    const partial = await runSweep(plan, { workers: 1, done: kept, signal: stopped.signal });
    expect(partial.complete).toBe(false);
    expect(partial.failures).toEqual([]);
    const rows = sweepTable(partial).split('\n');
    expect(rows.find((row) => /^\s*55 /.test(row))).not.toMatch(/not run|failed/);
    expect(rows.find((row) => /^\s*65 /.test(row))).toMatch(/2 replication\(s\) not run \(interrupted\)$/);
    expect(rows.find((row) => /^\s*75 /.test(row))).toMatch(/3 replication\(s\) not run \(interrupted\)$/);
    expect(sweepTable(partial)).toMatch(/Best point \(so far: the sweep was interrupted, and this is the best among the replications that finished\): /);
    expect(sweepTable(partial)).not.toMatch(/failed/);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSweep, runSweep } from '../src/experiment/sweep.js';
import type { ReplicationResult } from '../src/metrics/result.js';
import { sweepHtml } from '../src/report/sweepReport.js';
import { sweepTable } from '../src/report/sweepTable.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

// An interrupted sweep used to label the replications it never ran as failed, and to name a best point as if the
// sweep were whole. The partial sweep here is made exactly: the finished replications of a full run are handed back
// as already done, and the pool is stopped before it starts anything.
describe('a partial sweep', () => {
  it('says which replications were not run, and that its best point is the best so far', async () => {
    const fixture = loadScenarioFile(`${ROOT}test/fixtures/sweep/short.yaml`);
    const plan = planSweep(fixture, { params: ['policies.current.scoring.threshold=55,65,75'], replications: 3, maximize: 'pipeline', require: ['contactRate>=0.01'] });
    const finished: { point: number; result: ReplicationResult }[] = [];
    const whole = await runSweep(plan, { workers: 2, onResult: (point, result) => finished.push({ point, result }) });
    expect(sweepTable(whole)).not.toMatch(/not run|failed|so far/);
    // Point 0 keeps all three replications, point 1 two, point 2 none.
    const kept = finished.filter(({ point, result }) => point === 0 || (point === 1 && result.replication < 2));
    const stopped = new AbortController();
    stopped.abort();
    const partial = await runSweep(plan, { workers: 1, done: kept, signal: stopped.signal });
    expect(partial.complete).toBe(false);
    expect(partial.failures).toEqual([]);
    const rows = sweepTable(partial).split('\n');
    expect(rows.find((row) => /^\s*55 /.test(row))).not.toMatch(/not run|failed/);
    // One replication reads as one ("1 replication(s) not run" before).
    // The scenario's own value is one more note of the list ("(scenario value)" read as a broken list after "fails ...;").
    expect(rows.find((row) => /^\s*65 /.test(row))).toMatch(/; scenario value; 1 replication not run \(interrupted\)$/);
    // A point never run has not failed the constraint: it says so, and sweep.json does not list a violation.
    expect(rows.find((row) => /^\s*75 /.test(row))).toMatch(/ - +not run \(interrupted\)$/);
    expect(partial.points[2]).toMatchObject({ replications: 0, feasible: false, violations: [] });
    expect(sweepTable(partial)).toMatch(/Best point \(so far: the sweep was interrupted, and this is the best among the replications that finished\): /);
    expect(sweepTable(partial)).not.toMatch(/failed|fails/);

    // Stopped before any replication finished: nothing to judge, rather than "undefined at every point".
    const none = await runSweep(plan, { workers: 1, done: [], signal: stopped.signal });
    expect(sweepTable(none)).toMatch(/\nNo best point: no point has finished a replication yet \(the sweep was interrupted: 3 of 3 points not run yet; finish it with --resume\)\.$/);
  });

  it('a one-point sweep stopped before it ran says "1 of 1 point not run yet"', async () => {
    const plan = planSweep(loadScenarioFile(`${ROOT}test/fixtures/sweep/short.yaml`), { params: ['policies.current.scoring.threshold=65'], replications: 2, maximize: 'pipeline' });
    const stopped = new AbortController();
    stopped.abort();
    const partial = await runSweep(plan, { workers: 1, signal: stopped.signal });
    expect(sweepTable(partial)).toMatch(/\(the sweep was interrupted: 1 of 1 point not run yet; finish it with --resume\)\.$/);
  });

  // The report's table marked only the best point; the terminal's also names the points tied with it.
  it('the report marks the points the best cannot be told apart from, as the table does', async () => {
    const plan = planSweep(loadScenarioFile(`${ROOT}test/fixtures/sweep/short.yaml`), { params: ['policies.current.scoring.threshold=55,65,75'], replications: 2, maximize: 'pipeline' });
    const whole = await runSweep(plan, { workers: 2 });
    const other = whole.points.find((point) => point.index !== whole.best!.index)!;
    const sweep = { ...whole, best: { ...whole.best!, ties: [], statisticallyTied: [other.index] } };
    const row = (html: string, value: number) => html.split('\n').find((line) => line.startsWith(`<tr`) && line.includes(`<td>${value}</td>`))!;
    expect(row(sweepHtml(sweep, []), other.values['policies.current.scoring.threshold']!)).toContain('<td class="text">not significantly different</td>');
    expect(sweepTable(sweep).split('\n').find((line) => new RegExp(`^\\s*${other.values['policies.current.scoring.threshold']} `).test(line))).toMatch(/not significantly different$/);
  });

  // A replication cut short by limits.maxLeads was counted in sweep.json alone: the table read as a whole run.
  it('says which points stopped early on a limit, and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-sweep-limit-'));
    const file = join(dir, 'limited.yaml');
    writeFileSync(file, `${readFileSync(`${ROOT}test/fixtures/sweep/short.yaml`, 'utf8')}\nlimits: { maxLeads: 400 }\n`);
    const plan = planSweep(loadScenarioFile(file), { params: ['team.sdr.count=2,3'], replications: 2 });
    const sweep = await runSweep(plan, { workers: 1 });
    expect(sweep.points.map((point) => point.stoppedEarly)).toEqual([2, 2]);
    expect(sweep.points[0]!.stopReason).toMatch(/^lead limit reached \(limits\.maxLeads = 400\) at minute \d+$/);
    const table = sweepTable(sweep);
    expect(table).toMatch(/ 2 stopped early \(see below\)\n/);
    expect(sweepHtml(sweep, [])).toContain('2 replications stopped early: lead limit reached');
    expect(table).toMatch(/\nStopped early \(partial results: these figures cover only part of the horizon; raise the limit or shorten the run\):\n {2}team\.sdr\.count=2: 2 of 2 replications, e\.g\. lead limit reached \(limits\.maxLeads = 400\) at minute \d+\n/);
  });
});

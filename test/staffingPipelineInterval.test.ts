import { describe, expect, it } from 'vitest';
import { runStaffing } from '../src/experiment/staffing.js';
import { parseTarget } from '../src/experiment/staffing/target.js';
import { dollars } from '../src/report/format.js';
import { staffingHtml } from '../src/report/staffingReport.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

// The staffing report printed a headcount's pipeline interval as "$-1.2M – $3.4M": pipeline is never negative, so
// its interval is shown clipped at $0 as the compare report's are (summary.json and curve.csv keep the raw interval).
describe('the staffing report\u2019s pipeline interval', () => {
  it('is clipped at $0', async () => {
    const study = await runStaffing(loadScenarioFile(`${ROOT}test/fixtures/staffing/small-queue.yaml`), { targets: [parseTarget('all:0.5@20s')], replications: 2, workers: 1, whatIfs: false });
    const [first, ...rest] = study.summary.curve;
    const high = first!.pipeline.mean * 2 + 1;
    // A normal interval of a noisy mean reaching below zero, as two replications can give.
    const curve = [{ ...first!, pipeline: { ...first!.pipeline, ci95: [-first!.pipeline.mean - 1, high] as [number, number] } }, ...rest];
    const html = staffingHtml({ ...study, summary: { ...study.summary, curve } }, '<svg></svg>', ['staff']);
    expect(html).not.toMatch(/<span class="ci">\$-/);
    expect(html).toContain(`<span class="ci">$0 – ${dollars(high)}</span>`);
  });
});

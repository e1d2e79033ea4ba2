import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { runStaffing, type StaffingOptions } from '../src/experiment/staffing.js';
import { parseTarget } from '../src/experiment/staffing/target.js';
import { answerLines } from '../src/report/staffingReport.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

const small = loadScenarioFile(`${ROOT}test/fixtures/staffing/small-launch.yaml`);
const queue = loadScenarioFile(`${ROOT}test/fixtures/staffing/erlang-c.yaml`);
const hot = [parseTarget('hot:0.8@5m')];

/** Each mistake is a UsageError (the CLI prints it and exits 2), raised before any replication runs. */
const cases: [string, Parameters<typeof runStaffing>[0], Partial<StaffingOptions>, RegExp][] = [
  ['no targets', small, { targets: [] }, /--target is needed at least once/],
  ['--min 0', small, { min: 0 }, /--min must be a whole number >= 1 \(got 0\)/],
  ['--min 1.5', small, { min: 1.5 }, /--min must be a whole number >= 1 \(got 1.5\)/],
  ['--confidence 1.2', small, { confidence: 1.2 }, /--confidence must be at least 0.5 and below 1, e.g. 0.95 \(got 1.2\)/],
  ['--confidence 0.3', small, { confidence: 0.3 }, /--confidence must be at least 0.5/],
  ['one replication', small, { replications: 1 }, /--replications must be a whole number >= 2 \(got 1\)/],
  // The 1 came from the scenario file, which the message did not name: it blamed a flag the user never gave.
  ['one replication in the scenario', { ...small, scenario: { ...small.scenario, replications: 1 } }, {}, /small-launch\.yaml has replications: 1, and a staffing search needs at least 2 per headcount .*give --replications 10 or more/],
  ['unknown policy', small, { policy: 'nope' }, /policy "nope" is not defined .*defined: current, surge-protocol/],
  ['a role the team does not have', queue, { targets: [parseTarget('all:0.8@20s')], role: 'ae' }, /--role ae: the team in .* has no pod with role ae; pods: sdr \(sdr\)/],
  ['occupancy cap above 1', small, { caps: { maxOccupancy: 1.5 } }, /--max-occupancy must be a fraction above 0 and at most 1/],
  ['shrinkage of 1', small, { caps: { shrinkage: 1 } }, /--shrinkage must be a fraction from 0 up to \(not including\) 1/],
  ['workers 0', small, { workers: 0 }, /--workers must be a whole number >= 1 \(got 0\)/],
];

describe('staffing options are checked before anything is simulated', () => {
  it.each(cases)('%s', async (_name, loaded, options, message) => {
    const run = runStaffing(loaded, { targets: hot, ...options });
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(message);
  });
});

// A search whose replications stopped at limits.maxLeads printed a normal-looking answer: nothing said the figures
// covered only part of the horizon.
describe('a staffing search on replications cut short by a limit', () => {
  it('says so in summary.json and beside the answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-staff-limit-'));
    const file = join(dir, 'limited.yaml');
    writeFileSync(file, `extends: ${relative(dir, `${ROOT}test/fixtures/staffing/small-queue.yaml`)}\nlimits: { maxLeads: 4000 }\n`);
    const { summary } = await runStaffing(loadScenarioFile(file), { targets: [parseTarget('all:0.5@20s')], replications: 2, workers: 1, whatIfs: false });
    expect(summary.stoppedEarly).toMatchObject({ replications: summary.stoppedEarly!.of, example: expect.stringMatching(/^lead limit reached \(limits\.maxLeads = 4000\) at minute \d+$/) as unknown });
    expect(answerLines(summary).at(-1)).toMatch(/^Partial results: (\d+) of \1 replications stopped early \(e\.g\. lead limit reached \(limits\.maxLeads = 4000\) at minute \d+\), so their figures cover only part of the horizon; raise the limit or shorten the run\.$/);
    // Without the limit: nothing to say.
    const whole = await runStaffing(loadScenarioFile(`${ROOT}test/fixtures/staffing/small-queue.yaml`), { targets: [parseTarget('all:0.5@20s')], replications: 2, workers: 1, whatIfs: false });
    expect(whole.summary.stoppedEarly).toBeNull();
    expect(answerLines(whole.summary).join('\n')).not.toMatch(/Partial results/);
  });
});

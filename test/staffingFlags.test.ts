import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { runStaffing, type StaffingOptions } from '../src/experiment/staffing.js';
import { parseTarget } from '../src/experiment/staffing/target.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

const small = loadScenarioFile(`${ROOT}test/fixtures/staffing/small-launch.yaml`);
const queue = loadScenarioFile(`${ROOT}test/fixtures/staffing/erlang-c.yaml`);
const hot = [parseTarget('hot:0.8@5m')];

/** Each mistake is a UsageError (the CLI prints it and exits 2), raised before any replication runs. */
const cases: [string, Parameters<typeof runStaffing>[0], Partial<StaffingOptions>, RegExp][] = [
  ['no targets', small, { targets: [] }, /give at least one --target/],
  ['--min 0', small, { min: 0 }, /--min must be a whole number >= 1 \(got 0\)/],
  ['--min 1.5', small, { min: 1.5 }, /--min must be a whole number >= 1 \(got 1.5\)/],
  ['--confidence 1.2', small, { confidence: 1.2 }, /--confidence must be at least 0.5 and below 1, e.g. 0.95 \(got 1.2\)/],
  ['--confidence 0.3', small, { confidence: 0.3 }, /--confidence must be at least 0.5/],
  ['one replication', small, { replications: 1 }, /--replications must be a whole number >= 2 \(got 1\)/],
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

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plural } from '../src/report/format.js';
import { cli, ROOT } from './helpers/scenario.js';

const out = () => join(mkdtempSync(join(tmpdir(), 'handoff-plural-')), 'run');

describe('a count of one reads singular', () => {
  it('plural adds the s to every count but one', () => {
    expect([0, 1, 2, 1.25].map((n) => plural(n, 'SDR'))).toEqual(['0 SDRs', '1 SDR', '2 SDRs', '1.25 SDRs']);
  });

  it('staff: a recommended headcount of one is "1 AE", in the answer and the comparison with the formulas', () => {
    // A target any team meets: the search comes down to one AE.
    const run = cli(['staff', 'test/fixtures/staffing/small-launch.yaml', '--target', 'hot:0.01@1d', '--role', 'ae', '--replications', '2', '--no-what-ifs', '--workers', '2', '--quiet', '--out', out()]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Recommended: 1 AE in pod "ae" (2 today)');
    expect(run.stdout).toContain('The simulation needs 1 AE (pod "ae")');
  });

  it('simulate stopped at the time limit with one replication planned: "0 of 1 replication per policy finished"', () => {
    const run = cli(['simulate', 'test/fixtures/reliability/slow-replication.yaml', '--replications', '1', '--workers', '1', '--timeout', '1', '--quiet', '--out', out()]);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/^stopped at the time limit: 0 of 1 replication per policy finished;/m);
  });

  it('backtest on an export of one lead says "1 historical lead", in its text and its chart title', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'handoff-plural-')), 'one.csv');
    writeFileSync(file, readFileSync(`${ROOT}test/fixtures/crm/backtest-small.csv`, 'utf8').split('\n').slice(0, 2).join('\n') + '\n');
    const dir = out();
    const run = cli(['backtest', '--leads', file, '--map', 'test/fixtures/crm/small-mapping.yaml', '--scenario', 'scenarios/baseline.yaml', '--out', dir]);
    expect(run.stdout).toContain(' on 1 historical lead from ');
    expect(readFileSync(join(dir, 'backtest.svg'), 'utf8')).toContain('on 1 historical lead<');
  });

  it('calibrate --replications 1 reports "1 replication" for the funnel and the per-source fit', () => {
    const run = cli(['calibrate', '--leads', 'examples/hubspot-contacts.csv', '--map', 'mappings/hubspot-contacts.yaml', '--replications', '1']);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^Funnel tuned: .* \(1 replication, \d+ steps?\)$/m);
    expect(run.stderr).toMatch(/^Per-source qualityShift fitted to each source's MQL -> won \(1 replication, \d+ steps?, /m);
    expect(run.stdout).toMatch(/over 1 replication\b/);
  });
});

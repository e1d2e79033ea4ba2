import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../src/engine/world.js';
import { calibrate, type CalibrateResult } from '../src/experiment/calibrate.js';
import { replayFrame } from '../src/leads/replay/frame.js';
import { readExport, type ExportData } from '../src/leads/replay/readExport.js';
import { runReplay } from '../src/leads/replay/replayStudy.js';
import { expectWithinSampling, pooled, simulateBySource } from './helpers/calibrate.js';
import { cli, ROOT } from './helpers/scenario.js';

const DATA = `${ROOT}../shared/data/olist-marketing-funnel`;
const MQLS = `${DATA}/mqls.csv`;
const present = existsSync(MQLS) && existsSync(`${DATA}/closed_deals.csv`);
const SKIP_REASON = `skipped: the Olist marketing-funnel data (mqls.csv, closed_deals.csv) is not at ${DATA}`;
if (!present) console.warn(`calibrateOlist.test.ts ${SKIP_REASON}`);

/** MQL -> won by origin straight from the two files, without any of the replay code. */
function independentFigures(): { byOrigin: Map<string, { mqls: number; won: number }>; sdrs: number; closers: number } {
  const mqls = parse(readFileSync(MQLS, 'utf8'), { columns: true }) as Record<string, string>[];
  const deals = parse(readFileSync(`${DATA}/closed_deals.csv`, 'utf8'), { columns: true }) as Record<string, string>[];
  const won = new Set(deals.map((deal) => deal.mql_id));
  const byOrigin = new Map<string, { mqls: number; won: number }>();
  for (const row of mqls) {
    const entry = byOrigin.get(row.origin!) ?? { mqls: 0, won: 0 };
    entry.mqls++;
    if (won.has(row.mql_id!)) entry.won++;
    byOrigin.set(row.origin!, entry);
  }
  return { byOrigin, sdrs: new Set(deals.map((deal) => deal.sdr_id)).size, closers: new Set(deals.map((deal) => deal.sr_id)).size };
}

describe.skipIf(!present)(present ? 'calibrate on the Olist marketing funnel (real data)' : `calibrate on the Olist marketing funnel (${SKIP_REASON})`, () => {
  let data: ExportData;
  let result: CalibrateResult;
  beforeAll(async () => {
    data = readExport(MQLS, `${ROOT}mappings/olist-marketing-funnel.yaml`);
    // The CLI's default: 5 tuning replications (0-4).
    result = await calibrate(data, { scenarioFile: join(mkdtempSync(join(tmpdir(), 'olist-')), 'olist.yaml') });
  });

  it('uses all 8,000 MQLs, joined with the 842 closed deals', () => {
    expect(data.totalRows).toBe(8000);
    expect(data.leads).toHaveLength(8000);
    expect(data.unusableRows).toBe(0);
    expect(result.calibration.overall!.reached.won).toBe(842);
  });

  it('MQL -> won overall is the data\u2019s 10.5% (SOURCE.md)', () => {
    expect(result.calibration.overall!.mqlToPositive.rate).toBeCloseTo(842 / 8000, 12);
    expect(result.calibration.overall!.mqlToPositive.rate!.toFixed(3)).toBe('0.105');
  });

  it('MQL -> won by origin equals the rate computed from the files independently', () => {
    const { byOrigin } = independentFigures();
    // The mapping names the empty origin (published as "NaN") no-origin; every other origin keeps its name.
    const named = (origin: string) => (origin === 'NaN' ? 'no-origin' : origin);
    expect(result.calibration.sources.map((source) => source.name).sort()).toEqual([...byOrigin.keys()].map(named).sort());
    for (const [origin, figures] of byOrigin) {
      const source = result.calibration.sources.find((entry) => entry.name === named(origin))!;
      expect(source.leads).toBe(figures.mqls);
      expect(source.conversion!.mqlToPositive.count).toBe(figures.won);
      expect(source.conversion!.mqlToPositive.rate).toBeCloseTo(figures.won / figures.mqls, 12);
    }
  });

  it('team size is the distinct SDRs and closers in the deals: 32 and 22 (SOURCE.md)', () => {
    const { sdrs, closers } = independentFigures();
    expect([sdrs, closers]).toEqual([32, 22]);
    expect(result.calibration.team).toEqual({ sdr: 32, ae: 22, from: { sdr: 'owners', ae: 'owners' } });
  });

  it('the engine\u2019s arrival rates from the fitted volumes, shape and trend expect each origin\u2019s count over the 50.3 weeks', () => {
    const { period, sources } = result.calibration;
    expect(period).toMatchObject({ start: '2017-06-14', end: '2018-05-31', days: 352, timesOfDay: 'spread' });
    expect(result.loaded.scenario.horizonWeeks).toBeCloseTo(352 / 7, 12);
    const world = new World(result.loaded.scenario);
    world.sourceNames.forEach((name, index) => {
      const expected = world.sourceRates[index]!.reduce((sum, rate) => sum + rate * 60, 0);
      const leads = sources.find((source) => source.name === name)!.leads;
      // The Poisson fit keeps each total; rounding of the written weights and DST days move it by well under 1%.
      expect(Math.abs(expected - leads) / leads).toBeLessThan(0.01);
    });
    // Growth: Olist's volume rose through the year in every large channel.
    for (const source of sources.filter((entry) => entry.leads > 1000)) expect(source.trendCi95![0]).toBeGreaterThan(0);
  });

  it('the tuned funnel makes the simulated lead -> won match 10.5% within the tuning tolerance', () => {
    const funnel = result.calibration.funnel!;
    expect(funnel.reached).toBe(true);
    const tolerance = Math.max(0.001, 0.25 * Math.sqrt((0.10525 * 0.89475) / 8000));
    expect(Math.abs(funnel.simulated.rate! - 0.10525)).toBeLessThanOrEqual(tolerance);
  });

  it('every origin has 60+ MQLs, so each gets its own fitted qualityShift, written with what it was fitted against', () => {
    const fit = result.calibration.sourceFit!;
    expect(fit.reached).toBe(true);
    expect(fit.unfitted).toEqual([]);
    expect(fit.groups.every((group) => !group.pooled && group.sources.length === 1)).toBe(true);
    expect(fit.groups.map((group) => group.sources[0]).sort()).toEqual(result.calibration.sources.map((source) => source.name).sort());
    for (const group of fit.groups) {
      const name = group.sources[0]!;
      const source = result.calibration.sources.find((entry) => entry.name === name)!;
      expect(group.target.of).toBeGreaterThanOrEqual(60);
      expect(group.target).toEqual(source.conversion!.mqlToPositive);
      expect(result.loaded.scenario.sources[name]!.qualityShift).toBe(group.shift);
      expect(result.scenarioText).toContain(`qualityShift: ${group.shift} # fitted by calibrate: MQL -> won in the export ${group.target.count}/${group.target.of} = `);
    }
    // Data: unknown converts best of the big origins (16.3%), email worst (3.0%).
    const shift = (name: string) => fit.groups.find((group) => group.sources[0] === name)!.shift;
    expect(shift('unknown')).toBeGreaterThan(shift('organic_search'));
    expect(shift('organic_search')).toBeGreaterThan(shift('social'));
    expect(shift('social')).toBeGreaterThan(shift('email'));
  });

  it('simulating the calibrated scenario reproduces each origin\u2019s MQL -> won within sampling error', async () => {
    // Replications 10-13: none was used in tuning (0-4), so this checks the scenario, not the fit itself.
    const simulated = await simulateBySource(result.loaded, 10, 4);
    const { byOrigin } = independentFigures();
    for (const [origin, figures] of byOrigin) {
      const name = origin === 'NaN' ? 'no-origin' : origin;
      expectWithinSampling(simulated.get(name)!, { count: figures.won, of: figures.mqls }, name);
    }
    // Together: every lead is an MQL on both sides, so the pooled rates compare directly with 842 / 8,000.
    expectWithinSampling(pooled([...simulated.values()]), { count: 842, of: 8000 }, 'all origins');
  });

  it('replaying the 8,000 MQLs through the calibrated scenario simulates every one of them', async () => {
    const study = await runReplay(replayFrame(result.loaded, data), { replications: 1 });
    expect(study.results.get('current')![0]!.counts.leads).toBe(8000);
    // Every Olist row is an MQL, so the calibrated policy hands each one to sales.
    expect(study.results.get('current')![0]!.counts.mqls).toBeGreaterThanOrEqual(8000);
  });

  it('the CLI prints the per-origin fit, writes a scenario that validates and refuses to overwrite it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'olist-cli-')), 'olist.yaml');
    const args = ['calibrate', '--leads', MQLS, '--map', 'mappings/olist-marketing-funnel.yaml', '--out', out];
    const run = cli(args);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/organic_search\s+2296\s+28\.7%.*11\.8% \[10\.5%, 13\.2%\]/);
    expect(run.stdout).toMatch(/all sources\s+8000\s+100\.0%.*10\.5% \[9\.9%, 11\.2%\]/);
    expect(run.stdout).toMatch(/Per-source qualityShift fitted to each source's MQL -> won \(5 replications, \d+ steps, every source within tolerance/);
    // The CLI prints the same fit as the library (same export, same seeds).
    const email = result.calibration.sourceFit!.groups.find((group) => group.sources[0] === 'email')!;
    expect(run.stdout).toMatch(new RegExp(`email\\s+493\\s+3\\.0% \\[1\\.9%, 5\\.0%\\]\\s+${email.shift.toFixed(3).replace(/^(?=\d)/, '\\+')}\\s+\\d+\\.\\d\\d%`));
    expect(run.stdout).toMatch(/All sources at the fitted shifts: simulated MQL -> won \d+\.\d\d%; the export's per-source rates at the simulated source mix give \d+\.\d\d% \(export overall 10\.53%\)/);
    const validate = cli(['validate', out]);
    expect(validate.status).toBe(0);
    expect(validate.stdout).toMatch(/ok — "olist-marketing-funnel-calibrated", .* 11 sources, 54 reps, policies: current/);
    const again = cli(args);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists; calibrate never overwrites/);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { calibrate, type CalibrateResult } from '../src/experiment/calibrate.js';
import { runReplication } from '../src/experiment/runReplication.js';
import { generatedCsv, generateLeads, type Generated } from '../src/leads/generate.js';
import { readExport, type ExportData } from '../src/leads/replay/readExport.js';
import { STAGES } from '../src/leads/replay/mapping.js';
import { ROOT, scenarioOf } from './helpers/scenario.js';

/** A known world: two channels with different volumes, one growing 3% a week, business-hours arrivals. */
const TRUTH = {
  name: 'truth',
  start: '2026-01-05',
  timeZone: 'America/New_York',
  sources: {
    organic: { weeklyVolume: 240, trendPerWeek: 0.03, prospectTimeZones: { 'America/New_York': 0.6, 'America/Chicago': 0.4 } },
    events: { weeklyVolume: 90, forms: { webinar: 0.7, content: 0.2, demo: 0.1 }, prospectTimeZones: { 'America/New_York': 1 } },
  },
  team: { sdr: { count: 4 }, ae: { count: 2 } },
  policies: { current: {} },
};
const WEEKS = 8;
const weekdayOf = (ms: number) => DateTime.fromMillis(ms, { zone: 'America/New_York' }).weekday - 1;

describe('calibrate -> simulate reproduces the fitted rates', () => {
  let generated: Generated;
  let data: ExportData;
  let result: CalibrateResult;
  beforeAll(async () => {
    const truth = scenarioOf(TRUTH);
    // Expected leads in 8 weeks: 240 x (1.03^8 - 1) / 0.03 + 90 x 8 = 2,854.
    generated = await generateLeads(truth, { count: 2854, seed: 31 });
    const file = join(mkdtempSync(join(tmpdir(), 'handoff-cal-')), 'export.csv');
    writeFileSync(file, generatedCsv(generated));
    data = readExport(file, `${ROOT}mappings/hubspot-contacts.yaml`);
    result = await calibrate(data, { scenarioFile: join(file, '..', 'calibrated.yaml'), replications: 3 });
  });

  it('recovers the true weekly volumes and trend within sampling error', () => {
    const organic = result.calibration.sources.find((source) => source.name === 'organic')!;
    const events = result.calibration.sources.find((source) => source.name === 'events')!;
    expect(result.calibration.period.weeks).toBeGreaterThan(WEEKS - 0.5);
    expect(result.calibration.period.weeks).toBeLessThan(WEEKS + 0.5);
    // events: 720 leads, a flat rate's sd is about sqrt(720)/8 = 3.4 a week (4 sd allowed).
    expect(Math.abs(events.weeklyVolume - 90)).toBeLessThan(4 * 3.4);
    expect(events.trendCi95![0]).toBeLessThan(0.0);
    expect(events.trendCi95![1]).toBeGreaterThan(0.0);
    expect(organic.trendCi95![0]).toBeLessThan(0.03);
    expect(organic.trendCi95![1]).toBeGreaterThan(0.03);
    expect(Math.abs(organic.weeklyVolume - 240) / 240).toBeLessThan(0.12);
  });

  it('the simulated lead count matches the export within Poisson error', async () => {
    const counts: number[] = [];
    for (let replication = 0; replication < 4; replication++) counts.push((await runReplication(result.loaded, 'current', replication)).counts.leads);
    const mean = counts.reduce((sum, n) => sum + n, 0) / counts.length;
    // Each replication's count is Poisson with mean ~N: the mean of 4 has sd sqrt(N/4).
    expect(Math.abs(mean - data.leads.length)).toBeLessThan(4 * Math.sqrt(data.leads.length / 4));
  });

  it('the simulated leads -> won matches the export within the combined sampling error', async () => {
    let won = 0;
    let leads = 0;
    for (let replication = 10; replication < 16; replication++) {
      const counts = (await runReplication(result.loaded, 'current', replication)).counts;
      won += counts.won;
      leads += counts.leads;
    }
    const target = result.calibration.overall!.leadToPositive;
    const p = target.rate!;
    expect(target.count).toBe(generated.leads.filter((lead) => lead.stage === 'won').length);
    // Binomial error of the export plus that of the simulation (the tuning itself used other replications).
    const sd = Math.sqrt(p * (1 - p) * (1 / target.of + 1 / leads));
    expect(Math.abs(won / leads - p)).toBeLessThan(4 * sd);
  });

  it('leads generated from the calibrated scenario have the export\u2019s source mix, weekday shape and form mix', async () => {
    const again = await generateLeads(result.loaded, { count: data.leads.length, seed: 77 });
    const n = data.leads.length;
    const share = <T>(items: T[], value: T) => items.filter((item) => item === value).length / items.length;
    // A share's sd is sqrt(p(1-p)/n) in each sample; their difference has sqrt(2) times that.
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(4 * Math.sqrt((2 * a * (1 - a)) / n) + 1e-9);
    close(share(again.leads.map((lead) => lead.source), 'organic'), share(data.leads.map((lead) => lead.source), 'organic'));
    const exportDays = data.leads.map((lead) => weekdayOf(lead.arrivalMs));
    const againDays = again.leads.map((lead) => weekdayOf(again.originMs + lead.minutes * 60_000));
    for (let day = 0; day < 7; day++) close(share(againDays, day), share(exportDays, day));
    const events = (leads: { source: string; form: number | null }[]) => leads.filter((lead) => lead.source === 'events').map((lead) => lead.form);
    const webinar = 1;
    const m = events(data.leads).length;
    expect(Math.abs(share(events(again.leads), webinar) - share(events(data.leads), webinar))).toBeLessThan(4 * Math.sqrt((2 * 0.7 * 0.3) / m));
    // The fitted window ends where the export ends: the regenerated leads span the same weeks (within a day).
    const span = (again.leads[again.leads.length - 1]!.minutes - again.leads[0]!.minutes) / 1440;
    expect(Math.abs(span - WEEKS * 7)).toBeLessThan(1.5);
  });

  it('the scenario text validates and records the fitted figures in its header', () => {
    expect(result.scenarioText).toMatch(/^# Calibrated by "handoff calibrate"/);
    expect(result.scenarioText).toMatch(/# {3}organic\s+\d+/);
    expect(result.loaded.scenario.sources.organic!.profile).toBe('custom');
    expect(STAGES).toContain(result.calibration.positiveStage);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { calibrate, type CalibrateResult } from '../src/experiment/calibrate.js';
import { runReplication } from '../src/experiment/runReplication.js';
import { generatedCsv, generateLeads, type Generated } from '../src/leads/generate.js';
import { readExport, type ExportData } from '../src/leads/replay/readExport.js';
import { STAGES } from '../src/leads/replay/mapping.js';
import type { Tally } from '../src/experiment/calibrate/runner.js';
import { expectWithinSampling, pooled, simulateBySource } from './helpers/calibrate.js';
import { ROOT, scenarioOf } from './helpers/scenario.js';

/**
 * A known world: two channels with different volumes, one growing 3% a week, business-hours arrivals, and
 * leads of different hidden quality (organic better, events worse); two tiny channels, too small to fit alone.
 */
const TRUTH = {
  name: 'truth',
  start: '2026-01-05',
  timeZone: 'America/New_York',
  sources: {
    organic: { weeklyVolume: 240, trendPerWeek: 0.03, qualityShift: 0.6, prospectTimeZones: { 'America/New_York': 0.6, 'America/Chicago': 0.4 } },
    events: { weeklyVolume: 90, qualityShift: -0.6, forms: { webinar: 0.7, content: 0.2, demo: 0.1 }, prospectTimeZones: { 'America/New_York': 1 } },
    partner: { weeklyVolume: 3, qualityShift: 1 },
    referral: { weeklyVolume: 3 },
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
  /** Replications 10-15 by source: none of them was used in tuning (0-2), so checks on them are fresh. */
  let fresh: Map<string, Tally>;
  beforeAll(async () => {
    const truth = scenarioOf(TRUTH);
    // Expected leads in 8 weeks: 240 x (1.03^8 - 1) / 0.03 + (90 + 3 + 3) x 8 = 2,902.
    generated = await generateLeads(truth, { count: 2902, seed: 31 });
    const file = join(mkdtempSync(join(tmpdir(), 'handoff-cal-')), 'export.csv');
    writeFileSync(file, generatedCsv(generated));
    data = readExport(file, `${ROOT}mappings/hubspot-contacts.yaml`);
    result = await calibrate(data, { scenarioFile: join(file, '..', 'calibrated.yaml'), replications: 3 });
    fresh = await simulateBySource(result.loaded, 10, 6);
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

  it('simulating the calibrated scenario reproduces each source\u2019s MQL -> won within sampling error', () => {
    const simulated = fresh;
    const fit = result.calibration.sourceFit!;
    expect(fit.reached).toBe(true);
    expect(fit.unfitted).toEqual([]);
    for (const group of fit.groups) {
      const sim = pooled(group.sources.map((name) => simulated.get(name)!));
      // The target is the export's own count, read independently of calibrate from the generated leads.
      const exported = generated.leads.filter((lead) => group.sources.includes(lead.source));
      expect(group.target.of).toBe(exported.filter((lead) => lead.stage !== 'lead').length);
      expect(group.target.count).toBe(exported.filter((lead) => lead.stage === 'won').length);
      expectWithinSampling(sim, group.target, group.sources.join('+'));
    }
    // Every source with 30+ export MQLs has its own shift; the two tiny ones share one.
    expect(fit.groups.map((group) => [group.sources, group.pooled])).toEqual([
      [['organic'], false],
      [['events'], false],
      [['referral', 'partner'], true],
    ]);
  });

  it('the fitted sources together reproduce the export\u2019s MQL -> won when weighted by the simulated MQL mix', () => {
    const simulated = fresh;
    const groups = result.calibration.sourceFit!.groups;
    const sims = groups.map((group) => pooled(group.sources.map((name) => simulated.get(name)!)));
    const n = sims.reduce((total, sim) => total + sim.of, 0);
    // The simulated MQL mix by source is the draft policy's, not the export's, so the export side is reweighted
    // to it; its variance is the weighted sum of each source's binomial variance.
    const expected = groups.reduce((total, group, i) => total + (sims[i]!.of / n) * group.target.rate!, 0);
    const varianceData = groups.reduce((total, group, i) => total + (sims[i]!.of / n) ** 2 * (group.target.rate! * (1 - group.target.rate!)) / group.target.of, 0);
    const p = sims.reduce((total, sim) => total + sim.count, 0) / n;
    expect(Math.abs(p - expected)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / n + varianceData));
  });

  it('the fitted shifts recover the true ordering and gap of source quality', () => {
    const shift = (name: string) => result.calibration.sourceFit!.groups.find((group) => group.sources.includes(name))!.shift;
    // Truth: organic +0.6, events -0.6. The level is in the funnel, so only differences are identified. Events'
    // MQL -> won rests on about 30 wins (log-odds standard error about 0.2, i.e. about 0.25 in shift), so 0.75 is
    // about three standard errors of the gap.
    expect(shift('organic')).toBeGreaterThan(shift('events'));
    expect(Math.abs(shift('organic') - shift('events') - 1.2)).toBeLessThan(0.75);
  });

  it('the written scenario simulates exactly what was tuned (the tuning replications give the printed counts)', async () => {
    const simulated = await simulateBySource(result.loaded, 0, 3);
    for (const group of result.calibration.sourceFit!.groups) {
      const sim = pooled(group.sources.map((name) => simulated.get(name)!));
      expect([sim.count, sim.of]).toEqual([group.simulated.count, group.simulated.of]);
    }
  });

  it('calibration is deterministic: the same export gives the same scenario text', async () => {
    const again = await calibrate(data, { scenarioFile: join(dirname(data.file), 'calibrated.yaml'), replications: 3 });
    expect(again.scenarioText).toBe(result.scenarioText);
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

  it('the scenario text validates and records the fitted figures in its header and beside each shift', () => {
    expect(result.scenarioText).toMatch(/^# Calibrated by "handoff calibrate"/);
    expect(result.scenarioText).toMatch(/# {3}organic\s+\d+/);
    expect(result.scenarioText).toMatch(/# {3}pooled: referral, partner\s+\d+/);
    const organic = result.calibration.sourceFit!.groups[0]!;
    expect(result.scenarioText).toContain(`qualityShift: ${organic.shift} # fitted by calibrate: MQL -> won in the export ${organic.target.count}/${organic.target.of} = `);
    expect(result.scenarioText).toMatch(/qualityShift: -?[\d.]+ # fitted by calibrate: pooled MQL -> won of referral, partner in the export/);
    for (const group of result.calibration.sourceFit!.groups) for (const name of group.sources) expect(result.loaded.scenario.sources[name]!.qualityShift).toBe(group.shift);
    expect(result.loaded.scenario.sources.organic!.profile).toBe('custom');
    expect(STAGES).toContain(result.calibration.positiveStage);
  });
});

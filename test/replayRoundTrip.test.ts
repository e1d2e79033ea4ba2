import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORM_TYPES } from '../src/leads/fields.js';
import { generatedCsv, generateLeads, type Generated, type LayoutName } from '../src/leads/generate.js';
import { STAGES } from '../src/leads/replay/mapping.js';
import { replayFrame } from '../src/leads/replay/frame.js';
import { feedRecords } from '../src/leads/replay/leadFeed.js';
import { readExport, type ExportData } from '../src/leads/replay/readExport.js';
import { runReplay } from '../src/leads/replay/replayStudy.js';
import { loadScenarioFile, type LoadedScenario } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

const work = mkdtempSync(join(tmpdir(), 'handoff-roundtrip-'));

/** generate -> CSV -> read back through the shipped mapping. */
async function roundTrip(scenario: string, layout: LayoutName, count: number, seed: number): Promise<{ loaded: LoadedScenario; generated: Generated; data: ExportData }> {
  const loaded = loadScenarioFile(`${ROOT}scenarios/${scenario}`);
  const generated = await generateLeads(loaded, { count, seed });
  const file = join(work, `${scenario}-${layout}.csv`);
  writeFileSync(file, generatedCsv(generated, layout));
  const mapping = layout === 'hubspot' ? 'hubspot-contacts.yaml' : 'salesforce-leads.yaml';
  return { loaded, generated, data: readExport(file, `${ROOT}mappings/${mapping}`) };
}

describe.each([
  ['baseline.yaml', 'hubspot', 2000],
  ['global-teams.yaml', 'hubspot', 1500],
  ['baseline.yaml', 'salesforce', 1500],
] as const)('generate -> replay round trip: %s as %s', (scenario, layout, count) => {
  let trip: Awaited<ReturnType<typeof roundTrip>>;
  beforeAll(async () => {
    trip = await roundTrip(scenario, layout, count, 17);
  });

  it('every lead comes back, none left out', () => {
    expect(trip.data.leads).toHaveLength(count);
    expect(trip.data.unusableRows).toBe(0);
  });

  it('each lead keeps its arrival time (to the minute), source, form, signals, zone, ACV, days inactive and flags', () => {
    trip.data.leads.forEach((lead, i) => {
      const original = trip.generated.leads[i]!;
      const arrival = trip.generated.originMs + original.minutes * 60_000;
      expect(lead.arrivalMs).toBeLessThanOrEqual(arrival);
      expect(arrival - lead.arrivalMs).toBeLessThan(60_000);
      expect(lead.source).toBe(original.source);
      expect(lead.form).toBe(original.form);
      expect(lead.signals).toBe(original.signals);
      expect(lead.timeZone).toBe(original.timeZone);
      expect(lead.acv).toBe(Math.floor(original.acv));
      expect(Math.abs(lead.daysInactive! - original.daysInactive)).toBeLessThan(0.01);
      expect(Math.floor(lead.daysInactive! / 30)).toBe(Math.floor(original.daysInactive / 30));
      expect(lead.namedAccount).toBe(original.namedAccount);
      expect(lead.activeOutbound).toBe(original.activeOutbound);
      const positive = layout === 'salesforce' ? STAGES.indexOf('opportunity') : STAGES.indexOf('won');
      expect((lead.stage ?? -1) >= positive).toBe(STAGES.indexOf(original.stage) >= positive);
    });
  });

  it('the form mix is the generated one', () => {
    const mix = (forms: number[]) => FORM_TYPES.map((_, f) => forms.filter((form) => form === f).length);
    expect(mix(trip.data.leads.map((lead) => lead.form!))).toEqual(mix(trip.generated.leads.map((lead) => lead.form)));
  });

  it('the replay feed carries the same leads in the same order into the engine', () => {
    const frame = replayFrame(trip.loaded, trip.data);
    const records = feedRecords(frame, 0);
    expect(records).toHaveLength(count);
    records.forEach((record, i) => {
      const original = trip.generated.leads[i]!;
      expect(record.form).toBe(original.form);
      expect(record.signals).toBe(original.signals);
      expect(record.timeZone).toBe(original.timeZone);
      // Times between arrivals survive to the minute the export writes.
      expect(Math.abs(record.minutes - records[0]!.minutes - (original.minutes - trip.generated.leads[0]!.minutes))).toBeLessThan(1);
    });
  });
});

describe('replay runs the engine on the export', () => {
  it('every replayed lead is simulated, and a replication redraws only the hidden quality', async () => {
    const trip = await roundTrip('baseline.yaml', 'hubspot', 1000, 3);
    const frame = replayFrame(trip.loaded, trip.data);
    const study = await runReplay(frame, { policies: ['current'], replications: 2 });
    for (const result of study.results.get('current')!) expect(result.counts.leads).toBe(1000);
    const [first, second] = [feedRecords(frame, 0), feedRecords(frame, 1)];
    expect(first.map((r) => [r.minutes, r.form, r.signals])).toEqual(second.map((r) => [r.minutes, r.form, r.signals]));
    expect(first.map((r) => r.quality)).not.toEqual(second.map((r) => r.quality));
    expect(feedRecords(frame, 0)).toEqual(first);
  });

  it('replayed quality follows the signals as generated quality does: MQL-grade leads are better', async () => {
    const trip = await roundTrip('baseline.yaml', 'hubspot', 4000, 8);
    const records = feedRecords(replayFrame(trip.loaded, trip.data), 0);
    const byStrength = (strong: (i: number) => boolean, quality: (i: number) => number) => {
      const pick = (want: boolean) => trip.generated.leads.map((_, i) => i).filter((i) => strong(i) === want).map(quality);
      const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
      return mean(pick(true)) - mean(pick(false));
    };
    const strong = (i: number) => trip.generated.leads[i]!.mql;
    const generatedGap = byStrength(strong, (i) => trip.generated.leads[i]!.quality);
    const replayedGap = byStrength(strong, (i) => records[i]!.quality);
    // The posterior draw reproduces the generator's quality gap between MQLs and the rest (sd of a gap ~0.04).
    expect(generatedGap).toBeGreaterThan(0.3);
    expect(Math.abs(replayedGap - generatedGap)).toBeLessThan(0.1);
  });
});

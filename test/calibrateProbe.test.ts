import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { calibrate } from '../src/experiment/calibrate.js';
import { runReplication } from '../src/experiment/runReplication.js';
import { generatedCsv, generateLeads } from '../src/leads/generate.js';
import { readExport } from '../src/leads/replay/readExport.js';
import { calibrationTable, sourceFitTable } from '../src/experiment/calibrate/table.js';
import { ROOT, scenarioOf } from './helpers/scenario.js';

const TRUTH = {
  name: 'truth', start: '2026-01-05', timeZone: 'America/New_York',
  sources: {
    organic: { weeklyVolume: 240, trendPerWeek: 0.03, qualityShift: 0.6, prospectTimeZones: { 'America/New_York': 0.6, 'America/Chicago': 0.4 } },
    events: { weeklyVolume: 90, qualityShift: -0.6, forms: { webinar: 0.7, content: 0.2, demo: 0.1 }, prospectTimeZones: { 'America/New_York': 1 } },
    partner: { weeklyVolume: 3, qualityShift: 1 },
    referral: { weeklyVolume: 3 },
  },
  team: { sdr: { count: 4 }, ae: { count: 2 } },
  policies: { current: {} },
};
it('probe', async () => {
  const t0 = Date.now();
  const generated = await generateLeads(scenarioOf(TRUTH), { count: 2900, seed: 31 });
  const file = join(mkdtempSync(join(tmpdir(), 'handoff-cal-')), 'export.csv');
  writeFileSync(file, generatedCsv(generated));
  const data = readExport(file, `${ROOT}mappings/hubspot-contacts.yaml`);
  const result = await calibrate(data, { scenarioFile: join(file, '..', 'calibrated.yaml'), replications: 3 });
  console.log(Date.now() - t0, calibrationTable(result.calibration));
  console.log(sourceFitTable(result.calibration), JSON.stringify(result.calibration.funnel), JSON.stringify(result.calibration.sourceFit?.overall));
  const tally = new Map<string, { mqls: number; won: number; leads: number }>();
  let leads = 0, won = 0, mqls = 0;
  for (let r = 10; r < 16; r++) {
    const res = await runReplication(result.loaded, 'current', r);
    leads += res.counts.leads; won += res.counts.won; mqls += res.counts.mqls - res.counts.recycledMqls;
    for (const s of res.sources) { const t = tally.get(s.name) ?? { mqls: 0, won: 0, leads: 0 }; t.mqls += s.mqls; t.won += s.won; t.leads += s.leads; tally.set(s.name, t); }
  }
  console.log(leads, won, mqls, won / leads, won / mqls, JSON.stringify([...tally]));
  for (const s of result.calibration.sources) {
    const t = tally.get(s.name)!; const d = s.conversion!.mqlToPositive;
    const ps = t.won / t.mqls, pd = d.rate!;
    const se = Math.sqrt(ps * (1 - ps) / t.mqls + pd * (1 - pd) / d.of);
    console.log(s.name, d.count, d.of, pd.toFixed(4), t.won, t.mqls, ps.toFixed(4), ((ps - pd) / se).toFixed(2));
  }
}, 120000);

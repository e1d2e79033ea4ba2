import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatedCsv, generatedJsonl, generateLeads, type Generated } from '../src/leads/generate.js';
import { EMPLOYEE_BAND, FORM_KEYWORDS, HUBSPOT_SOURCES, ICP_INDUSTRIES, ICP_TECHNOLOGIES, REVENUE_BAND } from '../src/leads/generate/hubspotLayout.js';
import { SALESFORCE_SOURCES } from '../src/leads/generate/salesforceLayout.js';
import { PLACES, placeOf, TERRITORY_REGIONS } from '../src/leads/generate/zones.js';
import { signalBit, type Signal } from '../src/leads/fields.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { cli, ROOT } from './helpers/scenario.js';

const has = (signals: number, signal: Signal) => (signals & signalBit(signal)) !== 0;

describe('generate: determinism', () => {
  const loaded = loadScenarioFile(`${ROOT}scenarios/global-teams.yaml`);

  it('the same scenario and seed give byte-identical files; another seed gives another file', async () => {
    const a = await generateLeads(loaded, { count: 400, seed: 5 });
    const b = await generateLeads(loaded, { count: 400, seed: 5 });
    const c = await generateLeads(loaded, { count: 400, seed: 6 });
    expect(generatedCsv(a)).toBe(generatedCsv(b));
    expect(generatedJsonl(a, 'salesforce')).toBe(generatedJsonl(b, 'salesforce'));
    expect(generatedCsv(a)).not.toBe(generatedCsv(c));
    expect(generatedCsv(a).split('\n')).toHaveLength(402);
  });

  it('the CLI writes the same bytes on every run and never overwrites', () => {
    const args = ['generate', 'scenarios/baseline.yaml', '--count', '150', '--seed', '9'];
    const first = cli(args);
    const second = cli(args);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    expect(first.stdout.split('\n')[0]).toMatch(/^Record ID,First Name,Last Name,Email/);
    const taken = cli([...args, '--out', 'package.json']);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toMatch(/package\.json already exists; generate never overwrites/);
  });

  // --format said its CSV was "the layout mappings/hubspot-contacts.yaml reads", also under --layout salesforce.
  it('--help says the CSV has the columns of --layout', () => {
    const help = cli(['generate', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/--format CSV with the columns of --layout, or one JSON object per line \(the same fields\)/);
    const salesforce = cli(['generate', 'scenarios/baseline.yaml', '--count', '2', '--layout', 'salesforce']).stdout;
    expect(salesforce).toMatch(/^Lead ID,/);
  });

  // A taken --out was found only after every lead was made: two million took some 20 s before the refusal.
  it('a taken --out is refused before any lead is generated', () => {
    const taken = cli(['generate', 'scenarios/baseline.yaml', '--count', '2000000', '--out', 'package.json'], { timeoutMs: 8000 });
    expect(taken.status).toBe(2);
    expect(taken.stderr).toBe('package.json already exists; generate never overwrites (choose another --out)\n');
  });
});

describe('generate: records agree with the lead attributes', () => {
  let generated: Generated;
  beforeAll(async () => {
    generated = await generateLeads(loadScenarioFile(`${ROOT}scenarios/global-teams.yaml`), { count: 3000, seed: 21 });
  });

  it('country and region match the time zone; the region is in the territory exactly when geo fits', () => {
    for (const lead of generated.leads) {
      const place = placeOf(lead.timeZone);
      expect(lead.contact.country).toBe(place.country);
      expect(place.country).not.toBe('');
      expect((has(lead.signals, 'geo') ? place.territory : place.outside)).toContain(lead.contact.region);
    }
    expect(new Set(generated.leads.map((lead) => lead.contact.country)).size).toBeGreaterThan(5);
  });

  it('company size, revenue, industry and technologies match the fit signals', () => {
    for (const { signals, contact } of generated.leads) {
      expect(contact.employees >= EMPLOYEE_BAND.min && contact.employees < EMPLOYEE_BAND.max).toBe(has(signals, 'employeeBand'));
      expect(contact.revenue >= REVENUE_BAND.min && contact.revenue < REVENUE_BAND.max).toBe(has(signals, 'revenueBand'));
      expect((ICP_INDUSTRIES as readonly string[]).includes(contact.industry)).toBe(has(signals, 'industry'));
      expect(ICP_TECHNOLOGIES.some((tool) => contact.technologies.includes(tool))).toBe(has(signals, 'techStack'));
    }
  });

  it('title seniority rises with fit: senior titles come from better-fit leads than junior ones', () => {
    const fitBits = (signals: number) => (['employeeBand', 'industry', 'revenueBand', 'geo', 'techStack'] as const).filter((s) => has(signals, s)).length;
    const senior = generated.leads.filter((lead) => /^(VP|Head|Chief|Senior Director)/.test(lead.contact.title));
    const junior = generated.leads.filter((lead) => /(Specialist|Coordinator|Associate|Analyst|Student|Intern)$/.test(lead.contact.title));
    const mean = (leads: typeof senior) => leads.reduce((sum, lead) => sum + fitBits(lead.signals), 0) / leads.length;
    expect(senior.length).toBeGreaterThan(100);
    expect(junior.length).toBeGreaterThan(100);
    expect(mean(senior)).toBeGreaterThan(mean(junior) + 1.5);
  });

  it('emails are ASCII and use the company domain of the prospect country', () => {
    for (const { contact, timeZone } of generated.leads) {
      expect(contact.email).toMatch(/^[a-z0-9.]+@[a-z0-9]+\.[a-z.]+$/);
      expect(contact.email.endsWith(`.${placeOf(timeZone).domain}`)).toBe(true);
    }
  });
});

describe('the shipped mappings read exactly what generate writes', () => {
  const hubspot = parse(readFileSync(`${ROOT}mappings/hubspot-contacts.yaml`, 'utf8')) as Record<string, Record<string, unknown>>;
  const salesforce = parse(readFileSync(`${ROOT}mappings/salesforce-leads.yaml`, 'utf8')) as Record<string, Record<string, unknown>>;

  it('the geo territory lists are the generator territories', () => {
    for (const mapping of [hubspot, salesforce]) expect([...((mapping.fit!.geo as { in: string[] }).in)].sort()).toEqual([...TERRITORY_REGIONS].sort());
  });

  it('source values and form keywords match the layouts', () => {
    expect(hubspot.source!.values).toEqual(HUBSPOT_SOURCES);
    expect(hubspot.form!.contains).toEqual(FORM_KEYWORDS);
    const salesforceSources = salesforce.source!.values as Record<string, string>;
    for (const [value, name] of Object.entries(SALESFORCE_SOURCES)) expect(salesforceSources[value]).toBe(name);
  });

  it('the Salesforce mapping infers every generator region\u2019s zone', () => {
    const values = (salesforce.timeZone as { values: Record<string, string> }).values;
    for (const [zone, place] of Object.entries(PLACES)) for (const region of [...place.territory, ...place.outside]) expect(values[region]).toBe(zone);
  });
});

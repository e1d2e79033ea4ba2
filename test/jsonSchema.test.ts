import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { mappingJsonSchema, scenarioJsonSchema } from '../src/scenario/jsonSchema.js';
import { ROOT } from './helpers/scenario.js';

// Ajv's strict mode also refuses a schema with unknown keywords or ill-formed parts, so compiling is itself a check.
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(scenarioJsonSchema());
const errorsOf = (document: unknown): string[] => (validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`));

const bundled = ['scenarios', 'scenarios/validation', 'test/fixtures/reliability'].flatMap((dir) =>
  readdirSync(`${ROOT}${dir}`)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => `${dir}/${name}`),
);

describe('handoff schema (JSON Schema for editors)', () => {
  it.each(bundled)('accepts %s, as validate does', (file) => {
    expect(errorsOf(parse(readFileSync(`${ROOT}${file}`, 'utf8')))).toEqual([]);
  });

  it('holds a complete file to every required key and value', () => {
    expect(errorsOf({ name: 'x', team: { sdr: { count: 2 } }, policies: { main: {} } })).toContain(" must have required property 'sources'");
    expect(errorsOf({ name: 'x', sources: { web: { weeklyVolume: 10, profile: 'flatt' } }, team: { sdr: { count: 2 } }, policies: { main: {} } })).toContain('/sources/web/profile must be equal to one of the allowed values');
  });

  it('holds a file that extends another only to what it states: keys optional, null removes, values still checked', () => {
    expect(errorsOf({ extends: 'baseline.yaml', name: 'y', sources: { organic: null, paid: { weeklyVolume: 300 } }, policies: { old: null } })).toEqual([]);
    expect(errorsOf({ extends: 'baseline.yaml', team: { sdr: { count: 6 } } })).toEqual([]);
    // Only a distribution's mean, merged into the inherited one: it fits several relaxed kinds, which is fine.
    expect(errorsOf({ extends: 'baseline.yaml', sources: { organic: { acv: { mean: 50000 } } } })).toEqual([]);
    expect(errorsOf({ extends: 'baseline.yaml', horizonWeeks: 'long' })).toContain('/horizonWeeks must be number');
    // A tiers list replaces the inherited one whole, so each tier must still be complete.
    expect(errorsOf({ extends: 'baseline.yaml', policies: { p: { routing: { tiers: [{ name: 't' }] } } } }).some((error) => error.startsWith('/policies/p/routing/tiers/0'))).toBe(true);
  });
});

describe('handoff schema --mapping', () => {
  const validateMapping = new Ajv2020({ strict: true, allErrors: true }).compile(mappingJsonSchema());
  const mappingErrors = (document: unknown): string[] => (validateMapping(document) ? [] : (validateMapping.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`));
  const mappings = readdirSync(`${ROOT}mappings`).filter((name) => name.endsWith('.yaml'));

  it.each(mappings)('accepts mappings/%s, as the commands do', (name) => {
    expect(mappingErrors(parse(readFileSync(`${ROOT}mappings/${name}`, 'utf8')))).toEqual([]);
  });

  it('refuses a misspelt signal, as the commands do (which now suggest the nearest)', () => {
    const mapping = parse(readFileSync(`${ROOT}mappings/hubspot-contacts.yaml`, 'utf8')) as { intent: Record<string, unknown> };
    mapping.intent = { pricingViews: mapping.intent['pricingView'] };
    expect(mappingErrors(mapping).length).toBeGreaterThan(0);
  });
});

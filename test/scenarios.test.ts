import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

const files = [
  ...readdirSync(`${ROOT}scenarios`).filter((f) => f.endsWith('.yaml')).map((f) => `scenarios/${f}`),
  ...readdirSync(`${ROOT}scenarios/validation`).map((f) => `scenarios/validation/${f}`),
];

describe('bundled scenarios', () => {
  it('include the documented set', () => {
    for (const name of ['baseline', 'tighter-mql', 'launch-surge', 'abm-overlay', 'plg-signups', 'global-teams']) expect(files).toContain(`scenarios/${name}.yaml`);
    expect(files).toContain('scenarios/validation/erlang-a.yaml');
    expect(files).toContain('scenarios/validation/erlang-c.yaml');
  });

  it.each(files)('%s validates without warnings and has at least two policies or is a validation scenario', (file) => {
    const loaded = loadScenarioFile(`${ROOT}${file}`);
    expect(loaded.warnings).toEqual([]);
    if (!file.includes('validation')) expect(Object.keys(loaded.scenario.policies).length).toBeGreaterThanOrEqual(2);
  });
});

describe('policy extends', () => {
  // The report's answer names each challenger with its description: an inherited one described the parent instead.
  it('takes everything from the parent but its description', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseScenarioText } = await import('../src/scenario/load.js');
    const text = `${readFileSync(`${ROOT}scenarios/baseline.yaml`, 'utf8').trimEnd()}\n  quiet-child:\n    extends: current\n    scoring: { threshold: 70 }\n`;
    const { policies } = parseScenarioText(text, `${ROOT}scenarios/child.yaml`).scenario;
    expect(policies['current']!.description).toBe('The seed rules as written (MQL at 65 combined with 25+ intent)');
    expect(policies['quiet-child']!.description).toBeUndefined();
    expect(policies['quiet-child']!.scoring.threshold).toBe(70);
    expect(policies['quiet-child']!.routing).toEqual(policies['current']!.routing);
    expect(policies['tighter-mql']!.description).toBe('MQL threshold raised to 75');
  });

  it('a scenario that extends another keeps its own description, or has none', async () => {
    const { mkdtempSync, writeFileSync, copyFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'handoff-extends-'));
    copyFileSync(`${ROOT}scenarios/baseline.yaml`, join(dir, 'baseline.yaml'));
    writeFileSync(join(dir, 'child.yaml'), 'extends: baseline.yaml\nname: child\n');
    expect(loadScenarioFile(join(dir, 'child.yaml')).scenario.description).toBeUndefined();
    expect(loadScenarioFile(`${ROOT}scenarios/tighter-mql.yaml`).scenario.description).toBe('MQL threshold 65 vs 70 vs 75, and the two-axis rule, on the baseline team');
  });
});

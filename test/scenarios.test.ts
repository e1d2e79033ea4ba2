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

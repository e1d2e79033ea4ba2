import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { ROOT } from './helpers/scenario.js';

describe('public API (src/index.ts)', () => {
  it('loads a scenario, runs a replication and derives the documented metrics through the exports alone', async () => {
    const loaded = api.loadScenarioFile(`${ROOT}scenarios/validation/erlang-c.yaml`);
    const short = { ...loaded, scenario: { ...loaded.scenario, horizonWeeks: 0.5 }, hash: `${loaded.hash}-api` };
    const metrics = api.deriveMetrics(await api.runReplication(short, 'pooled-fifo', 0));
    expect(metrics.slaCompliance).toBeGreaterThan(0.8);
    expect(api.erlangC({ arrivalRate: 100 / 30, meanServiceTime: 3, servers: 14, threshold: 1 / 3 }).serviceLevel).toBeCloseTo(0.888, 3);
    expect(Object.keys(api.scenarioJsonSchema().else as object)).toContain('properties');
    // A built-in built from schema defaults, the way a library user would (the config must be parsed: defaults filled).
    const scoring = api.rubricScoring(api.Scoring.parse({}));
    expect(scoring.name).toBeTruthy();
    expect(api.SIGNALS.slice(0, api.FIT_SIGNALS.length)).toEqual([...api.FIT_SIGNALS]);
    expect(api.FORM_TYPES).toContain('demo');
  });

  it('exports only what it lists (no accidental default export)', () => {
    expect('default' in api).toBe(false);
    expect(typeof api.runStudy).toBe('function');
    expect(typeof api.scoreBatch).toBe('function');
    // The JSON contract the README names: simulate --json is SimulateJson, compare --json StudySummary.
    expect(typeof api.SimulateJson.parse).toBe('function');
    expect(typeof api.mappingJsonSchema).toBe('function');
  });
});

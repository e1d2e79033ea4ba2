import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { runReplication } from '../src/experiment/runReplication.js';
import { buildPolicySet } from '../src/policies/registry.js';
import { queueWorld, ROOT, scenarioOf } from './helpers/scenario.js';

const file = `${ROOT}test/fixtures/scenario.yaml`;

describe('custom policy modules', () => {
  it('loads a .mjs factory with options and uses it in the engine', async () => {
    const loaded = scenarioOf(
      queueWorld({ policies: { custom: { scoring: { module: 'policies/demo-only-scoring.mjs', options: { minAcv: 0 } } }, builtin: {} } }),
      file,
    );
    const custom = await runReplication(loaded, 'custom', 0);
    const builtin = await runReplication(loaded, 'builtin', 0);
    expect(custom.counts.mqls).toBeGreaterThan(0);
    // Only demo forms (10% of the default mix) qualify under the custom rule: far fewer MQLs than the rubric.
    expect(custom.counts.mqls).toBeLessThan(builtin.counts.mqls * 0.6);
    expect(custom.counts.leads).toBe(builtin.counts.leads);
  });

  it('loads a TypeScript module', async () => {
    const loaded = scenarioOf(queueWorld({ policies: { ts: { routing: { module: 'policies/first-tier-routing.ts' } } } }), file);
    const result = await runReplication(loaded, 'ts', 0);
    expect(result.tiers.map((t) => t.name)).toEqual(['everything']);
    expect(result.tiers[0]!.assigned).toBeGreaterThan(0);
  });

  it.each([
    ['policies/missing-method.mjs', /missing score\(\)/],
    ['policies/throws-on-load.mjs', /failed to load: policy module exploded at import/],
    ['policies/nowhere.mjs', /module not found/],
  ])('rejects %s with a clear error naming the policy field', async (module, message) => {
    const loaded = scenarioOf(queueWorld({ policies: { bad: { scoring: { module } } } }), file);
    const attempt = buildPolicySet('bad', loaded.scenario.policies.bad!, file);
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toThrow(/policies\.bad\.scoring\.module/);
    await expect(attempt).rejects.toThrow(message);
  });

  it('a module path must end in .js, .mjs or .ts', () => {
    expect(() => scenarioOf(queueWorld({ policies: { bad: { scoring: { module: 'policy.py' } } } }), file)).toThrow(/policies\.bad\.scoring\.module.*\.js, \.mjs or \.ts/s);
  });
});

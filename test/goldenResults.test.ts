import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runReplication } from '../src/experiment/runReplication.js';
import { loadScenarioFile, type LoadedScenario } from '../src/scenario/load.js';
import { ROOT } from './helpers/scenario.js';

// Speed work on the engine must not change what it computes. Every bundled scenario's replications 0 and 1, under
// every policy, are pinned here by a digest of the whole result; a commit that changes any of them fails this test,
// naming the scenario and policy. When a change of output is intended, update the digests in the same commit
// (npx vitest run -u test/goldenResults.test.ts) and say why in its message.
const files = [...readdirSync(`${ROOT}scenarios`), ...readdirSync(`${ROOT}scenarios/validation`).map((name) => `validation/${name}`)].filter((name) => name.endsWith('.yaml')).sort();

/** large-company.yaml is a million leads a quarter: its first three weeks (the warm-up and one measured) stand for it. */
function loaded(file: string): LoadedScenario {
  const scenario = loadScenarioFile(`${ROOT}scenarios/${file}`);
  if (file !== 'large-company.yaml') return scenario;
  return { ...scenario, scenario: { ...scenario.scenario, horizonWeeks: 3 }, hash: `${scenario.hash}-golden-3` };
}

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

describe('results of the bundled scenarios stay what they were', () => {
  it('finds the bundled scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  it.each(files)('%s', async (file) => {
    const scenario = loaded(file);
    const digests: Record<string, string> = {};
    for (const policy of Object.keys(scenario.scenario.policies)) {
      for (const replication of [0, 1]) {
        const result = await runReplication(scenario, policy, replication);
        expect(result.stopped).toBeNull();
        digests[`${policy} #${replication}`] = digest(result);
      }
    }
    expect(digests).toMatchSnapshot();
  }, 120_000);
});

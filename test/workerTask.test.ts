import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../src/scenario/load.js';
import runTask from '../workers/replication.js';
import { ROOT } from './helpers/scenario.js';

// Behaviour: a worker refuses to simulate scenario text that no longer gives the scenario the main thread
// validated (the file was edited on disk after the run started), instead of silently running something else.

const FILE = `${ROOT}scenarios/baseline.yaml`;

describe('worker task and the validated scenario', () => {
  it('runs when the text gives the validated hash, and refuses when it does not', async () => {
    const loaded = loadScenarioFile(FILE);
    const text = readFileSync(FILE, 'utf8');
    await expect(runTask({ file: FILE, text, hash: loaded.hash, jobs: [] })).resolves.toEqual([]);
    const edited = text.replace(/^seed: \d+$/m, 'seed: 4242');
    expect(edited).not.toBe(text);
    await expect(runTask({ file: FILE, text: edited, hash: loaded.hash, jobs: [] })).rejects.toThrow(/changed on disk after the run started/);
  });
});

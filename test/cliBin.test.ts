import { accessSync, constants, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/scenario.js';

// Behaviour: `npx handoff …` (the README's commands) executes package.json's bin file directly, not through
// `node`, so the built file must be executable on a fresh clone (tsc writes it without the execute bit).

const bin = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { bin: { handoff: string } }).bin.handoff;

describe('the handoff bin', () => {
  it('is executable after the build and runs by itself', () => {
    expect(() => accessSync(`${ROOT}${bin}`, constants.X_OK)).not.toThrow();
    const run = spawnSync(`${ROOT}${bin}`, ['--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/scenario.js';

/**
 * Starts a command and sends `signal` once it has printed a warning (printed after its signal handler is in place,
 * before the long work): the process must still be running then, so the handler, not the default action, decides.
 */
function stopped(args: string[], signal: NodeJS.Signals): Promise<{ status: number | null; killedBy: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${ROOT}dist/src/cli/main.js`, ...args], { cwd: ROOT });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && /warning|left out/.test(stderr)) sent = child.kill(signal);
    });
    child.on('close', (status, killedBy) => resolve({ status, killedBy, stderr }));
  });
}

// calibrate and generate keep nothing when stopped; a signal used to end them with no word (exit 130 or 143 from the
// shell, signal from node). Now one line says so, and the --out folder holds nothing: no file, no temporary file.
describe('Ctrl-C or SIGTERM during calibrate and generate', () => {
  const inputs = mkdtempSync(join(tmpdir(), 'handoff-stop-in-'));

  it('generate says nothing was written and leaves no file', async () => {
    const scenario = join(inputs, 'warns.yaml');
    // An overlap warning on stderr says the run has started.
    writeFileSync(scenario, `extends: ${ROOT}scenarios/baseline.yaml\ncalendars:\n  us-business:\n    hours: { mon-fri: ["08:00-12:00", "11:00-18:00"] }\n`);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const folder = mkdtempSync(join(tmpdir(), 'handoff-stop-'));
      const out = join(folder, 'leads.csv');
      const result = await stopped(['generate', scenario, '--count', '300000', '--out', out], signal);
      expect({ status: result.status, killedBy: result.killedBy }).toEqual({ status: 130, killedBy: null });
      expect(result.stderr.split('\n').slice(-2)).toEqual([`interrupted: nothing written (${out} was not created)`, '']);
      expect(readdirSync(folder)).toEqual([]);
    }
  }, 120_000);

  it('calibrate says nothing was written and leaves no file', async () => {
    // One unusable row: its "left out" warning on stderr says the run has started.
    const lines = readFileSync(`${ROOT}examples/hubspot-contacts.csv`, 'utf8').split('\n');
    const leads = join(inputs, 'contacts.csv');
    writeFileSync(leads, [...lines.slice(0, 2), lines[1]!.replace('1000001', '9999999').replace('2026-01-05 00:45', 'yesterday'), ...lines.slice(2)].join('\n'));
    const folder = mkdtempSync(join(tmpdir(), 'handoff-stop-'));
    const out = join(folder, 'calibrated.yaml');
    const result = await stopped(['calibrate', '--leads', leads, '--map', 'mappings/hubspot-contacts.yaml', '--replications', '100', '--out', out], 'SIGINT');
    expect({ status: result.status, killedBy: result.killedBy }).toEqual({ status: 130, killedBy: null });
    expect(result.stderr).toMatch(/1 of 1,?201 rows cannot be used/);
    expect(result.stderr.split('\n').slice(-2)).toEqual([`interrupted: nothing written (${out} was not created)`, '']);
    expect(readdirSync(folder)).toEqual([]);
  }, 120_000);
});

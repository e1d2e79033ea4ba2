import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { TraceEvent } from '../../src/engine/simulation.js';
import { runReplication } from '../../src/experiment/runReplication.js';
import { parseScenarioText, type LoadedScenario } from '../../src/scenario/load.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A validated scenario from an inline object (defaults filled by the schema). */
export function scenarioOf(raw: Record<string, unknown>, file = `${ROOT}test/fixtures/inline.yaml`): LoadedScenario {
  return parseScenarioText(stringify(raw), file);
}

/** One replication with every trace event collected. */
export async function traced(loaded: LoadedScenario, policy: string, replication = 0): Promise<{ events: TraceEvent[]; result: Awaited<ReturnType<typeof runReplication>> }> {
  const events: TraceEvent[] = [];
  const result = await runReplication(loaded, policy, replication, { trace: (event) => events.push(event) });
  return { events, result };
}

/** Runs the built CLI (npm test builds first) and captures its output. */
export function cli(args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [`${ROOT}dist/src/cli/main.js`, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    maxBuffer: 64 * 1024 * 1024,
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A small always-open queueing world: one source, reps of each role, 24/7, no prospect window. */
export function queueWorld(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'test-world',
    start: '2026-01-05',
    timeZone: 'UTC',
    horizonWeeks: 2,
    warmupWeeks: 0,
    drainDays: 14,
    seed: 11,
    replications: 2,
    sources: { inbound: { weeklyVolume: 500, profile: 'flat' } },
    team: {
      sdr: { count: 3, calendar: 'always', absenceRate: 0, workMinutes: { dist: 'fixed', value: 5 } },
      ae: { count: 3, calendar: 'always', absenceRate: 0, workMinutes: { dist: 'fixed', value: 5 } },
    },
    prospect: { hours: 'any' },
    policies: { main: {} },
    ...overrides,
  };
}

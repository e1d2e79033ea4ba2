import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { erlangA } from '../../src/experiment/erlang.js';
import { packageRoot } from '../paths.js';

/** Debian's interpreter: apt's python3-simpy3 installs into its dist-packages, not into other pythons. */
const PYTHON = '/usr/bin/python3';
/**
 * Debian ships SimPy 3 as python3-simpy3 (module `simpy`); its python3-simpy is SimPy 2.3, which installs a
 * `SimPy` module with the pre-3.0 API (no Environment, no AnyOf), so it cannot run this model.
 */
const DEBIAN_PACKAGE = 'python3-simpy3';

export interface SimpyFigures {
  skipped: false;
  leads: number;
  seconds: number;
  leadsPerSec: number;
  /** handoff-sim Erlang A leads/s divided by SimPy's. */
  ratio: number;
  serviceLevel: number;
  waitingProbability: number;
  abandonment: number;
  simpyVersion: string;
  /** Erlang A closed form for the same queue, to check the peer against. */
  erlangA: { serviceLevel: number; waitingProbability: number; abandonment: number };
}

export interface SimpySkipped {
  skipped: true;
  reason: string;
}

interface SimpyOutput {
  leads: number;
  seconds: number;
  leadsPerSec: number;
  serviceLevel: number;
  waitingProbability: number;
  abandonment: number;
  simpyVersion: string;
}

const canImportSimpy = (): boolean => spawnSync(PYTHON, ['-c', 'import simpy; simpy.Environment'], { stdio: 'ignore' }).status === 0;

/** Makes `import simpy` work for Debian's python, installing the Debian package if needed; null when ready. */
export function ensureSimpy(log: (line: string) => void): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found (the peer needs Debian's python3)`;
  if (canImportSimpy()) return null;
  if (process.getuid?.() !== 0) return `simpy is not importable by ${PYTHON} and installing ${DEBIAN_PACKAGE} needs root (run: apt-get install -y ${DEBIAN_PACKAGE})`;
  log(`bench: installing ${DEBIAN_PACKAGE} (apt-get update && apt-get install -y ${DEBIAN_PACKAGE})...`);
  const install = spawnSync('sh', ['-c', `apt-get update && apt-get install -y ${DEBIAN_PACKAGE}`], {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 10 * 60_000,
    maxBuffer: 16 << 20,
  });
  if (install.status !== 0) {
    const tail = `${install.stderr ?? ''}${install.error?.message ?? ''}`.trim().split('\n').slice(-2).join(' ');
    return `installing ${DEBIAN_PACKAGE} failed (exit ${install.status}): ${tail}`;
  }
  return canImportSimpy() ? null : `${DEBIAN_PACKAGE} installed but ${PYTHON} still cannot import simpy`;
}

/** Runs bench/simpy/erlang_a.py for `leads` arrivals; skipped (with the reason) rather than failing the bench. */
export function simpyPeer(leads: number, handoffLeadsPerSec: number, log: (line: string) => void): SimpyFigures | SimpySkipped {
  const problem = ensureSimpy(log);
  if (problem !== null) return { skipped: true, reason: problem };
  const script = join(packageRoot(), 'bench', 'simpy', 'erlang_a.py');
  const run = spawnSync(PYTHON, [script, '--leads', String(leads)], { encoding: 'utf8', timeout: 30 * 60_000 });
  if (run.status !== 0) return { skipped: true, reason: `SimPy model failed (exit ${run.status}): ${(run.stderr || run.error?.message || '').trim().split('\n').slice(-1)[0]}` };
  const out = JSON.parse(run.stdout) as SimpyOutput;
  const expected = erlangA({ arrivalRate: 200 / 60, meanServiceTime: 3, servers: 14, threshold: 20 / 60, meanPatience: 5 });
  return {
    skipped: false,
    leads: out.leads,
    seconds: out.seconds,
    leadsPerSec: out.leadsPerSec,
    ratio: handoffLeadsPerSec / out.leadsPerSec,
    serviceLevel: out.serviceLevel,
    waitingProbability: out.waitingProbability,
    abandonment: out.abandonment,
    simpyVersion: out.simpyVersion,
    erlangA: { serviceLevel: expected.serviceLevel, waitingProbability: expected.waitingProbability, abandonment: expected.abandonment },
  };
}

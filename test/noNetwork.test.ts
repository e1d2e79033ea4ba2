import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers/scenario.js';

describe('the tool makes no network calls', () => {
  it('the trap itself catches a lookup, in the main thread and in a worker thread', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'handoff-net-')), 'network.log');
    const script = "const { Worker } = require('node:worker_threads'); try { require('node:dns').lookup('example.com', () => {}); } catch {} new Worker(\"try { require('node:dns').lookup('example.com', () => {}); } catch {}\", { eval: true });";
    spawnSync(process.execPath, [`--require=${ROOT}test/fixtures/reliability/deny-network.cjs`, '-e', script], { env: { ...process.env, HANDOFF_NET_LOG: log }, encoding: 'utf8' });
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['dns.lookup', 'dns.lookup']);
  });

  it('compare (worker pool, report rendering) runs with every network API booby-trapped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-net-'));
    const log = join(dir, 'network.log');
    const run = cli(['compare', 'test/fixtures/reliability/long-run.yaml', '--replications', '2', '--quiet', '--out', join(dir, 'run')], {
      env: { NODE_OPTIONS: `--require=${ROOT}test/fixtures/reliability/deny-network.cjs`, HANDOFF_NET_LOG: log },
    });
    expect(run.stderr).not.toMatch(/network access denied/);
    expect(run.status).toBe(0);
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
    expect(existsSync(join(dir, 'run', 'report.html'))).toBe(true);
  });
});

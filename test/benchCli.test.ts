import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchTable } from '../bench/table.js';
import { REQUIRED_KEYS, type BenchReport } from '../bench/report.js';
import { cli } from './helpers/scenario.js';

const at = (json: unknown, dotted: string): unknown => dotted.split('.').reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), json);

describe('handoff bench --quick --json', () => {
  it('prints and writes one JSON report with every required figure as a finite number (or the peer skipped with a reason)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'handoff-bench-')), 'bench.json');
    const run = cli(['bench', '--quick', '--json', '--out', out]);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    const printed: unknown = JSON.parse(run.stdout);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(printed);

    const peer = at(printed, 'peer.simpy') as { skipped?: unknown; reason?: unknown };
    const peerSkipped = peer.skipped === true;
    if (peerSkipped) expect(typeof peer.reason === 'string' && peer.reason.length > 0).toBe(true);
    else expect(peer.skipped).toBe(false);
    for (const key of REQUIRED_KEYS) {
      if (peerSkipped && key.startsWith('peer.simpy.')) continue;
      const value = at(printed, key);
      expect(typeof value === 'number' && Number.isFinite(value), `${key} = ${String(value)}`).toBe(true);
    }

    // The large-team figure: large-company.yaml's 640 reps over 2.5 weeks in --quick, at 64x the baseline's volume.
    expect(at(printed, 'engine.largeTeam.reps')).toBe(640);
    expect(at(printed, 'engine.largeTeam.leads')).toBeGreaterThan(8 * (at(printed, 'engine.baseline.leads') as number));
    expect(Number.isFinite(at(printed, 'engine.largeTeam.leadsPerSec'))).toBe(true);
    expect(at(printed, 'quick')).toBe(true);
    expect(typeof at(printed, 'machine.cpuModel')).toBe('string');
    expect(at(printed, 'machine.cores')).toBeGreaterThan(0);
    expect(at(printed, 'machine.node')).toBe(process.version);
    // The engine was timed under the budget the CLI sets, and the report says so.
    expect(at(printed, 'inlining')).toBe('--max-inlined-bytecode-size-cumulative=2000 (set by handoff-sim)');
    const targets = at(printed, 'targets') as { figure: string; target: string; pass: boolean | null }[];
    expect(targets.length).toBeGreaterThanOrEqual(8);
    for (const target of targets) expect(target.pass === null ? peerSkipped : typeof target.pass === 'boolean').toBe(true);

    // The printed table judges the targets only at full sizes; a smoke run's PASS/FAIL would mean nothing.
    const report = printed as BenchReport;
    expect(benchTable(report)).not.toMatch(/PASS|FAIL/);
    expect(benchTable(report)).toMatch(/\nsmoke sizes: targets not judged \(npm run bench judges them\); took /);
    expect(benchTable({ ...report, quick: false })).toMatch(/PASS|FAIL/);
    expect(benchTable({ ...report, quick: false })).toMatch(/\n\d of \d+ targets pass; took /);

    // Results are never overwritten: the same --out again is refused.
    const again = cli(['bench', '--quick', '--json', '--out', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });
});

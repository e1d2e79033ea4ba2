import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/scenario.js';

const out = (): string => join(mkdtempSync(join(tmpdir(), 'handoff-progress-')), 'run');
const progressLines = (stderr: string, label: string): string[] => stderr.split('\n').filter((line) => line.startsWith(`${label}: `));

// A total that grows read as a run that had finished and started again ("4/4 done", then "5/8 done").
describe('--progress when the total can still grow', () => {
  it('staff says which team each line is on, so a larger total is a new headcount', () => {
    const run = cli(['staff', 'scenarios/validation/erlang-c.yaml', '--target', 'all:0.8@20s', '--replications', '2', '--workers', '1', '--progress', '--out', out()]);
    expect(run.status).toBe(0);
    const lines = progressLines(run.stderr, 'staffing replications');
    expect(lines[0]).toMatch(/^staffing replications: 0\/2 done \(trying sdr=\d+\), 0 leads\/s$/);
    const stageAt = new Map<number, Set<string>>();
    for (const line of lines) {
      const [, total, stage] = /^staffing replications: \d+\/(\d+) done \(((?:trying|what-ifs at) sdr=\d+)\), [\d,]+ leads\/s$/.exec(line) ?? [];
      expect(stage, line).toBeDefined();
      stageAt.set(Number(total), (stageAt.get(Number(total)) ?? new Set()).add(stage!));
    }
    // Each growth of the total is a new team or the what-ifs, named on its lines.
    expect(stageAt.size).toBeGreaterThan(1);
    expect(new Set([...stageAt.values()].map((stages) => [...stages].at(-1))).size).toBe(stageAt.size);
  }, 120_000);

  it('compare --precision says how many replications per policy it now aims at', () => {
    const run = cli(['compare', 'scenarios/validation/erlang-a.yaml', '--precision', '0.01', '--replications', '2', '--workers', '2', '--progress', '--out', out()]);
    expect(run.status).toBe(0);
    const lines = progressLines(run.stderr, 'replications');
    expect(lines.slice(0, 3)).toEqual(['replications: 0/2 done, 0 leads/s', expect.stringMatching(/^replications: 1\/2 done, /), expect.stringMatching(/^replications: 2\/2 done, /)]);
    const grown = lines.filter((line) => / done/.test(line) && !/\/2 done/.test(line));
    expect(grown.length).toBeGreaterThan(0);
    for (const line of grown) {
      const [, total, planned] = /^replications: \d+\/(\d+) done \(--precision: now (\d+) replications per policy\), /.exec(line) ?? [];
      expect(total, line).toBeDefined();
      expect(total).toBe(planned);
    }
  }, 120_000);
});

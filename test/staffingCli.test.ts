import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StaffingSummary } from '../src/experiment/staffing/schema.js';
import { ROOT } from './helpers/scenario.js';

/** The built CLI, run asynchronously so the bad-flag cases (each a fresh node process) can run side by side. */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [`${ROOT}dist/src/cli/main.js`, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
  });
}

const small = 'test/fixtures/staffing/small-launch.yaml';
const queue = 'test/fixtures/staffing/erlang-c.yaml';

const cases: [string, string[], RegExp][] = [
  ['target without a share or window', [small, '--target', 'hot'], /--target "hot" is not understood: expected "<tier>:<fraction>@<duration>"/],
  ['duration without a unit', [small, '--target', 'hot:0.8@5'], /duration "5" is not understood; write a number and a unit: 20s, 5m, 1h or 1d/],
  ['misspelt tier', [small, '--target', 'hto:0.8@5m'], /tier "hto" is not a tier of policy "current" \(did you mean "hot"\?\); tiers: hot, warm-plus/],
  ['no --target', [small], /--target is needed at least once/],
  ['--window launch on a scenario without surges', [queue, '--target', 'all:0.8@20s', '--window', 'launch'], /--window launch .* has none \(no sources\.<name>\.surges\); use --window all or add a surge/],
  ['unknown role', [small, '--target', 'hot:0.8@5m', '--role', 'cso'], /Invalid values:[\s\S]*role/],
  ['--min above --max', [small, '--target', 'hot:0.8@5m', '--min', '5', '--max', '3'], /--max \(3\) must be at least --min \(5\)/],
  ['--max not a number', [small, '--target', 'hot:0.8@5m', '--max', 'lots'], /--max must be a number \(got "lots"\)/],
  ['--job-timeout not positive', [small, '--target', 'hot:0.8@5m', '--job-timeout', '0'], /--job-timeout must be a positive number of seconds \(got 0\)/],
];

describe.concurrent('handoff staff: bad flags', () => {
  it.each(cases)('%s: exit 2, one clear message, no stack, nothing written', async (_name, args, message) => {
    const out = join(mkdtempSync(join(tmpdir(), 'handoff-staff-')), 'out');
    const run = await cli(['staff', ...args, '--out', out, '--quiet']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});

describe('handoff staff: a custom policy that fails while running', () => {
  it('is exit 3 with the failed replication named, not an internal error, and nothing written', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'handoff-staff-')), 'out');
    const run = await cli(['staff', 'test/fixtures/reliability/hostile-policies.yaml', '--policy', 'throws', '--target', 'warm:0.5@4h', '--replications', '2', '--max', '5', '--out', out, '--quiet']);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/replication \d+ of policy "throws" failed: custom policy "throws-at-score": score\(\) threw: scoring service unavailable \(team \{"sdr":\d+\}/);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('handoff staff: a launch end to end', () => {
  it('--json prints recommended, the curve with means and 95% intervals, and the Erlang estimate; the folder has the report', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'handoff-staff-')), 'run');
    const run = await cli(['staff', small, '--target', 'warm-plus:0.8@1d', '--window', 'launch', '--json', '--out', out, '--workers', '2', '--quiet']);
    expect(run.stderr).toContain(`Report: ${out}/report.html`);
    expect(run.status).toBe(0);
    const summary = StaffingSummary.parse(JSON.parse(run.stdout));
    expect(summary.pods).toEqual({ sdr: 'sdr' });
    expect(Number.isInteger(summary.recommended.sdr)).toBe(true);
    expect(summary.curve.length).toBeGreaterThanOrEqual(2);
    for (const point of summary.curve) expect(point.ci95![0]).toBeLessThanOrEqual(point.mean!);
    expect(summary.analytic.sdr!.recommended).toBeGreaterThan(0);
    expect(summary.analytic.sdr!.targets[0]!.inputs!.leadsInWindow).toBeGreaterThan(0);
    // The scenario defines the surge protocol; the overflow and high-intent what-ifs are derived from "current".
    expect(summary.whatIfs!.rows.map((row) => [row.label, row.policy, row.source])).toEqual([
      ['surge protocol off', 'current', 'scenario'],
      ['surge protocol on', 'surge-protocol', 'scenario'],
      ['surge protocol + overflow AEs', 'staff-surge-overflow', 'derived'],
      ['surge protocol + high-intent-only', 'staff-surge-high-intent-only', 'derived'],
    ]);
    expect(summary.whatIfs!.team.sdr).toBe(summary.recommended.sdr);
    for (const file of ['summary.json', 'curve.csv', 'manifest.json', 'charts/staffing-curve.vl.json', 'charts/staffing-curve.svg', 'report.html']) expect(existsSync(join(out, file)), file).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual(summary);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Launch &lt;surge&gt; &amp; &quot;overflow&quot; test');
    // No --max-occupancy/--max-abandonment: the formulas have no caps (it read "caps: occupancy 100.0%, abandonment 100.0%").
    expect(html).toContain('; caps: none</td>');
    // Three days of patience read "4320.0 min mean".
    expect(html).toContain('; patience 3.0 d mean; ');
    expect(readFileSync(join(out, 'charts/staffing-curve.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('the same run twice gives the same answer (fixed seed, any worker count)', async () => {
    const args = ['staff', 'test/fixtures/staffing/small-queue.yaml', '--target', 'all:0.7@20s', '--json', '--quiet', '--replications', '4'];
    const [one, two] = await Promise.all(
      ['1', '2'].map(async (workers) => StaffingSummary.parse(JSON.parse((await cli([...args, '--workers', workers, '--out', join(mkdtempSync(join(tmpdir(), 'handoff-staff-')), 'run')])).stdout))),
    );
    expect(two!.curve).toEqual(one!.curve);
    expect(two!.recommended).toEqual(one!.recommended);
    expect(one!.whatIfs).toBeNull();
  });
});

// A custom policy that never returns hung staff for good (no per-replication limit): --job-timeout stops the search
// at the first replication over it, exit 3 naming the policy and the limit, nothing written.
describe('handoff staff --job-timeout', () => {
  it('a replication that never finishes fails the search with exit 3 within the limit', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'handoff-staff-')), 'out');
    const run = await cli(['staff', 'test/fixtures/reliability/hostile-policies.yaml', '--policy', 'loops', '--target', 'hot:0.5@1h', '--replications', '2', '--workers', '2', '--job-timeout', '3', '--quiet', '--out', out]);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/replication \d of policy "loops" failed: did not finish within 3 s \(--job-timeout\); its worker was replaced/);
    expect(run.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

// A difference of exactly zero (no pipeline in a textbook queue) printed "+$0 (+$0 to +$0)", unlike compare's tables.
describe('handoff staff: exact zero differences', () => {
  it('have no sign', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'handoff-staff-')), 'run');
    const run = await cli(['staff', queue, '--target', 'all:0.8@20s', '--replications', '3', '--workers', '2', '--quiet', '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/pipeline \$0 \(\$0 to \$0\)/);
    expect(run.stdout).not.toMatch(/[+-]\$0\b/);
    // The report wrote an exact zero as "\u00b1$0", which reads as a half-width.
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toMatch(/>\$0 <span class="ci">\$0 to \$0<\/span>/);
    expect(report).not.toMatch(/[\u00b1+\u2212]\$0\b/);
  });
});

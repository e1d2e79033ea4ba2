import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/scenario.js';

describe('examples/library.mjs (the README library example)', () => {
  it('runs through the package export and prints what the README shows', () => {
    const run = spawnSync(process.execPath, ['examples/library.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.slice(0, 4).map((line) => line.split(' ')[0])).toEqual(['current', 'tighter-mql', 'threshold-70', 'two-axis']);
    expect(lines[4]).toMatch(/^tighter-mql vs current pipeline: (better|worse|no detectable difference)$/);
    // A demo-and-pricing lead with every fit signal scores 50 fit + 40 intent; fit alone is not an MQL.
    expect(lines[5]).toBe('scores [ 90, 50, 50, 50 ] mql [ 1, 0, 0, 0 ]');
  });
});

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { givenInliningFlag, INLINING_BUDGET } from '../src/engine/inliningBudget.js';

/** raiseInliningBudget's answer in a fresh node started with these flags (the built module: what the CLI runs). */
function raisedIn(nodeFlags: string[]): string {
  const code = "import('./dist/src/engine/inliningBudget.js').then((m) => process.stdout.write(m.raiseInliningBudget()))";
  const run = spawnSync(process.execPath, [...nodeFlags, '-e', code], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return run.stdout;
}

describe("the engine's V8 inlining budget", () => {
  it('is raised in a node started without one', () => {
    expect(raisedIn([])).toBe(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET} (set by handoff-sim)`);
  });

  it("stands aside for a budget given on node's command line", () => {
    expect(raisedIn(['--max-inlined-bytecode-size-cumulative=920'])).toBe("--max-inlined-bytecode-size-cumulative=920 (node's command line)");
  });

  it('finds that budget in either spelling, and not the per-function limit whose name starts the same way', () => {
    expect(givenInliningFlag(['--enable-source-maps', '--max_inlined_bytecode_size_cumulative=3000'])).toBe('--max_inlined_bytecode_size_cumulative=3000');
    expect(givenInliningFlag(['--max-old-space-size=4096'])).toBeNull();
    expect(givenInliningFlag(['--max-inlined-bytecode-size=600'])).toBeNull();
  });
});

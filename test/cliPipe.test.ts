import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/scenario.js';

// Behaviour: output piped into a reader that stops early (`handoff schema | head`) ends quietly with exit 0,
// instead of an EPIPE stack trace.

/** Runs `handoff <args> | head -c 100` in bash and returns the exit status of handoff itself. */
function pipedIntoHead(args: string[]): { status: number; stderr: string } {
  const command = `"${process.execPath}" "${ROOT}dist/src/cli/main.js" ${args.join(' ')} | head -c 100 > /dev/null; exit \${PIPESTATUS[0]}`;
  const run = spawnSync('bash', ['-c', command], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status ?? -1, stderr: run.stderr };
}

describe('a reader that closes the pipe early', () => {
  it('handoff schema (about 100 KB, more than a pipe holds) stops with exit 0 and nothing on stderr', () => {
    const run = pipedIntoHead(['schema']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

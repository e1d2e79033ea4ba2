import { setFlagsFromString } from 'node:v8';

/**
 * V8 inlines at most this many bytes of bytecode into one optimised function. Its default, 920, runs out before
 * the event loop has taken in the per-lead path (some 25 small methods), and each call left out costs a frame and
 * its field reloads: 2000 takes Erlang A from 6,660 to 6,081 instructions per lead (README, Performance).
 */
export const INLINING_BUDGET = 2000;

const FLAG = '--max-inlined-bytecode-size-cumulative';

/** The budget node was started with, as given on its command line (either spelling), or null. */
export function givenInliningFlag(execArgv: readonly string[]): string | null {
  return execArgv.find((arg) => arg.replaceAll('_', '-').startsWith(FLAG)) ?? null;
}

/**
 * Raises V8's inlining budget for this process (workers included) unless node was started with one, which then
 * stands. A compiler heuristic: results are the same under any budget, only speed changes. The CLI and the bench call
 * it first thing; it is process-wide, so a library user opts in by calling it. Returns the budget in effect, for the
 * bench to record.
 */
export function raiseInliningBudget(): string {
  const given = givenInliningFlag(process.execArgv);
  if (given !== null) return `${given} (node's command line)`;
  setFlagsFromString(`${FLAG}=${INLINING_BUDGET}`);
  return `${FLAG}=${INLINING_BUDGET} (set by handoff-sim)`;
}

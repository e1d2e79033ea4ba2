import { UsageError } from '../errors.js';

/** A flag given with --resume, its value (undefined: not given) and the value the run was started with. */
export type ResumedFlag = readonly [flag: string, given: unknown, saved: unknown];

/**
 * --resume finishes a run as it was started (its manifest holds the flags). A flag given again with another value
 * would be silently ignored, so it is refused, naming what the run has.
 */
export function refuseChangedFlags(dir: string, flags: readonly ResumedFlag[]): void {
  const show = (value: unknown): string => (Array.isArray(value) ? value.join(',') : value === undefined ? 'none' : String(value));
  const changed = flags.filter(([, given, saved]) => given !== undefined && JSON.stringify(given) !== JSON.stringify(saved));
  if (changed.length === 0) return;
  const list = changed.map(([flag, given, saved]) => `${flag} ${show(given)} (the run has ${show(saved)})`).join(', ');
  throw new UsageError(`--resume finishes ${dir} as it was started, so ${list} cannot apply; drop ${changed.length === 1 ? 'it' : 'them'}, or start a new run with --out`);
}

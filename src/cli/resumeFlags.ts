import { UsageError } from '../errors.js';

/** A flag given with --resume, its value (undefined: not given) and the value the run was started with. */
export type ResumedFlag = readonly [flag: string, given: unknown, saved: unknown];

/**
 * --resume finishes a run as it was started (its manifest holds the flags). A flag given again with another value
 * would be silently ignored, so it is refused, naming what the run has.
 */
export function refuseChangedFlags(dir: string, flags: readonly ResumedFlag[]): void {
  const show = (value: unknown): string => (Array.isArray(value) ? value.join(',') : String(value));
  const changed = flags.filter(([, given, saved]) => given !== undefined && JSON.stringify(given) !== JSON.stringify(saved));
  if (changed.length === 0) return;
  // A switch is named as typed (--no-what-ifs, not --what-ifs false); a flag the run left out had its default.
  const typed = (flag: string, given: unknown): string => (given === true ? flag : given === false ? flag.replace(/^--/, '--no-') : `${flag} ${show(given)}`);
  const had = (saved: unknown): string => (saved === undefined ? 'the run used the default' : typeof saved === 'boolean' ? `the run had it ${saved ? 'on' : 'off'}` : `the run has ${show(saved)}`);
  const list = changed.map(([flag, given, saved]) => `${typed(flag, given)} (${had(saved)})`).join(', ');
  throw new UsageError(`--resume finishes ${dir} as it was started, so ${list} cannot apply; drop ${changed.length === 1 ? 'it' : 'them'}, or start a new run with --out`);
}

import { distance as levenshtein } from 'fastest-levenshtein';
import { shellWord } from './shellWord.js';

/** Every error a user can cause ends up as one of these; the CLI prints it and exits 2, without a stack trace. */

export interface Problem {
  /** Dotted path to the field, e.g. "team.sdr.count" ("" for the whole file). */
  path: string;
  message: string;
  line?: number;
  /** The file the field is written in, when not the one the error names (a base scenario reached through extends). */
  file?: string;
  /** What to do about it, when there is something specific to say. */
  fix?: string;
}

/** Bad input in a named file: a scenario, a mapping, a CSV export, a policy module. */
export class InputError extends Error {
  readonly exitCode = 2;
  /** `listed`: how many problems to print in full (the rest are counted); `more`: where to see the rest. */
  constructor(
    readonly file: string,
    readonly problems: Problem[],
    listed = MAX_LISTED,
    more?: string,
  ) {
    super(formatProblems(file, problems, 'problem', listed, more));
    this.name = 'InputError';
  }
}

/** Replications failed (a custom policy threw, a worker died) where the command cannot report partial results: exit 3. */
export class ReplicationsFailed extends Error {
  readonly exitCode = 3;
  constructor(message: string) {
    super(message);
    this.name = 'ReplicationsFailed';
  }
}

/** Bad command-line usage: an unknown policy name, a malformed flag value. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Problems printed in full; the rest are counted (so a file with thousands of mistakes stays quick to report). */
export const MAX_LISTED = 8;

/** validate is where a file gets fixed: it lists far more problems in full than a run's refusal does. */
export const VALIDATE_LISTED = 100;

/** Where a refusal that lists only the first `listed` problems sends the reader for the rest: validate, which lists them all. */
export const seeAllWith = (file: string, listed: number): string | undefined => (listed < VALIDATE_LISTED ? `see them with: handoff validate ${shellWord(file)}` : undefined);

export function formatProblems(file: string, problems: Problem[], noun = 'problem', listed = MAX_LISTED, more?: string): string {
  const lines = problems.slice(0, listed).map((problem) => {
    const at = problem.file === undefined ? (problem.line === undefined ? '' : `line ${problem.line}`) : `${problem.file}${problem.line === undefined ? '' : ` line ${problem.line}`}`;
    // Without a field path, the line alone says where (a YAML syntax error, a row with too many cells).
    const where = problem.path !== '' ? `${printable(problem.path)}${at === '' ? '' : ` (${at})`}` : at === '' ? '(top level)' : at;
    const fix = problem.fix === undefined ? '' : `${/[.!?]$/.test(problem.message) ? '' : '.'} Fix: ${problem.fix}`;
    return `  ${where}: ${printable(problem.message)}${printable(fix)}`;
  });
  const rest = problems.length > listed ? [`  ...and ${problems.length - listed} more${more === undefined ? '' : ` (${more})`}`] : [];
  return [`${file}: ${problems.length} ${noun}${problems.length === 1 ? '' : 's'}`, ...lines, ...rest].join('\n');
}

export const isUserError = (error: unknown): error is InputError | UsageError =>
  error instanceof InputError || error instanceof UsageError;

/** Closest candidates to a misspelt name, for "did you mean" fixes. */
export function nearest(name: string, candidates: readonly string[], limit = 3): string[] {
  return candidates
    .map((candidate) => ({ candidate, distance: levenshtein(name.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ candidate, distance }) => distance <= Math.max(2, Math.floor(candidate.length / 3)))
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** Control characters from a hostile file (ANSI escapes, bells) are shown escaped, never sent to the terminal. */
const printable = (text: string): string => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

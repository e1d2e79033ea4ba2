import { InputError } from '../../errors.js';
import { formatRowProblems, rowsAt, type RowProblemClass } from './rowProblems.js';

/**
 * Exit codes of replay, calibrate and backtest: 0 every row was used; 2 nothing was run (bad input or usage,
 * one message per problem); 3 the command ran but some rows could not be used and were left out (listed on
 * stderr); 1 an internal error.
 */
export const EXIT_ROWS_LEFT_OUT = 3;

/**
 * Reports rows that were left out on stderr and sets exit code 3; with `strict`, any unusable row stops the
 * command before it runs (exit 2).
 */
export function reportLeftOut(file: string, problems: readonly RowProblemClass[], unusable: number, total: number, strict: boolean | undefined): void {
  if (unusable === 0) return;
  if (strict === true) {
    throw new InputError(
      file,
      problems.map((entry) => ({ path: entry.column ?? '', line: entry.lines[0]!, message: `${entry.problem}: ${rowsAt(entry)}, e.g. ${entry.example}`, fix: `${entry.fix} (or drop --strict to leave these rows out)` })),
    );
  }
  process.stderr.write(`${formatRowProblems(file, problems, unusable, total)}\n`);
  process.exitCode = EXIT_ROWS_LEFT_OUT;
}

import { formatProblems, type Problem } from '../errors.js';

/** Scenario warnings go to stderr so --json output on stdout stays one clean object. */
export function printWarnings(file: string, warnings: Problem[]): void {
  if (warnings.length === 0) return;
  process.stderr.write(`${formatProblems(file, warnings, 'warning')}\n`);
}

import { formatProblems, type Problem } from '../errors.js';
import { RESULTS_ROOT, slug } from '../report/atomicFiles.js';
import { killedRunsNotes } from '../report/leftovers.js';

/** Scenario warnings go to stderr so --json output on stdout stays one clean object. */
export function printWarnings(file: string, warnings: Problem[]): void {
  if (warnings.length === 0) return;
  process.stderr.write(`${formatProblems(file, warnings, 'warning')}\n`);
}

/** Before a run into the default results folder: the scenario's runs there that were killed and can be finished. */
export function printKilledRuns(scenarioName: string): void {
  for (const line of killedRunsNotes(RESULTS_ROOT, slug(scenarioName))) process.stderr.write(`${line}\n`);
}

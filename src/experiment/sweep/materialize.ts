import { InputError, UsageError, type Problem } from '../../errors.js';
import { parseScenarioText, type LoadedScenario } from '../../scenario/load.js';
import { setNumber } from '../../scenario/paths.js';
import type { Scenario } from '../../scenario/schema/scenario.js';

/** One grid point's scenario, validated, as the text a worker parses (JSON is valid YAML). */
export interface MaterializedPoint {
  text: string;
  /** Warnings this point's scenario has that the original does not (e.g. a pod set to zero reps). */
  newWarnings: Problem[];
}

/**
 * The validated scenario with the point's values set, serialised in full. Policy `extends` is dropped because
 * every policy is already resolved: the copy must not re-inherit from a parent whose fields the sweep changed.
 * Workers parse it against the original file name, so custom policy modules still resolve beside that file.
 * A value the schema rejects becomes a UsageError quoting the schema's message for that field.
 */
export function materializePoint(loaded: LoadedScenario, values: Record<string, number>): MaterializedPoint {
  let scenario: Scenario = loaded.scenario;
  for (const [path, value] of Object.entries(values)) scenario = setNumber(scenario, path, value);
  const policies = Object.fromEntries(Object.entries(scenario.policies).map(([name, policy]) => [name, withoutExtends(policy)]));
  const text = `${JSON.stringify({ ...scenario, policies })}\n`;
  let checked: LoadedScenario;
  try {
    checked = parseScenarioText(text, loaded.file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const setting = Object.entries(values).map(([path, value]) => `${path}=${value}`).join(', ');
    const problems = error.problems.map((problem) => `  ${problem.path === '' ? '(top level)' : problem.path}: ${problem.message}${problem.fix === undefined ? '' : ` (${problem.fix})`}`);
    throw new UsageError(`the sweep point ${setting} is not a valid scenario:\n${problems.join('\n')}`);
  }
  const known = new Set(loaded.warnings.map(warningKey));
  return { text, newWarnings: checked.warnings.filter((warning) => !known.has(warningKey(warning))).map(({ line: _line, ...rest }) => rest) };
}

const warningKey = (warning: Problem): string => `${warning.path}\u0000${warning.message}`;

function withoutExtends<T extends { extends?: string | undefined }>(policy: T): Omit<T, 'extends'> {
  const { extends: _parent, ...rest } = policy;
  return rest;
}

import { z } from 'zod';
import { UsageError } from '../../errors.js';
import { requireNumericField } from '../../scenario/paths.js';
import type { Scenario } from '../../scenario/schema/scenario.js';
import type { ParamRequest } from './grid.js';

export const SweepParameter = z.object({
  path: z.string(),
  values: z.array(z.number()),
  /** The field takes whole numbers only. */
  integer: z.boolean(),
  /** The value in the scenario file (null: an optional field it leaves unset). */
  scenarioValue: z.number().nullable(),
});
export type SweepParameter = z.infer<typeof SweepParameter>;

/** Fields a sweep must not vary: they are the experiment's own settings, set with flags instead. */
const NOT_SWEEPABLE: Record<string, string> = {
  seed: 'the seed picks the random numbers every point shares; use --seed to change it for the whole sweep',
  replications: 'use --replications to set how many replications each point gets',
};

/** Checks each --param against the scenario: a numeric field, whole numbers for integer fields, at most two. */
export function resolveParameters(scenario: Scenario, requests: readonly ParamRequest[]): SweepParameter[] {
  if (requests.length === 0) throw new UsageError('--param is needed: name at least one field to vary, e.g. --param policies.current.scoring.threshold=55..85:5');
  if (requests.length > 2) throw new UsageError(`--param is given ${requests.length} times; a sweep varies one or two parameters (a line or a grid)`);
  const seen = new Set<string>();
  return requests.map((request) => {
    if (seen.has(request.path)) throw new UsageError(`--param ${request.path} is given twice; list all its values in one --param`);
    seen.add(request.path);
    const reason = NOT_SWEEPABLE[request.path];
    if (reason !== undefined) throw new UsageError(`--param ${request.path}: ${reason}`);
    const field = requireNumericField(scenario, request.path);
    if (field.integer) {
      const fraction = request.values.find((value) => !Number.isInteger(value));
      if (fraction !== undefined) {
        throw new UsageError(`--param ${request.text}: ${request.path} takes whole numbers only, but the values include ${fraction}; use a whole-number start and step`);
      }
    }
    return { path: request.path, values: request.values, integer: field.integer, scenarioValue: field.value };
  });
}

/** The policy a path belongs to ("policies.<name>.…"), or null for scenario-wide fields. */
export function policyOfPath(path: string): string | null {
  const match = /^policies\.([^.]+)\./.exec(path);
  return match === null ? null : match[1]!;
}

/**
 * The policy to run: --policy, else the one the parameters vary, else the scenario's first. Varying one policy
 * while measuring another would give a flat line, so that is an error.
 */
export function measuredPolicy(scenario: Scenario, parameters: readonly SweepParameter[], requested: string | undefined): string {
  const defined = Object.keys(scenario.policies);
  if (requested !== undefined && !defined.includes(requested)) {
    throw new UsageError(`--policy "${requested}" is not defined in this scenario; defined: ${defined.join(', ')}`);
  }
  const varied = [...new Set(parameters.map((parameter) => policyOfPath(parameter.path)).filter((name): name is string => name !== null))];
  if (varied.length > 1) throw new UsageError(`--param varies two different policies (${varied.join(', ')}); a sweep measures one policy`);
  const policy = requested ?? varied[0] ?? defined[0]!;
  if (varied.length === 1 && varied[0] !== policy) {
    throw new UsageError(`--param varies policy "${varied[0]}" but the sweep measures "${policy}", which would not change; use --policy ${varied[0]} or vary policies.${policy}.…`);
  }
  return policy;
}

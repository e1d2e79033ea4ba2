import { z } from 'zod';
import { Scenario } from './schema/scenario.js';

/** JSON Schema of the scenario file, generated from the zod schema (the input side: defaults are optional). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' }),
    title: 'handoff-sim scenario',
    description: 'A handoff-sim scenario file (YAML or JSON). See README "Scenario reference".',
  };
}

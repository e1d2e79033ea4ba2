import { z } from 'zod';
import { Mapping } from '../leads/replay/mapping.js';
import { Scenario } from './schema/scenario.js';

type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema of the scenario file, generated from the zod schema (the input side: defaults are optional). A
 * file with `extends` states only what it overrides, so it is checked against the override form instead.
 */
export function scenarioJsonSchema(): JsonSchema {
  const { $schema, ...complete } = z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' });
  return {
    $schema,
    title: 'handoff-sim scenario',
    description: 'A handoff-sim scenario file (YAML or JSON). See README "Scenario reference".',
    if: { type: 'object', properties: { extends: { type: 'string' } }, required: ['extends'] },
    then: asOverride(complete),
    else: complete,
  };
}

/** JSON Schema of a CRM mapping file (replay, calibrate, backtest), from the same zod schema the commands check with. */
export function mappingJsonSchema(): JsonSchema {
  const { $schema, ...schema } = z.toJSONSchema(Mapping, { io: 'input', unrepresentable: 'any' });
  return { $schema, title: 'handoff-sim CRM mapping', description: 'How a CRM export maps onto leads (YAML). See README "The mapping file".', ...schema };
}

/** Keywords whose values are data or whole replacements, not schemas to relax. */
const KEPT_AS_IS = new Set(['default', 'enum', 'const', 'examples', 'items', 'prefixItems']);

/**
 * The override form, as `extends` merges: every key optional and null allowed (null removes the inherited key),
 * all the way down through mappings; lists replace the inherited list whole, so their items stay complete.
 */
function asOverride(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(asOverride);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema as JsonSchema)) {
    if (key === 'required') continue;
    if (KEPT_AS_IS.has(key)) out[key] = value;
    // A partial override (e.g. only a distribution's mean) can fit several relaxed branches, so any one will do.
    else if (key === 'oneOf') out.anyOf = asOverride(value);
    else if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value as JsonSchema).map(([name, sub]) => [name, orNull(asOverride(sub))]));
    else if (key === 'additionalProperties' && typeof value === 'object') out[key] = orNull(asOverride(value));
    else out[key] = asOverride(value);
  }
  return out;
}

const orNull = (schema: unknown): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

import { distance as levenshtein } from 'fastest-levenshtein';
import { z } from 'zod';
import { unwrapSchema } from './schemaWalk.js';
import { nearest, UsageError } from '../errors.js';
import { Scenario } from './schema/scenario.js';

/** One numeric field of a validated scenario, addressed by its dotted path (array items by index). */
export interface NumericField {
  path: string;
  /** Current value; null for an optional field the scenario leaves unset. */
  value: number | null;
  /** The schema allows whole numbers only (counts, days, limits). */
  integer: boolean;
}

type Node = unknown;
const isRecord = (value: Node): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every numeric field of a validated scenario in document order, found by walking the zod schema beside the data. */
export function numericFields(scenario: Scenario): NumericField[] {
  const out: NumericField[] = [];
  walk(Scenario, scenario, [], out);
  return out;
}

export const numericPaths = (scenario: Scenario): string[] => numericFields(scenario).map((field) => field.path);

/** The numeric field at a path, or undefined when the path is not one (missing, text, a group of fields). */
export function numericField(scenario: Scenario, path: string): NumericField | undefined {
  return numericFields(scenario).find((field) => field.path === path);
}

/** The number at a path, or undefined when there is none. */
export function getNumber(scenario: Scenario, path: string): number | undefined {
  const value = valueAt(scenario, path.split('.'));
  return typeof value === 'number' ? value : undefined;
}

/**
 * A copy of the scenario with one numeric field changed; throws UsageError (with the nearest valid paths)
 * when the path is not a numeric field. The copy is not re-validated: parse it to check the value's range.
 */
export function setNumber(scenario: Scenario, path: string, value: number): Scenario {
  requireNumericField(scenario, path);
  const copy = structuredClone(scenario);
  const keys = path.split('.');
  const parent = valueAt(copy, keys.slice(0, -1));
  const last = keys[keys.length - 1]!;
  if (Array.isArray(parent)) parent[Number(last)] = value;
  else (parent as Record<string, unknown>)[last] = value;
  return copy;
}

/** The numeric field at a path (a sweep's --param), or a UsageError saying what is there instead and which paths are close. */
export function requireNumericField(scenario: Scenario, path: string): NumericField {
  const fields = numericFields(scenario);
  const found = fields.find((field) => field.path === path);
  if (found !== undefined) return found;
  const paths = fields.map((field) => field.path);
  const existing = path === '' ? undefined : valueAt(scenario, path.split('.'));
  if (existing !== undefined && existing !== null) {
    const under = paths.filter((candidate) => candidate.startsWith(`${path}.`));
    if (under.length > 0) {
      throw new UsageError(`--param ${path} is a group of fields, not a number; numeric fields under it: ${listed(under)}`);
    }
    throw new UsageError(`--param ${path} is not a numeric field (it is ${describe(existing)}); numeric fields nearby: ${listed(nearestPaths(path, paths))}`);
  }
  const suggestions = nearestPaths(path, paths);
  throw new UsageError(`--param ${path} is not a field of this scenario; nearest numeric fields: ${listed(suggestions)} (handoff sweep <scenario> --list-params shows them all)`);
}

/**
 * Valid paths closest to a mistyped one, looked for under the longest prefix that exists (so
 * "policies.curent.x" and "team.sdrs.count" stay among policy and team fields): the "did you mean" matches
 * when there are any, otherwise the closest few.
 */
export function nearestPaths(path: string, candidates: readonly string[], limit = 5): string[] {
  const segments = path.split('.');
  let pool: readonly string[] = candidates;
  for (let length = segments.length - 1; length > 0; length--) {
    const prefix = `${segments.slice(0, length).join('.')}.`;
    const under = candidates.filter((candidate) => candidate.startsWith(prefix));
    if (under.length > 0) {
      pool = under;
      break;
    }
  }
  const close = nearest(path, pool, limit);
  if (close.length > 0) return close;
  return pool
    .map((candidate) => ({ candidate, distance: levenshtein(path.toLowerCase(), candidate.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

const MAX_LISTED = 12;

const listed = (paths: readonly string[]): string =>
  paths.length === 0 ? '(none)' : paths.length <= MAX_LISTED ? paths.join(', ') : `${paths.slice(0, MAX_LISTED).join(', ')} and ${paths.length - MAX_LISTED} more`;

function describe(value: Node): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  return JSON.stringify(value);
}

/** The value at a key path in a parsed document (list indexes as digits), or undefined. */
export function valueAt(root: Node, keys: readonly string[]): Node {
  let node: Node = root;
  for (const key of keys) {
    if (Array.isArray(node)) node = /^\d+$/.test(key) ? node[Number(key)] : undefined;
    else if (isRecord(node)) node = Object.hasOwn(node, key) ? node[key] : undefined;
    else return undefined;
  }
  return node;
}

function walk(schema: z.ZodType, value: Node, path: string[], out: NumericField[]): void {
  const type = matching(schema, value);
  if (type === undefined) return;
  if (typeof value === 'number') {
    if (type instanceof z.ZodNumber) out.push({ path: path.join('.'), value, integer: type.isInt });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const element = type instanceof z.ZodArray ? (type.element as z.ZodType) : type instanceof z.ZodTuple ? (type.def.items[index] as z.ZodType | undefined) : undefined;
      if (element !== undefined) walk(element, item, [...path, String(index)], out);
    });
    return;
  }
  if (!isRecord(value)) return;
  if (type instanceof z.ZodRecord) {
    for (const [key, item] of Object.entries(value)) if (!key.includes('.')) walk(type.valueType as z.ZodType, item, [...path, key], out);
    return;
  }
  if (!(type instanceof z.ZodObject)) return;
  for (const [key, field] of Object.entries(type.shape as Record<string, z.ZodType>)) {
    const item = value[key];
    const inner = unwrapSchema(field);
    // An unset optional number is still a field a sweep may set (a capacity cap, a named-account SLA).
    if ((item === undefined || item === null) && inner instanceof z.ZodNumber) out.push({ path: [...path, key].join('.'), value: null, integer: inner.isInt });
    else if (item !== undefined) walk(field, item, [...path, key], out);
  }
}

/** The schema that describes this value: wrappers removed and, for unions, the branch the value belongs to. */
function matching(schema: z.ZodType, value: Node): z.ZodType | undefined {
  const type = unwrapSchema(schema);
  if (!(type instanceof z.ZodUnion)) return type;
  for (const option of type.options as readonly z.ZodType[]) {
    const branch = matching(option, value);
    if (branch !== undefined && fits(branch, value)) return branch;
  }
  return undefined;
}

/** Whether a value has the shape of a (non-union) schema: enough to pick a union branch, not a validation. */
function fits(type: z.ZodType, value: Node): boolean {
  if (typeof value === 'number') return type instanceof z.ZodNumber;
  if (Array.isArray(value)) return type instanceof z.ZodArray || type instanceof z.ZodTuple;
  if (!isRecord(value)) return false;
  if (type instanceof z.ZodRecord) return true;
  if (!(type instanceof z.ZodObject)) return false;
  const shape = type.shape as Record<string, z.ZodType>;
  if (!Object.keys(value).every((key) => key in shape)) return false;
  // Discriminators (dist: "lognormal") must match the value's literal.
  return Object.entries(shape).every(([key, field]) => !(field instanceof z.ZodLiteral) || field.values.has(value[key] as never));
}


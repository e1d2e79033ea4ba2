import { z } from 'zod';

/**
 * Keys a schema allows at a path, for "did you mean" suggestions; under a union, the keys of any of its branches, or
 * with `value` (the mapping at the path), of the branch its tag picks (a distribution's `dist: gamma`).
 */
export function keysAllowedAt(root: z.ZodType, path: readonly PropertyKey[], value?: unknown): string[] {
  return [...new Set(keysOf(root, path, value))];
}

function keysOf(schema: z.ZodType | undefined, path: readonly PropertyKey[], value: unknown): string[] {
  if (schema === undefined) return [];
  const inner = unwrapSchema(schema);
  if (inner instanceof z.ZodUnion) {
    const options = inner.options as z.ZodType[];
    const chosen = path.length === 0 ? branchOf(inner, value) : undefined;
    // A distribution is a union on `dist`: a misspelt `sdd` is matched against every branch's keys.
    return chosen !== undefined ? keysOf(chosen, path, value) : options.flatMap((option) => keysOf(option, path, value));
  }
  if (path.length === 0) {
    if (inner instanceof z.ZodObject) return Object.keys(inner.shape);
    // A record keyed by an enum (a mapping's fit and intent signals): its keys are the enum's values.
    if (inner instanceof z.ZodRecord) {
      const keyType = unwrapSchema(inner.keyType as z.ZodType);
      return keyType instanceof z.ZodEnum ? (keyType.options as unknown[]).map(String) : [];
    }
    return [];
  }
  const [key, ...rest] = path;
  return keysOf(childOf(inner, key!), rest, value);
}

/** The schema one step down a path: an object's field, a record's value, a list's item. */
function childOf(inner: z.ZodType, key: PropertyKey): z.ZodType | undefined {
  if (inner instanceof z.ZodObject) return (inner.shape as Record<string, z.ZodType>)[String(key)];
  if (inner instanceof z.ZodRecord) return inner.valueType as z.ZodType;
  if (inner instanceof z.ZodArray) return inner.element as z.ZodType;
  return undefined;
}

/** The branch of a discriminated union whose tag the value carries (e.g. `dist: gamma`), if any. */
function branchOf(union: z.ZodUnion, value: unknown): z.ZodType | undefined {
  const discriminator = (union.def as { discriminator?: string }).discriminator;
  if (discriminator === undefined || typeof value !== 'object' || value === null) return undefined;
  const tag = (value as Record<string, unknown>)[discriminator];
  return (union.options as z.ZodType[]).find((option) => {
    const inner = unwrapSchema(option);
    const literal = inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>)[discriminator] : undefined;
    return literal instanceof z.ZodLiteral && (literal.values as Set<unknown>).has(tag);
  });
}

/** The schema inside defaults, optionals, nullables and pipes (the shape a value is checked against). */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current: unknown = schema;
  for (let guard = 0; guard < 10; guard++) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap();
    else if (current instanceof z.ZodPipe) current = current.in;
    else break;
  }
  return current as z.ZodType;
}

/** The largest value the number schema at a path allows (Infinity when unbounded or not a number there). */
export function numberMaxAt(root: z.ZodType, path: readonly PropertyKey[]): number {
  const found = schemasAt(root, path).flatMap(branchesOf).find((schema) => schema instanceof z.ZodNumber);
  return found instanceof z.ZodNumber ? (found.maxValue ?? Infinity) : Infinity;
}

/** What the schema at a path says of `value`: null when some branch there takes it, else the first branch's issues. */
export function issuesAt(root: z.ZodType, path: readonly PropertyKey[], value: unknown): z.core.$ZodIssue[] | null {
  const results = schemasAt(root, path).map((schema) => schema.safeParse(value));
  if (results.length === 0 || results.some((result) => result.success)) return null;
  return results[0]!.error?.issues ?? null;
}

/** The schemas (as declared, wrappers kept) a path can lead to: one per union branch that has it. */
function schemasAt(schema: z.ZodType | undefined, path: readonly PropertyKey[]): z.ZodType[] {
  if (schema === undefined) return [];
  if (path.length === 0) return [schema];
  const inner = unwrapSchema(schema);
  if (inner instanceof z.ZodUnion) return (inner.options as z.ZodType[]).flatMap((option) => schemasAt(option, path));
  const [key, ...rest] = path;
  return schemasAt(childOf(inner, key!), rest);
}

/** A schema's own shapes: a union's branches (each unwrapped), else the schema unwrapped. */
function branchesOf(schema: z.ZodType): z.ZodType[] {
  const inner = unwrapSchema(schema);
  return inner instanceof z.ZodUnion ? (inner.options as z.ZodType[]).flatMap(branchesOf) : [inner];
}

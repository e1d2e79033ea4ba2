import { z } from 'zod';

/** Keys a schema allows at a path, for "did you mean" suggestions; under a union, the keys of any of its branches. */
export function keysAllowedAt(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  return [...new Set(keysOf(root, path))];
}

function keysOf(schema: z.ZodType | undefined, path: readonly PropertyKey[]): string[] {
  if (schema === undefined) return [];
  const inner = unwrapSchema(schema);
  // A distribution is a union on `dist`: a misspelt `sdd` is matched against every branch's keys.
  if (inner instanceof z.ZodUnion) return (inner.options as z.ZodType[]).flatMap((option) => keysOf(option, path));
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
  if (inner instanceof z.ZodObject) return keysOf((inner.shape as Record<string, z.ZodType>)[String(key)], rest);
  if (inner instanceof z.ZodRecord) return keysOf(inner.valueType as z.ZodType, rest);
  if (inner instanceof z.ZodArray) return keysOf(inner.element as z.ZodType, rest);
  return [];
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

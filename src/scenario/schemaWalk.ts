import { z } from 'zod';

/** Keys a schema allows at a path, for "did you mean" suggestions. */
export function keysAllowedAt(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  let schema: unknown = root;
  for (const key of path) {
    if (schema === undefined) return [];
    schema = unwrapSchema(schema as z.ZodType);
    if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, unknown>)[String(key)];
    else if (schema instanceof z.ZodRecord) schema = schema.valueType;
    else if (schema instanceof z.ZodArray) schema = schema.element;
    else return [];
  }
  if (schema === undefined) return [];
  schema = unwrapSchema(schema as z.ZodType);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
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

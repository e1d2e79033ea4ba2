import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { InputError, type Problem } from '../../errors.js';
import { zodProblems } from '../../scenario/zodProblems.js';
import { Mapping } from './mapping.js';

/** Reads and validates a mapping file; every problem names the field and its line. */
export function loadMappingFile(file: string): Mapping {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new InputError(file, [{ path: '', message: missing ? 'mapping file not found' : `cannot be read (${(error as Error).message})`, fix: 'ready mappings live in mappings/ (hubspot-contacts.yaml, salesforce-leads.yaml, olist-marketing-funnel.yaml)' }]);
  }
  return parseMappingText(text, file);
}

export function parseMappingText(text: string, file: string): Mapping {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new InputError(
      file,
      doc.errors.slice(0, 5).map((error) => ({ path: '', line: lineCounter.linePos(error.pos[0]).line, message: `does not parse as YAML: ${error.message.split('\n')[0]}`, fix: 'check indentation, quotes and colons around that line' })),
    );
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError(file, [{ path: '', message: 'a mapping must be a YAML mapping of keys (name, arrival, source, ...)' }]);
  }
  const parsed = Mapping.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const problems = zodProblems(parsed.error.issues, knownKeysAt);
    throw new InputError(file, problems.map((problem): Problem => ({ ...problem, line: problem.line ?? lineOf(doc, lineCounter, problem.path) })));
  }
  return parsed.data;
}

function lineOf(doc: Document, lineCounter: LineCounter, dottedPath: string): number | undefined {
  const keys = dottedPath === '' ? [] : dottedPath.split('.');
  for (let length = keys.length; length >= 0; length--) {
    const path = keys.slice(0, length).map((key) => (/^\d+$/.test(key) ? Number(key) : key));
    const node = length === 0 ? doc.contents : doc.getIn(path, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range !== undefined) return lineCounter.linePos(range[0]).line;
  }
  return undefined;
}

/** Keys allowed at a path of the mapping schema, for "did you mean" suggestions. */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: unknown = Mapping;
  for (const key of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, unknown>)[String(key)];
    else if (schema instanceof z.ZodRecord) schema = schema.valueType;
    else if (schema instanceof z.ZodArray) schema = schema.element;
    else return [];
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let guard = 0; guard < 10; guard++) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodOptional) current = current.unwrap();
    else if (current instanceof z.ZodPipe) current = current.in;
    else break;
  }
  return current;
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { InputError, type Problem } from '../errors.js';
import { resolvePolicyExtends } from './extends.js';
import { Scenario } from './schema/scenario.js';
import { semanticProblems, type Warning } from './semantics.js';
import { zodProblems } from './zodProblems.js';

export interface LoadedScenario {
  file: string;
  scenario: Scenario;
  /** sha256 of the validated scenario (defaults filled), for manifests and resume checks. */
  hash: string;
  warnings: Warning[];
}

/** Reads, parses and validates a scenario file (YAML or JSON); throws InputError naming file, field and line. */
export function loadScenarioFile(file: string): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot be read (${(error as Error).message})`;
    throw new InputError(file, [{ path: '', message: reason, fix: 'check the path; bundled scenarios live in scenarios/' }]);
  }
  return parseScenarioText(text, file);
}

export function parseScenarioText(text: string, file: string): LoadedScenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new InputError(
      file,
      doc.errors.slice(0, 5).map((error) => ({
        path: '',
        line: lineCounter.linePos(error.pos[0]).line,
        message: `does not parse as YAML/JSON: ${error.message.split('\n')[0]}`,
        fix: 'check indentation, quotes and colons around that line',
      })),
    );
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError(file, [{ path: '', message: 'a scenario must be a mapping of keys (name, sources, team, policies, ...)' }]);
  }
  const withLines = (problems: Problem[]): Problem[] => problems.map((problem) => ({ ...problem, line: problem.line ?? lineOf(doc, lineCounter, problem.path) }));

  const record = raw as Record<string, unknown>;
  const { policies, problems: extendProblems } = resolvePolicyExtends(record.policies);
  if (extendProblems.length > 0) throw new InputError(file, withLines(extendProblems));

  const parsed = Scenario.safeParse({ ...record, policies });
  if (!parsed.success) throw new InputError(file, withLines(zodProblems(parsed.error.issues, knownKeysAt)));

  const { errors, warnings } = semanticProblems(parsed.data);
  if (errors.length > 0) throw new InputError(file, withLines(errors));
  return { file, scenario: parsed.data, hash: scenarioHash(parsed.data), warnings: withLines(warnings) };
}

export const scenarioHash = (scenario: Scenario): string =>
  createHash('sha256').update(JSON.stringify(scenario)).digest('hex');

/** The line of the deepest node that exists along the path (a missing key points at its parent). */
function lineOf(doc: Document, lineCounter: LineCounter, dottedPath: string): number | undefined {
  const keys = dottedPath === '' ? [] : dottedPath.split('.');
  for (let length = keys.length; length >= 0; length--) {
    const path = keys.slice(0, length).map((key) => (/^\d+$/.test(key) ? Number(key) : key));
    const node = length === 0 ? doc.contents : doc.getIn(path, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range !== undefined) {
      // Point at the key of a mapping entry rather than its value where we can.
      return lineCounter.linePos(range[0]).line;
    }
  }
  return undefined;
}

/** Keys the schema allows at a path, for "did you mean" suggestions. */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType | undefined = Scenario;
  for (const key of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, z.ZodType>)[String(key)];
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else return [];
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current: unknown = schema;
  for (let guard = 0; guard < 10; guard++) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      current = current.unwrap();
    } else if (current instanceof z.ZodPipe) {
      current = current.in;
    } else break;
  }
  return current as z.ZodType | undefined;
}


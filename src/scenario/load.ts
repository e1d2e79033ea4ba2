import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { InputError, type Problem } from '../errors.js';
import { deepMerge, resolvePolicyExtends } from './extends.js';
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
  const { raw, doc, lineCounter } = parseRaw(text, file);
  const withLines = (problems: Problem[]): Problem[] => problems.map((problem) => ({ ...problem, line: problem.line ?? lineOf(doc, lineCounter, problem.path) }));
  const record = withBase(raw, file, [resolve(file)], withLines);
  const { policies, problems: extendProblems } = resolvePolicyExtends(record.policies);
  if (extendProblems.length > 0) throw new InputError(file, withLines(extendProblems));

  const parsed = Scenario.safeParse({ ...record, policies }, { reportInput: true });
  if (!parsed.success) throw new InputError(file, withLines(zodProblems(parsed.error.issues, knownKeysAt)));

  const { errors, warnings } = semanticProblems(parsed.data);
  if (errors.length > 0) throw new InputError(file, withLines(errors));
  return { file, scenario: parsed.data, hash: scenarioHash(parsed.data), warnings: withLines(warnings) };
}

/**
 * `extends: other.yaml` at the top level: the named scenario (path relative to this file) is the base and
 * this file's keys override it, merged key by key. Chains are followed; cycles are an error.
 */
function withBase(raw: Record<string, unknown>, file: string, chain: string[], withLines: (problems: Problem[]) => Problem[]): Record<string, unknown> {
  const { extends: baseName, ...own } = raw;
  if (baseName === undefined) return raw;
  if (typeof baseName !== 'string') throw new InputError(file, withLines([{ path: 'extends', message: 'must be the path of another scenario file', fix: 'e.g. extends: baseline.yaml' }]));
  const basePath = resolve(dirname(file), baseName);
  if (chain.includes(basePath)) throw new InputError(file, withLines([{ path: 'extends', message: `extends forms a cycle: ${[...chain, basePath].join(' -> ')}`, fix: 'remove one extends' }]));
  let baseText: string;
  try {
    baseText = readFileSync(basePath, 'utf8');
  } catch {
    throw new InputError(file, withLines([{ path: 'extends', message: `base scenario ${baseName} not found (looked at ${basePath})`, fix: 'the path is relative to this file' }]));
  }
  const base = withBase(parseRaw(baseText, basePath).raw, basePath, [...chain, basePath], (problems) => problems);
  return deepMerge(base, own) as Record<string, unknown>;
}

function parseRaw(text: string, file: string): { raw: Record<string, unknown>; doc: Document; lineCounter: LineCounter } {
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
  return { raw: raw as Record<string, unknown>, doc, lineCounter };
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


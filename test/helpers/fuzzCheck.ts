/**
 * Oracles of the input-fuzzing suite: what a rejection must look like (an InputError naming the file and, per
 * problem, a field path that exists in the input or names a missing key, or a line), and what run output must not
 * contain (NaN, Infinity, stack traces).
 */
import { parseDocument } from 'yaml';
import { InputError } from '../../src/errors.js';
import { resolvePolicyExtends } from '../../src/scenario/extends.js';
import { isObject, type Mutation, type PathKey, type Raw } from './fuzzScenario.js';

/** The input as the loader sees it (null when it does not parse): the root the problem paths are checked against. */
export function parsedInput(text: string): unknown {
  try {
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
    return doc.errors.length > 0 ? null : doc.toJS({ maxAliasCount: 100 });
  } catch {
    return null;
  }
}

/** Roots a scenario problem path may point into: the file itself and its policies with `extends` resolved. */
export function scenarioRoots(raw: unknown): unknown[] {
  if (!isObject(raw)) return [raw];
  const { policies } = resolvePolicyExtends(raw.policies);
  return [raw, { ...raw, policies }];
}

/**
 * True when the dotted path exists under `root`, or all but its last key does (the problem names a missing key).
 * Keys may themselves hold dots ("a.b"), so every split of the path is tried.
 */
export function pathResolves(root: unknown, dotted: string): boolean {
  const segments = dotted.split('.');
  const match = (node: unknown, rest: string[]): boolean => {
    if (rest.length === 0) return true;
    if (!isObject(node) && !Array.isArray(node)) return false;
    for (let k = 1; k <= rest.length; k++) {
      const key = rest.slice(0, k).join('.');
      const own = Array.isArray(node) ? /^\d+$/.test(key) && Number(key) < node.length : Object.prototype.hasOwnProperty.call(node, key);
      if (own && match((node as Record<string, unknown>)[key], rest.slice(k))) return true;
      if (!own && rest.length === 1) return true; // only the last key is missing: the problem names it
    }
    return false;
  };
  return match(root, segments);
}

export const dottedPath = (path: readonly PathKey[]): string => path.map(String).join('.');

/** One path is the other or an ancestor of it (segment-wise). */
export function related(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  const x = a.split('.');
  const y = b.split('.');
  const n = Math.min(x.length, y.length);
  return x.slice(0, n).join('.') === y.slice(0, n).join('.');
}

export interface RejectionOptions {
  /** Roots problem paths must resolve in (default: the parsed text). */
  roots?: unknown[];
  /** Whole-file problems that may carry neither a path nor a line (e.g. "the file is empty"). */
  wholeFile?: RegExp;
  /** Files an error may be about besides `file` (e.g. the joined export). */
  otherFiles?: string[];
}

/** Everything wrong with how `error` reports bad input in `file`; empty when it is a proper InputError. */
export function rejectionViolations(error: unknown, file: string, text: string, options: RejectionOptions = {}): string[] {
  if (!(error instanceof InputError)) {
    const e = error as Error;
    return [`not an InputError: ${e?.name}: ${e?.message}\n${e?.stack ?? ''}`];
  }
  const out: string[] = [];
  const files = [file, ...(options.otherFiles ?? [])];
  if (!files.includes(error.file)) out.push(`error.file is ${error.file}, expected ${file}`);
  if (!error.message.startsWith(`${error.file}: `)) out.push(`message does not start with the file name: ${error.message.slice(0, 80)}`);
  if (error.problems.length === 0) out.push('no problems listed');
  const lineCount = text.split(/\r\n|\r|\n/).length;
  const roots = options.roots ?? [parsedInput(text)];
  for (const problem of error.problems) {
    if (typeof problem.message !== 'string' || problem.message.trim() === '') out.push(`empty message at ${problem.path}`);
    // "undefined" inside quotes is a cell or key echoed from the input, not a placeholder.
    if (/\[object Object\]|(?<!")\bundefined\b(?!")/.test(problem.message)) out.push(`message shows a placeholder: ${problem.message}`);
    if (problem.line !== undefined && !(Number.isInteger(problem.line) && problem.line >= 1 && problem.line <= lineCount + 1)) out.push(`line ${problem.line} outside 1..${lineCount + 1}`);
    if (typeof problem.path !== 'string') out.push(`path is not a string: ${String(problem.path)}`);
    else if (problem.path === '') {
      const topLevel = /must be a (YAML )?mapping|^the file is empty/.test(problem.message) || options.wholeFile?.test(problem.message) === true;
      if (problem.line === undefined && !topLevel) out.push(`problem has neither a path nor a line: ${problem.message}`);
    } else if (!roots.some((root) => pathResolves(root, problem.path))) {
      out.push(`path "${problem.path}" is not in the input and names no missing key under an existing parent (${problem.message})`);
    }
  }
  return out;
}


/** Paths of every number that is NaN or infinite in a JSON-like value. */
export function nonFinite(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path || '(root)'} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((item, i) => nonFinite(item, `${path}.${i}`));
  if (isObject(value)) return Object.entries(value as Raw).flatMap(([key, item]) => nonFinite(item, path === '' ? key : `${path}.${key}`));
  return [];
}

/** NaN/Infinity tokens in JSON text outside string literals. */
export const nanTokens = (jsonText: string): string[] => jsonText.replace(/"(?:[^"\\]|\\.)*"/g, '""').match(/NaN|-?Infinity/g) ?? [];

/** Lines of a stack trace in CLI output. */
export const stackLines = (text: string): string[] => text.split('\n').filter((line) => /^\s+at\s/.test(line));

/** Dotted paths a problem about this mutation may name. */
export function mutationPaths(mutation: Mutation): string[] {
  const parent = mutation.path.slice(0, -1);
  switch (mutation.kind) {
    case 'unknown-key':
      return [dottedPath([...mutation.path, String(mutation.value)])];
    case 'typo-key':
      return [dottedPath([...parent, String(mutation.value)]), dottedPath(mutation.path)];
    default:
      return [dottedPath(mutation.path), ...(parent.length > 0 ? [dottedPath(parent)] : [])];
  }
}

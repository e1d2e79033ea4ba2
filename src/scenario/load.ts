import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { lineOfPath, parseYaml } from '../yamlDocument.js';
import { InputError, MAX_LISTED, seeAllWith, type Problem } from '../errors.js';
import { shellWord } from '../shellWord.js';
import { unreadable } from '../unreadable.js';
import { looksLike, looksLikeCsv } from '../fileKind.js';
import { deepMerge, resolvePolicyExtends, withoutKeys } from './extends.js';
import { withoutInherited } from './inherited.js';
import { valueAt } from './paths.js';
import { Scenario } from './schema/scenario.js';
import { semanticProblems, type Warning } from './semantics.js';
import { zodProblems } from './zodProblems.js';

export interface LoadedScenario {
  file: string;
  scenario: Scenario;
  /** sha256 of the validated scenario (defaults filled) and its custom policy modules, for manifests and resume checks. */
  hash: string;
  warnings: Warning[];
}

/**
 * Reads, parses and validates a scenario file (YAML or JSON); throws InputError naming file, field and line, the
 * first `listed` problems in full (validate lists more than a run does, so a shorter list points to it).
 */
export function loadScenarioFile(file: string, listed = MAX_LISTED): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, [{ path: '', message: unreadable(error), fix: unreadableFix(file, error) }]);
  }
  return parseScenarioText(text, file, listed, seeAllWith(file, listed));
}

/** A folder given for the scenario: name its scenario files (the bundled ones are in that folder, so "they live in scenarios/" did not help). */
function unreadableFix(file: string, error: unknown): string {
  if ((error as NodeJS.ErrnoException).code !== 'EISDIR') return 'check the path; bundled scenarios live in scenarios/';
  const files = readdirSync(file).filter((name) => /\.ya?ml$/i.test(name)).sort();
  if (files.length === 0) return 'give a scenario file; this folder has no .yaml file';
  const shown = files.slice(0, 4).map((name) => shellWord(join(file, name)));
  return `give one of its scenario files: ${shown.join(', ')}${files.length > shown.length ? ` (${files.length - shown.length} more)` : ''}`;
}

/** `more`: where to see the problems past the first `listed` (text in memory may have no file to validate). */
export function parseScenarioText(text: string, file: string, listed = MAX_LISTED, more?: string): LoadedScenario {
  const layers = [{ file, ...parseRaw(text, file) }];
  const withLines = (problems: Problem[]): Problem[] => {
    const shown = problems.slice(0, listed).map((problem) => (problem.line === undefined ? { ...problem, ...located(layers, problem.path) } : problem));
    // In the order the author reads the file (this file's lines, then each base's), not the schema's order.
    return [...shown.sort(byFileAndLine), ...problems.slice(listed)];
  };
  const record = withBase(layers[0]!.raw, file, [resolve(file)], withLines, layers);
  const { policies, problems: extendProblems } = resolvePolicyExtends(record.policies);
  if (extendProblems.length > 0) throw new InputError(file, withLines(extendProblems), listed, more);

  const parsed = Scenario.safeParse({ ...record, policies }, { reportInput: true });
  // A CRM mapping given where a scenario belongs fails every scenario rule at once; say what it is instead.
  if (!parsed.success && looksLike(record) === 'mapping') {
    throw new InputError(file, [{ path: '', message: 'this is a CRM mapping file (it has arrival:), not a scenario', fix: 'give a scenario file (e.g. scenarios/baseline.yaml) and pass the mapping with --map' }]);
  }
  if (!parsed.success) throw new InputError(file, withLines(withoutInherited(zodProblems(parsed.error.issues, Scenario), inheritedFrom(record.policies))), listed, more);

  const { errors, warnings } = semanticProblems(parsed.data);
  if (errors.length > 0) throw new InputError(file, withLines(errors), listed, more);
  return { file, scenario: parsed.data, hash: scenarioHash(parsed.data, file), warnings: withLines(warnings) };
}

/** The parent a policy takes `field` from through `extends`, unless it sets the field (or a list or distribution holding it) itself. */
function inheritedFrom(rawPolicies: unknown): (policy: string, field: string) => string | undefined {
  return (policy, field) => {
    const own = valueAt(rawPolicies, [policy]);
    const parent = valueAt(own, ['extends']);
    return typeof parent === 'string' && !setsAlong(own, field.split('.')) ? parent : undefined;
  };
}

/** Whether the policy itself sets the field, or a list or distribution holding it (those replace, never merge). */
function setsAlong(policy: unknown, path: readonly string[]): boolean {
  for (let depth = 1; depth <= path.length; depth++) {
    const value = valueAt(policy, path.slice(0, depth));
    if (value === undefined) return false;
    if (depth === path.length || Array.isArray(value) || (typeof value === 'object' && value !== null && 'dist' in value)) return true;
  }
  return false;
}


/**
 * `extends: other.yaml` at the top level: the named scenario (path relative to this file) is the base and
 * this file's keys override it, merged key by key. Chains are followed; cycles are an error.
 */
function withBase(raw: Record<string, unknown>, file: string, chain: string[], withLines: (problems: Problem[]) => Problem[], layers: Layer[]): Record<string, unknown> {
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
  const parsedBase = parseRaw(baseText, basePath);
  layers.push({ file: basePath, ...parsedBase });
  const base = withBase(parsedBase.raw, basePath, [...chain, basePath], (problems) => problems, layers);
  // A description says what that file studies: the base's would mislabel this one's report (as for policies).
  return deepMerge(withoutKeys(base, 'description'), own) as Record<string, unknown>;
}

/** A value deepMerge puts in place of the base's rather than merging into it (an absent one replaces nothing). */
function replaces(value: unknown): boolean {
  if (value === undefined) return false;
  return value === null || typeof value !== 'object' || Array.isArray(value) || 'dist' in value;
}

/** One file of an extends chain (the loaded file first, then its bases): where a merged field was written. */
interface Layer {
  file: string;
  raw: Record<string, unknown>;
  doc: Document;
  lineCounter: LineCounter;
}

/**
 * The line of a problem's field, in the file that wrote it: the deepest part of the path any file of the chain has,
 * the loaded file first on a tie. A base file is named (relative to the working folder), the loaded one is not.
 */
function located(layers: Layer[], path: string): Pick<Problem, 'line' | 'file'> {
  const keys = path === '' ? [] : path.split('.');
  // A file that replaces a value along the path (a list, a distribution, a scalar, null) hides the files below it there.
  let visible = layers;
  for (let length = 1; length <= keys.length; length++) {
    const hiding = visible.findIndex((layer) => replaces(valueAt(layer.raw, keys.slice(0, length))));
    if (hiding >= 0) visible = visible.slice(0, hiding + 1);
  }
  for (let length = keys.length; length >= 0; length--) {
    const prefix = keys.slice(0, length);
    const layer = visible.find((candidate) => length === 0 || valueAt(candidate.raw, prefix) !== undefined);
    if (layer === undefined) continue;
    const line = lineOfPath(layer, prefix.join('.'));
    return layer === layers[0] ? (line === undefined ? {} : { line }) : { file: relative(process.cwd(), layer.file), ...(line === undefined ? {} : { line }) };
  }
  return {};
}

function parseRaw(text: string, file: string): { raw: Record<string, unknown>; doc: Document; lineCounter: LineCounter } {
  // A CRM export given where the scenario belongs fails as YAML on every line; say what it is instead.
  if (looksLikeCsv(text)) {
    throw new InputError(file, [{ path: '', line: 1, message: 'this looks like a CSV export (its first line is a header of columns), not a scenario', fix: 'give a scenario file (e.g. scenarios/baseline.yaml); an export goes with --leads, and its mapping with --map' }]);
  }
  const { raw, doc, lineCounter } = parseYaml(text, file);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    // An empty file, or one of comments only, parses as null: "must be a mapping of keys" did not say so.
    const message = raw === null || raw === undefined ? 'the file is empty (no keys)' : 'a scenario must be a mapping of keys (name, sources, team, policies, ...)';
    throw new InputError(file, [{ path: '', message, fix: 'start from a bundled scenario, e.g. scenarios/baseline.yaml (handoff schema lists every key)' }]);
  }
  return { raw: raw as Record<string, unknown>, doc, lineCounter };
}

/**
 * sha256 of the validated scenario and, given the scenario's file, of the custom policy modules it names: a module is
 * part of what a run computes, so an edit to one must not let --resume mix two versions of a policy.
 */
export function scenarioHash(scenario: Scenario, file?: string): string {
  const hash = createHash('sha256').update(JSON.stringify(scenario));
  if (file === undefined) return hash.digest('hex');
  const modules = Object.values(scenario.policies).flatMap((policy) => [policy.scoring.module, policy.routing.module, policy.sla.module, policy.cadence.module]);
  for (const module of [...new Set(modules)].filter((path) => path !== undefined).sort()) {
    let bytes: Buffer | string;
    try {
      bytes = readFileSync(resolve(dirname(file), module));
    } catch {
      bytes = 'missing'; // loading the policies reports it
    }
    hash.update(`\u0000${module}\u0000`).update(bytes);
  }
  return hash.digest('hex');
}

/** This file's problems first, then a base file's (by name), each by line; those without a line keep their place last. */
function byFileAndLine(a: Problem, b: Problem): number {
  return (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? Infinity) - (b.line ?? Infinity);
}

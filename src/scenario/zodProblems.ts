import type { z } from 'zod';
import { distance } from 'fastest-levenshtein';
import { issuesAt, keysAllowedAt, numberMaxAt } from './schemaWalk.js';
import { nearest, type Problem } from '../errors.js';

type Issue = z.core.$ZodIssue;

const dotted = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** Turns zod issues into problems a file's author can act on: the field path, what was expected, a fix. */
export function zodProblems(issues: readonly Issue[], schema: z.ZodType, schemaCommand = 'handoff schema'): Problem[] {
  const renamed = new Set<string>();
  const missing = issues.filter((issue) => issue.code === 'invalid_type' && issue.input === undefined).map((issue) => ({ parent: dotted(issue.path.slice(0, -1)), key: String(issue.path.at(-1)) }));
  const context: KeyContext = {
    knownKeysAt: (path, value) => keysAllowedAt(schema, path, value),
    maxAt: (path) => numberMaxAt(schema, path),
    missingUnder: (path) => missing.filter((entry) => entry.parent === dotted(path)).map((entry) => entry.key),
    refusal: (path, value) => {
      const issues = issuesAt(schema, path, value);
      const fix = issues === null ? undefined : issues.flatMap((issue) => toProblems(issue, context, new Set(), schemaCommand))[0]?.fix;
      // "use a number more than 0" -> "a number more than 0": the callers put it after their own verb.
      return issues === null ? null : (fix ?? 'a value `handoff schema` allows').replace(/^use /, '');
    },
  };
  const problems = tightestBounds(issues).flatMap((issue) => toProblems(issue, context, renamed, schemaCommand));
  // `sdd: 10` where `sd` is required is one mistake: the unknown key's "did you mean" fixes the missing one too.
  return problems.filter((problem) => !(renamed.has(problem.path) && problem.message.startsWith('is required')));
}

/** A field with two upper (or lower) bounds broken at once, e.g. <= 1 and <= 0.95, keeps only the tighter: one fix. */
function tightestBounds(issues: readonly Issue[]): Issue[] {
  const tightest = new Map<string, Issue>();
  for (const issue of issues) {
    if (issue.code !== 'too_big' && issue.code !== 'too_small') continue;
    const key = `${issue.code}\u0000${dotted(issue.path)}`;
    const kept = tightest.get(key);
    const bound = (candidate: Issue): number => Number(candidate.code === 'too_big' ? candidate.maximum : candidate.code === 'too_small' ? candidate.minimum : NaN);
    const tighter = kept === undefined || (issue.code === 'too_big' ? bound(issue) < bound(kept) : bound(issue) > bound(kept));
    if (tighter) tightest.set(key, issue);
  }
  return issues.filter((issue) => (issue.code !== 'too_big' && issue.code !== 'too_small') || tightest.get(`${issue.code}\u0000${dotted(issue.path)}`) === issue);
}

/** What key suggestions need: the keys allowed at a path (of the branch `value` picks), the required keys missing there. */
interface KeyContext {
  knownKeysAt: (path: readonly PropertyKey[], value?: unknown) => string[];
  /** The largest number the field allows (a share's is 1). */
  maxAt: (path: readonly PropertyKey[]) => number;
  missingUnder: (path: readonly PropertyKey[]) => string[];
  /** What the field takes, in the words of its schema's fix, when it refuses `value` (a suggestion checked before it is offered); null if it takes it. */
  refusal: (path: readonly PropertyKey[], value: unknown) => string | null;
}

/** `renamed` collects the path each unknown key is probably a misspelling of. */
function toProblems(issue: Issue, context: KeyContext, renamed: Set<string>, schemaCommand: string): Problem[] {
  const path = issue.path;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const here = context.knownKeysAt(path, issue.input);
        // A key of another branch (erlang's `k` under dist: gamma) is not a typo of itself: the branch's own
        // missing key is what it stands for (gamma's `shape`), else it does not belong here.
        const otherBranch = !here.includes(key) && context.knownKeysAt(path).includes(key);
        const missing = context.missingUnder(path);
        const suggestions = otherBranch ? (missing.length === 1 ? missing : []) : nearest(key, here);
        if (suggestions.length > 0) renamed.add(dotted([...path, suggestions[0]!]));
        const kind = otherBranch ? branchLabel(issue.input) : null;
        return {
          path: dotted([...path, key]),
          message: kind === null ? `unknown key "${key}"` : `unknown key "${key}" for ${kind}, which takes ${here.map((k) => `"${k}"`).join(', ')}`,
          fix: suggestions.length > 0 ? `did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : otherBranch ? 'remove it' : `remove it (see \`${schemaCommand}\` for the allowed keys)`,
        };
      });
    case 'invalid_union': {
      // A discriminated union (e.g. a distribution's `dist`) whose tag matched no branch: the tag is the mistake.
      // zod lists the tags on the issue (`options`), though its issue type does not declare them.
      const tags = 'options' in issue ? issue.options : undefined;
      if (issue.discriminator !== undefined && Array.isArray(tags)) return choiceProblems(path, fieldOf(issue.input, issue.discriminator), tags);
      const either = objectOrWord(issue, context);
      if (either !== null) return [{ path: dotted(path), ...either }];
      // Report the branch that got furthest: its issues are the most specific.
      const branches = issue.errors.filter((branch) => branch.length > 0);
      const best = branches.sort((a, b) => depth(b) - depth(a))[0];
      if (best === undefined) return [{ path: dotted(path), message: issue.message }];
      return toProblems(best[0]!, context, renamed, schemaCommand).map((problem) => ({
        ...problem,
        path: dotted([...path, ...best[0]!.path]),
      }));
    }
    case 'invalid_value':
      // An enum or literal: name the choices, and the nearest one when the value looks like a typo.
      return choiceProblems(path, issue.input, issue.values);
    case 'invalid_type': {
      const field = String(path[path.length - 1] ?? 'it');
      if (issue.input === undefined) return [{ path: dotted(path), message: `is required (${issue.expected})`, fix: `add ${field}: ${example(issue.expected)}` }];
      // A distribution written as a plain number: the two readings it could have, as distributions.
      const plain = plainNumber(issue.input);
      if (issue.expected === 'object' && plain !== null && context.knownKeysAt(path).includes('dist')) {
        return [{ path: dotted(path), message: `expected a distribution, got ${describe(issue.input)}`, fix: `write { dist: fixed, value: ${plain} } for exactly ${plain}, or { dist: exponential, mean: ${plain} } (or lognormal with an sd) for ${plain} on average` }];
      }
      return [{ path: dotted(path), message: `expected ${issue.expected}, got ${describe(issue.input)}`, fix: typeFix(issue.expected, issue.input, path, context) }];
    }
    case 'too_small':
    case 'too_big': {
      // A number out of range: say the bound in words and what to write instead.
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      // A list or a text of the wrong length (hourOfWeek needs 168 weights, csv.delimiter one character): how long it is, what it needs.
      const unit = issue.origin === 'array' && Array.isArray(issue.input) ? 'item' : issue.origin === 'string' && typeof issue.input === 'string' ? 'character' : null;
      if (unit !== null && typeof bound === 'number') {
        const length = (issue.input as string | unknown[]).length;
        const exact = 'exact' in issue && issue.exact === true;
        const need = exact ? `exactly ${bound}` : issue.code === 'too_small' ? `at least ${bound}` : `at most ${bound}`;
        return [{ path: dotted(path), message: `has ${length} ${unit}${length === 1 ? '' : 's'}; it needs ${need}`, fix: `give ${need} ${unit}${bound === 1 ? '' : 's'}` }];
      }
      if (issue.origin !== 'number' || typeof bound !== 'number') return [{ path: dotted(path), message: issue.message }];
      const side = issue.code === 'too_small' ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than';
      return [{ path: dotted(path), message: `${issue.input === undefined ? 'the number' : describe(issue.input)} is out of range`, fix: `use a number ${side} ${bound}` }];
    }
    case 'invalid_key':
      // A record key that failed its own schema (e.g. a misspelt time zone in prospectTimeZones): its issues, at the key.
      return issue.issues.flatMap((inner) => toProblems({ ...inner, path: [...path, ...inner.path] }, context, renamed, schemaCommand));
    case 'custom': {
      // A refinement that knows the fix passes it in params (e.g. the nearest time zone).
      const fix = issue.params?.['fix'];
      return [{ path: dotted(path), message: issue.message, ...(typeof fix === 'string' ? { fix } : {}) }];
    }
    default:
      return [{ path: dotted(path), message: issue.message }];
  }
}

/**
 * A value that is neither form of a field written as a mapping or a word (a tier's sla: { minutes: 5 } or
 * "same-business-day"): both forms named, and the one the value was probably meant as. Null for other unions.
 */
function objectOrWord(issue: Extract<Issue, { code: 'invalid_union' }>, context: KeyContext): { message: string; fix: string } | null {
  const keys = context.knownKeysAt(issue.path);
  const top = issue.errors.map((branch) => branch.find((inner) => inner.path.length === 0));
  const words = top.flatMap((inner) => (inner?.code === 'invalid_value' ? inner.values.filter((value): value is string => typeof value === 'string') : []));
  const isObject = top.some((inner) => inner?.code === 'invalid_type' && inner.expected === 'object');
  if (words.length === 0 || !isObject || keys.length !== 1) return null;
  const key = keys[0]!;
  const input: unknown = issue.input;
  const forms = [`{ ${key}: <number> }`, ...words.map((word) => `"${word}"`)].join(' or ');
  const field = String(issue.path.at(-1) ?? 'it');
  if (input === undefined) return { message: `is required (${forms})`, fix: `add ${field}: { ${key}: <number> } or ${field}: ${words[0]}` };
  const number = numberMeant(input, key);
  if (number === null) return { message: `expected ${forms}, got ${describe(input)}`, fix: wordFix(input, key, words) };
  // `sla: 0` reads as { minutes: 0 }, which the field refuses too: say what it takes instead of suggesting that.
  const refusal = context.refusal(issue.path, { [key]: number });
  return { message: `expected ${forms}, got ${describe(input)}`, fix: refusal === null ? `write { ${key}: ${number} }` : `write { ${key}: <number> } with ${refusal}` };
}

/** The number a value written in place of { key: <number> } stands for (`5`, `"5"`, `"2h"` for minutes), or null. */
function numberMeant(input: unknown, key: string): number | null {
  if (typeof input === 'number') return input;
  if (typeof input !== 'string') return null;
  const text = input.trim().toLowerCase();
  const duration = /^(\d+(?:\.\d+)?)\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?)$/.exec(text);
  if (key === 'minutes' && duration !== null) return Number(duration[1]) * (duration[2]!.startsWith('h') ? 60 : duration[2]!.startsWith('d') ? 1440 : 1);
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : null;
}

/** The fix for a word that is not one of the field's words: the one it was probably meant as, else both forms. */
function wordFix(input: unknown, key: string, words: readonly string[]): string {
  if (typeof input !== 'string') return `write { ${key}: <number> } or "${words[0]}"`;
  const text = input.trim().toLowerCase();
  // "same-day" for "same-business-day": every word of the value is in the choice (too far apart for an edit distance).
  const parts = text.split(/[\s_-]+/).filter(Boolean);
  const close = [...nearest(text, words).filter((word) => typoOf(parts, word)), ...words.filter((word) => parts.length > 0 && parts.every((part) => word.split('-').includes(part)))];
  if (close.length > 0) return `did you mean "${close[0]}"?`;
  return `write { ${key}: <number> } or "${words[0]}"`;
}

/** Whether hyphenated words are a misspelling of `word`, not another word in its place ("next-business-day" is not "same-business-day"). */
function typoOf(parts: readonly string[], word: string): boolean {
  const wordParts = word.split('-');
  return parts.length !== wordParts.length || parts.every((part, i) => distance(part, wordParts[i]!) <= 2);
}

/** How a tagged mapping names its kind, e.g. "dist: gamma"; null when it carries no tag. */
function branchLabel(input: unknown): string | null {
  const tag = fieldOf(input, 'dist');
  return typeof tag === 'string' ? `dist: ${tag}` : null;
}

/** The value of `key` when `input` is a mapping that has it. */
function fieldOf(input: unknown, key: string): unknown {
  return typeof input === 'object' && input !== null && Object.hasOwn(input, key) ? Object.getOwnPropertyDescriptor(input, key)?.value : undefined;
}

/** One of a fixed set of values: name the choices, and the nearest one when the value looks like a typo. */
function choiceProblems(path: readonly PropertyKey[], input: unknown, values: readonly unknown[]): Problem[] {
  const allowed = values.map((value) => JSON.stringify(value));
  const close = typeof input === 'string' ? nearest(input, values.map(String)) : [];
  return [
    {
      path: dotted(path),
      message: input === undefined ? `is required (one of ${allowed.join(', ')})` : `${describe(input)} is not one of ${allowed.join(', ')}`,
      fix: close.length > 0 ? `did you mean "${close[0]}"?` : `use one of ${allowed.join(', ')}`,
    },
  ];
}

/** What to write in place of a value of the wrong type. */
function typeFix(expected: string, input: unknown, path: readonly PropertyKey[], context: KeyContext): string {
  switch (expected) {
    case 'number': {
      if (typeof input !== 'string') return 'write a plain number, e.g. 4 or 0.25';
      const { fix, value } = numberFromText(input.trim(), context.maxAt(path) <= 1);
      // "150%" of a share reads as 1.5, which the field refuses as well: say what it takes, not that.
      const refusal = value === undefined ? null : context.refusal(path, value);
      return refusal === null ? fix : `write ${refusal} (${describe(input)} would be ${value})`;
    }
    case 'boolean':
      return typeof input === 'string' && /^(true|false)$/i.test(input.trim()) ? `remove the quotes: ${input.trim().toLowerCase()}` : 'write true or false';
    case 'string':
      return `put the value in quotes, e.g. "${typeof input === 'number' || typeof input === 'boolean' ? String(input) : 'text'}"`;
    case 'array':
      return 'write a list: [a, b] or one "- item" per line';
    case 'object':
      return 'write a mapping: one "key: value" per line, indented under it';
    default:
      return `write ${example(expected)} (\`handoff schema\` shows what is allowed)`;
  }
}

/** A number, or text that is one with at most a unit after it ("15", "15 min"); null otherwise. */
function plainNumber(input: unknown): number | null {
  if (typeof input === 'number') return input;
  const match = typeof input === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*[a-z]*\s*$/i.exec(input) : null;
  return match === null ? null : Number(match[1]);
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** The fix for a number written as text: the number itself where the text says which, else how to write one. */
function numberFromText(text: string, share: boolean): { fix: string; value?: number } {
  if (text !== '' && Number.isFinite(Number(text))) return { fix: `remove the quotes: ${Number(text)}`, value: Number(text) };
  const word = NUMBER_WORDS.indexOf(text.toLowerCase());
  if (word >= 0) return { fix: `write it in digits: ${word}`, value: word };
  const percent = /^(-?\d+(?:\.\d+)?)\s*%$/.exec(text);
  // A share (at most 1: absenceRate, matchRate) is a fraction of 1; any other number (threshold, fitMinPercent) is as written.
  if (percent !== null && share) {
    const fraction = Number((Number(percent[1]) / 100).toPrecision(12));
    return { fix: `write the share as a fraction of 1: ${fraction}`, value: fraction };
  }
  if (percent !== null) return { fix: `remove the %: ${Number(percent[1])}`, value: Number(percent[1]) };
  return { fix: 'write a plain number, without quotes or units, e.g. 4 or 0.25' };
}

/** A value of the expected type, for "add it" fixes. */
function example(expected: string): string {
  switch (expected) {
    case 'number':
      return '<number>';
    case 'boolean':
      return 'true or false';
    case 'string':
      return '<text>';
    case 'array':
      return '[...]';
    case 'object':
      return '{ ... }';
    default:
      return `<${expected}>`;
  }
}

const depth = (branch: readonly Issue[]): number => Math.max(...branch.map((issue) => issue.path.length));

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'number' && !Number.isFinite(input)) return String(input);
  const text = JSON.stringify(input) ?? String(input);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

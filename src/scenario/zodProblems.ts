import type { z } from 'zod';
import { keysAllowedAt } from './schemaWalk.js';
import { nearest, type Problem } from '../errors.js';

type Issue = z.core.$ZodIssue;

const dotted = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** Turns zod issues into problems a file's author can act on: the field path, what was expected, a fix. */
export function zodProblems(issues: readonly Issue[], schema: z.ZodType): Problem[] {
  return issues.flatMap((issue) => toProblems(issue, (path) => keysAllowedAt(schema, path)));
}

function toProblems(issue: Issue, knownKeysAt: (path: readonly PropertyKey[]) => string[]): Problem[] {
  const path = issue.path;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const suggestions = nearest(key, knownKeysAt(path));
        return {
          path: dotted([...path, key]),
          message: `unknown key "${key}"`,
          fix: suggestions.length > 0 ? `did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : 'remove it (see `handoff schema` for the allowed keys)',
        };
      });
    case 'invalid_union': {
      // Report the branch that got furthest: its issues are the most specific.
      const branches = issue.errors.filter((branch) => branch.length > 0);
      const best = branches.sort((a, b) => depth(b) - depth(a))[0];
      if (best === undefined) return [{ path: dotted(path), message: issue.message }];
      return toProblems(best[0]!, knownKeysAt).map((problem) => ({
        ...problem,
        path: dotted([...path, ...best[0]!.path]),
      }));
    }
    case 'invalid_value': {
      // An enum or literal: name the choices, and the nearest one when the value looks like a typo.
      const allowed = issue.values.map((value) => JSON.stringify(value));
      const close = typeof issue.input === 'string' ? nearest(issue.input, issue.values.map(String)) : [];
      return [
        {
          path: dotted(path),
          message: issue.input === undefined ? `is required (one of ${allowed.join(', ')})` : `${describe(issue.input)} is not one of ${allowed.join(', ')}`,
          fix: close.length > 0 ? `did you mean "${close[0]}"?` : `use one of ${allowed.join(', ')}`,
        },
      ];
    }
    case 'invalid_type':
      return [{ path: dotted(path), message: issue.input === undefined ? `is required (${issue.expected})` : `expected ${issue.expected}, got ${describe(issue.input)}` }];
    default:
      return [{ path: dotted(path), message: issue.message }];
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

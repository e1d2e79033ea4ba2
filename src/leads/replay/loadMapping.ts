import { readFileSync } from 'node:fs';
import { InputError, MAX_LISTED, seeAllWith, type Problem } from '../../errors.js';
import { zodProblems } from '../../scenario/zodProblems.js';
import { lineOfPath, parseYaml } from '../../yamlDocument.js';
import { looksLike, looksLikeCsv } from '../../fileKind.js';
import { unreadable } from '../../unreadable.js';
import { Mapping } from './mapping.js';

/**
 * Reads and validates a mapping file; every problem names the field and its line, the first `listed` in full
 * (validate lists more than a run does, so a shorter list points to it).
 */
export function loadMappingFile(file: string, listed = MAX_LISTED): Mapping {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, [{ path: '', message: unreadable(error, 'mapping file not found'), fix: 'ready mappings live in mappings/ (hubspot-contacts.yaml, salesforce-leads.yaml, olist-marketing-funnel.yaml)' }]);
  }
  return parseMappingText(text, file, listed, seeAllWith(file, listed));
}

export function parseMappingText(text: string, file: string, listed = MAX_LISTED, more?: string): Mapping {
  // An export given where the mapping belongs fails as YAML on every line; say what it is instead.
  if (looksLikeCsv(text)) {
    throw new InputError(file, [{ path: '', line: 1, message: 'this looks like a CSV export (its first line is a header of columns), not a mapping', fix: 'give the export with --leads and the mapping (YAML) with --map; were the two swapped?' }]);
  }
  const parsed = parseYaml(text, file);
  const raw = parsed.raw;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    // An empty file, or one of comments only, parses as null: "must be a YAML mapping of keys" did not say so.
    const message = raw === null || raw === undefined ? 'the file is empty (no keys)' : 'a mapping must be a YAML mapping of keys (name, arrival, source, ...)';
    throw new InputError(file, [{ path: '', message, fix: 'start from a ready mapping, e.g. mappings/hubspot-contacts.yaml (handoff schema --mapping lists every key)' }]);
  }
  const result = Mapping.safeParse(raw, { reportInput: true });
  // A scenario given where a mapping belongs fails every mapping rule at once; say what it is instead.
  if (!result.success && looksLike(raw) === 'scenario') {
    throw new InputError(file, [{ path: '', message: 'this is a scenario file (it has sources/team/policies), not a CRM mapping', fix: 'pass a CRM mapping with --map, e.g. --map mappings/hubspot-contacts.yaml (a scenario goes first in replay, after --scenario in backtest; calibrate takes none)' }]);
  }
  if (!result.success) {
    throw new InputError(file, zodProblems(result.error.issues, Mapping, 'handoff schema --mapping').map((problem, i): Problem => (i < listed ? { ...problem, line: problem.line ?? lineOfPath(parsed, problem.path) } : problem)), listed, more);
  }
  return result.data;
}

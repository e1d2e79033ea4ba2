import { isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { InputError, type Problem } from './errors.js';

/** Deeper than any real scenario or mapping; past it the parser's own recursion becomes the risk. */
const MAX_NESTING = 256;

export interface ParsedYaml {
  raw: unknown;
  doc: Document;
  lineCounter: LineCounter;
}

/**
 * Parses a YAML (or JSON) file into plain data, turning every way it can fail into an InputError naming the
 * file and line: syntax, duplicate keys (checked in one pass, not pairwise), aliases, and runaway nesting.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  const tooDeep = nestingBeyond(text, MAX_NESTING);
  if (tooDeep !== null) {
    throw new InputError(file, [{ path: '', line: tooDeep, message: `nests more than ${MAX_NESTING} levels deep`, fix: 'flatten the structure; no scenario or mapping key needs this depth' }]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  if (doc.errors.length > 0) {
    throw new InputError(
      file,
      doc.errors.slice(0, 5).map((error) => ({
        path: '',
        line: lineAt(error.pos[0]),
        message: `does not parse as YAML/JSON: ${error.message.split('\n')[0]}`,
        fix: 'check indentation, quotes and colons around that line',
      })),
    );
  }
  const duplicates: Problem[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : JSON.stringify(pair.key);
        if (seen.has(key) && duplicates.length < 5) {
          duplicates.push({ path: '', line: lineAt(isScalar(pair.key) ? pair.key.range?.[0] : undefined), message: `the key "${key}" appears twice in the same mapping`, fix: 'keep one of them' });
        }
        seen.add(key);
      }
    },
  });
  if (duplicates.length > 0) throw new InputError(file, duplicates);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Only aliases make toJS fail (unknown anchors, alias bombs): point at the first one.
    let aliasAt: number | undefined;
    visit(doc, {
      Alias(_, node) {
        aliasAt ??= node.range?.[0];
      },
    });
    throw new InputError(file, [{ path: '', line: lineAt(aliasAt), message: `cannot be read: ${(error as Error).message.split('\n')[0]}`, fix: 'remove or define the YAML anchors and aliases (*name) it uses' }]);
  }
  return { raw, doc, lineCounter };
}

/** The first line where flow brackets or block indentation nest deeper than `limit`, or null. */
function nestingBeyond(text: string, limit: number): number | null {
  let depth = 0;
  let line = 1;
  let quote: string | null = null;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      lineStart = true;
      indent = 0;
      quote = null;
      continue;
    }
    if (lineStart) {
      if (c === ' ') {
        // Pretty-printed flow style indents up to ~4 columns a level, with margin: 8 columns per allowed level.
        if (++indent > limit * 8) return line;
        continue;
      }
      lineStart = false;
    }
    if (quote !== null) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return line;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return null;
}


/** The line of the deepest node that exists along a dotted path (a missing key points at its parent). */
export function lineOfPath(parsed: Pick<ParsedYaml, 'doc' | 'lineCounter'>, dottedPath: string): number | undefined {
  const keys = dottedPath === '' ? [] : dottedPath.split('.');
  for (let length = keys.length; length >= 0; length--) {
    const path = keys.slice(0, length).map((key) => (/^\d+$/.test(key) ? Number(key) : key));
    const node = length === 0 ? parsed.doc.contents : parsed.doc.getIn(path, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range !== undefined) return parsed.lineCounter.linePos(range[0]).line;
  }
  return undefined;
}

import { existsSync, linkSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { folderTimestamp } from '../src/report/atomicFiles.js';
import { UsageError } from '../src/errors.js';

/**
 * Writes `contents` at `path` atomically and only if nothing is there: the text goes to a temporary sibling
 * that is hard-linked into place (link fails if the name exists, rename would replace it). False if taken.
 */
function writeNew(path: string, contents: string): boolean {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const temporary = join(dirname(resolve(path)), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
  writeFileSync(temporary, contents);
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

/** results/bench-<UTC timestamp>.json (with -2, -3... if taken), or exactly `out`; never overwrites a file. */
export function writeBenchJson(json: string, out: string | undefined, root = 'results'): string {
  if (out !== undefined) {
    if (existsSync(out) || !writeNew(out, json)) throw new UsageError(`${out} already exists; bench results never overwrite an earlier run (choose another --out)`);
    return out;
  }
  const base = join(root, `bench-${folderTimestamp()}`);
  for (let n = 1; ; n++) {
    const path = n === 1 ? `${base}.json` : `${base}-${n}.json`;
    if (writeNew(path, json)) return path;
  }
}

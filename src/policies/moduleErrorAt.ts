import { spawnSync } from 'node:child_process';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ModuleError {
  /** The error's own words: its first line, or esbuild's "ERROR:" line for a TypeScript module. */
  message: string;
  /** Where in the module (or a file it imports) it happened, e.g. "line 3" or "line 2 of ./lib.mjs"; null when unknown. */
  at: string | null;
}

/**
 * What went wrong loading a custom policy module, and where, for a user who has the file open: V8's stack for a
 * runtime error, esbuild's message for a .ts module, `node --check` for a syntax error (ESM's stack has no location).
 */
export function moduleErrorAt(error: unknown, absolute: string): ModuleError {
  const text = error instanceof Error ? error.message : String(error);
  const where = (file: string, line: string): string => (file === absolute ? `line ${line}` : `line ${line} of ${relativeName(absolute, file)}`);
  const esbuild = /^(.+?):(\d+):\d+: ERROR: (.+)$/m.exec(text);
  if (esbuild !== null) return { message: esbuild[3]!, at: where(esbuild[1]!, esbuild[2]!) };
  const message = text.split('\n')[0]!;
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  // The first frame in the user's code: not Node's own, not a package's (a test runner's loader, tsx).
  const frame = [...stack.matchAll(/^\s+at (?:.*\()?((?:file:\/\/)?\/[^\s()]+?):(\d+):\d+\)?$/gm)].find((match) => !match[1]!.includes('/node_modules/'));
  if (frame !== undefined) return { message, at: where(frame[1]!.startsWith('file:') ? fileURLToPath(frame[1]!) : frame[1]!, frame[2]!) };
  if (error instanceof SyntaxError && !absolute.endsWith('.ts')) {
    const check = spawnSync(process.execPath, ['--check', absolute], { encoding: 'utf8' });
    const located = /^(.+):(\d+)$/m.exec(check.stderr ?? '');
    if (located !== null) return { message, at: where(located[1]!, located[2]!) };
  }
  return { message, at: null };
}

function relativeName(module: string, file: string): string {
  const name = relative(dirname(module), file);
  return name.startsWith('.') ? name : `./${name}`;
}

import { spawnSync } from 'node:child_process';
import { dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** This tool's own code (built and source): frames there are the loader's, never the user's module. */
const PACKAGE = fileURLToPath(new URL('../../', import.meta.url)).replace(/dist\/$/, '');
const OWN_CODE = [`${PACKAGE}dist/`, `${PACKAGE}src/`];

export interface ModuleError {
  /** The error's own words: its first line, or esbuild's "ERROR:" line for a TypeScript module. */
  message: string;
  /** Where in the module (or a file it imports) it happened, e.g. "line 3" or "line 2 of ./lib.mjs"; null when unknown. */
  at: string | null;
}

/**
 * What went wrong loading a custom policy module, and where, for a user who has the file open: V8's stack for a
 * runtime error, esbuild's message for a .ts module, and for a syntax or link error (ESM's stack has no location) the
 * header Node prints when a child process imports the module: linking fails before any of its code runs.
 */
export function moduleErrorAt(error: unknown, absolute: string): ModuleError {
  const text = error instanceof Error ? error.message : String(error);
  const where = (file: string, line: string): string => (file === absolute ? `line ${line}` : `line ${line} of ${relativeName(absolute, file)}`);
  const esbuild = /^(.+?):(\d+):\d+: ERROR: (.+)$/m.exec(text);
  if (esbuild !== null) return { message: esbuild[3]!, at: where(esbuild[1]!, esbuild[2]!) };
  const message = text.split('\n')[0]!;
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  // The first frame in the user's code: not Node's own, not a package's (a test runner's loader, tsx), not this tool's.
  const frame = [...stack.matchAll(/^\s+at (?:.*\()?((?:file:\/\/)?\/[^\s()]+?):(\d+):\d+\)?$/gm)]
    .map((match) => ({ file: match[1]!.startsWith('file:') ? fileURLToPath(match[1]!) : match[1]!, line: match[2]! }))
    .find(({ file }) => !file.includes('/node_modules/') && !OWN_CODE.some((folder) => file.startsWith(folder)));
  if (frame !== undefined) return { message, at: where(frame.file, frame.line) };
  if (error instanceof SyntaxError && !absolute.endsWith('.ts')) {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', `import ${JSON.stringify(pathToFileURL(absolute).href)};`], { encoding: 'utf8', timeout: 10_000 });
    const located = /^(file:\/\/\S+):(\d+)$/m.exec(child.stderr ?? '');
    if (located !== null) return { message, at: where(fileURLToPath(located[1]!), located[2]!) };
  }
  return { message, at: null };
}

function relativeName(module: string, file: string): string {
  const name = relative(dirname(module), file);
  return name.startsWith('.') ? name : `./${name}`;
}

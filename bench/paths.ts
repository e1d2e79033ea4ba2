import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (the folder with package.json), found from this file so it works from dist/ and from sources. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: cannot find package.json above the bench folder');
    dir = parent;
  }
  return dir;
}

/** A compiled bench script (child processes run the build, never TypeScript sources). */
export const compiledBenchScript = (relative: string): string => join(packageRoot(), 'dist', 'bench', relative);

/** A bundled scenario, by path relative to the package root. */
export const bundledScenario = (relative: string): string => join(packageRoot(), relative);

export const ERLANG_A_FILE = 'scenarios/validation/erlang-a.yaml';
export const ERLANG_A_POLICY = 'pooled-fifo';
export const BASELINE_FILE = 'scenarios/baseline.yaml';
export const BASELINE_POLICY = 'current';
export const LARGE_COMPANY_FILE = 'scenarios/large-company.yaml';

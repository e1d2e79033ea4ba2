import { join } from 'node:path';
import { checkDefaultRoot, folderTimestamp, linkNewFile, RESULTS_ROOT, writeNewFile } from '../src/report/atomicFiles.js';

/** results/bench-<UTC timestamp>.json (with -2, -3... if taken), or exactly `out`; never overwrites a file. */
export function writeBenchJson(json: string, out: string | undefined, root = RESULTS_ROOT): string {
  if (out !== undefined) {
    writeNewFile(out, json, 'bench');
    return out;
  }
  checkDefaultRoot(root);
  const base = join(root, `bench-${folderTimestamp()}`);
  for (let n = 1; ; n++) {
    const path = n === 1 ? `${base}.json` : `${base}-${n}.json`;
    if (linkNewFile(path, json)) return path;
  }
}

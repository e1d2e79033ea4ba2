import { join } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { ReplicationResult } from '../metrics/result.js';
import { differentScenario, readResumableJsonl, readResumeManifest } from '../report/resumeFolder.js';
import { Manifest } from '../report/writeResults.js';
import type { LoadedScenario } from '../scenario/load.js';

export interface SavedRun {
  dir: string;
  manifest: Manifest;
  results: ReplicationResult[];
  /** The staging folder of a run killed outright, to be taken over; undefined for a run that stopped cleanly. */
  staging: string | undefined;
}

/** Reads a results folder for --resume by `command` (compare or simulate): its manifest and every finished replication, each validated. */
export function readSavedRun(dir: string, command: 'compare' | 'simulate'): SavedRun {
  const { path: manifestPath, raw, staging } = readResumeManifest(dir, command, 'the folder an interrupted run wrote');
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) throw new InputError(manifestPath, parsed.error.issues.slice(0, 5).map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
  const jsonlPath = join(staging ?? dir, 'replications.jsonl');
  const results = readResumableJsonl(jsonlPath, staging !== undefined, ReplicationResult, 'a replication result');
  return { dir, manifest: parsed.data, results, staging };
}

/**
 * A resume must run the very same scenario (anything else would mix two studies), and must have something to do: a
 * run that finished with every replication has nothing (one whose replications failed runs those again).
 */
export function checkResumable(saved: SavedRun, loaded: LoadedScenario): void {
  const { manifest } = saved;
  if (manifest.scenarioHash !== loaded.hash) throw differentScenario(saved.dir, { file: manifest.scenarioFile, hash: manifest.scenarioHash }, loaded, 'run');
  if (manifest.complete && manifest.failures.length === 0) {
    throw new UsageError(`${saved.dir} holds a finished run (complete: true, no replication failed); there is nothing to resume`);
  }
}

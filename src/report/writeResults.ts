import type { Study } from '../experiment/simulate.js';
import { toolVersion } from '../cli/version.js';
import { StagedDirectory, defaultResultsDir } from './atomicFiles.js';
import { jsonText } from './json.js';
import { dailyCsv, replicationsCsv } from './tables.js';

export interface WriteOptions {
  out?: string;
  command: string[];
  /** Extra files (charts, report.html) added by the caller before commit. */
  extra?: (dir: StagedDirectory) => void | Promise<void>;
}

/** Writes one run's folder: summary.json, replications.csv, daily.csv, manifest.json (+ extras), atomically. */
export async function writeStudyResults(study: Study, options: WriteOptions): Promise<string> {
  const dir = new StagedDirectory(options.out ?? defaultResultsDir(study.summary.scenario));
  try {
    dir.write('summary.json', jsonText(study.summary));
    dir.write('replications.csv', replicationsCsv(study));
    dir.write('daily.csv', dailyCsv(study));
    dir.write('manifest.json', jsonText(manifestOf(study, options.command)));
    await options.extra?.(dir);
    return dir.commit();
  } catch (error) {
    dir.abandon();
    throw error;
  }
}

export function manifestOf(study: Study, command: string[]): Record<string, unknown> {
  return {
    tool: 'handoff-sim',
    version: toolVersion(),
    node: process.version,
    scenarioFile: study.loaded.file,
    scenarioName: study.summary.scenario,
    scenarioHash: study.loaded.hash,
    seed: study.summary.seed,
    replications: study.summary.replications,
    policies: study.summary.policies.map((policy) => policy.name),
    seeds: 'replication i draws from seedrandom.alea streams named handoff-sim/<seed>/<i>/<purpose>/<name>; every policy shares them (common random numbers)',
    command: ['handoff', ...command],
    writtenAt: new Date().toISOString(),
  };
}

import { z } from 'zod';
import type { Study } from '../experiment/simulate.js';
import { PrecisionOutcome, type StudyRun } from '../experiment/study.js';
import { toolVersion } from '../cli/version.js';
import { stagedResults, writeResultsFolder, type ReportFile, type StagedDirectory } from './atomicFiles.js';
import type { LoadedScenario } from '../scenario/load.js';
import { jsonText } from './json.js';
import { dailyCsv, replicationsCsv } from './tables.js';

/** What a later `--resume` needs to finish the same study. */
export const RunOptions = z.object({
  policies: z.array(z.string()),
  replications: z.number().int(),
  precision: z.number().optional(),
  maxReplications: z.number().int().optional(),
});
export type RunOptions = z.infer<typeof RunOptions>;

export const Manifest = z.object({
  tool: z.literal('handoff-sim'),
  version: z.string(),
  node: z.string(),
  command: z.array(z.string()),
  scenarioFile: z.string(),
  scenarioName: z.string(),
  scenarioHash: z.string(),
  seed: z.number().int(),
  policies: z.array(z.string()),
  replications: z.number().int(),
  plannedReplications: z.number().int(),
  complete: z.boolean(),
  stopReason: z.string().nullable(),
  failures: z.array(z.object({ policy: z.string(), replication: z.number().int(), error: z.string() })),
  /** With --precision: whether it was reached, and the widest 95% half-width (metric, policy) when the run ended. */
  precision: PrecisionOutcome.nullable().default(null),
  options: RunOptions,
  seeds: z.string(),
  writtenAt: z.string(),
});
export type Manifest = z.infer<typeof Manifest>;

export interface WriteOptions {
  out?: string;
  command: string[];
  options: RunOptions;
  /** Rewrite the files of this existing run folder in place (resume) instead of creating a new one. */
  resumeInto?: string;
  /** A staged folder opened before the run (it may already hold streamed results); committed here. */
  staged?: StagedDirectory;
  /** Extra files (charts, report.html) added after the tables. */
  extra?: () => ReportFile[] | Promise<ReportFile[]>;
}

/**
 * Writes one run's folder: summary.json, replications.csv, daily.csv, replications.jsonl (every raw result, the
 * basis of --resume and of merging runs), manifest.json and extras. A new run is staged and renamed into place;
 * a resumed run has each file replaced atomically.
 */
export async function writeStudyResults(study: Study & Partial<StudyRun>, options: WriteOptions): Promise<string> {
  const files = async (): Promise<ReportFile[]> => [
    { name: 'summary.json', contents: jsonText(study.summary) },
    { name: 'replications.csv', contents: replicationsCsv(study) },
    { name: 'daily.csv', contents: dailyCsv(study) },
    { name: 'replications.jsonl', contents: replicationsJsonl(study) },
    ...((await options.extra?.()) ?? []),
  ];
  const target = options.resumeInto !== undefined ? { resumeInto: options.resumeInto } : (options.staged ?? stagedResults(options.out, study.summary.scenario));
  return writeResultsFolder(target, files, jsonText(manifestOf(study, options)));
}

function replicationsJsonl(study: Study): string {
  const lines: string[] = [];
  for (const results of study.results.values()) for (const result of results) lines.push(JSON.stringify(result));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export function manifestOf(study: Study & Partial<StudyRun>, options: WriteOptions): Manifest {
  return {
    ...runIdentity(study.loaded, study.summary.policies.map((policy) => policy.name), options),
    replications: study.summary.replications,
    plannedReplications: study.planned ?? study.summary.replications,
    complete: study.complete ?? true,
    stopReason: study.stopReason ?? null,
    failures: study.failures ?? [],
    precision: study.precision ?? null,
  };
}

/**
 * The manifest a new run stages before its first replication (StagedDirectory replaces it with the real one): what
 * --resume reads if the process is killed outright, since nothing then writes another. `loaded` carries the run's seed.
 */
export function stagedManifest(loaded: LoadedScenario, policies: string[], options: WriteOptions): Manifest {
  return { ...runIdentity(loaded, policies, options), replications: 0, plannedReplications: options.options.replications, complete: false, stopReason: 'killed', failures: [], precision: null };
}

/** The manifest's fields that say which study this is and how it was asked for. */
function runIdentity(loaded: LoadedScenario, policies: string[], options: WriteOptions): Omit<Manifest, 'replications' | 'plannedReplications' | 'complete' | 'stopReason' | 'failures' | 'precision'> {
  return {
    tool: 'handoff-sim',
    version: toolVersion(),
    node: process.version,
    command: ['handoff', ...options.command],
    scenarioFile: loaded.file,
    scenarioName: loaded.scenario.name,
    scenarioHash: loaded.hash,
    seed: loaded.scenario.seed,
    policies,
    options: options.options,
    seeds: 'replication i draws from seedrandom.alea streams named handoff-sim/<seed>/<i>/<purpose>/<name>; every policy shares them (common random numbers)',
    writtenAt: new Date().toISOString(),
  };
}

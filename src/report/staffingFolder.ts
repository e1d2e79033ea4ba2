import { join } from 'node:path';
import { z } from 'zod';
import { InputError, UsageError } from '../errors.js';
import type { StaffingStudy } from '../experiment/staffing.js';
import { StaffingReplication } from '../experiment/staffing/saved.js';
import { Window } from '../experiment/staffing/schema.js';
import type { LoadedScenario } from '../scenario/load.js';
import { stagedResults, takeOverStaging, writeResultsFolder, type StagedDirectory } from './atomicFiles.js';
import { jsonText } from './json.js';
import { readResumableJsonl, readResumeManifest } from './resumeFolder.js';
import { staffingReportFiles } from './staffingReport.js';

/** The flags that define a staffing search, defaults filled in: what --resume runs again, and refuses to change. */
export const StaffRequest = z.object({
  targets: z.array(z.string()).min(1),
  role: z.enum(['sdr', 'ae']).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  window: Window,
  confidence: z.number(),
  policy: z.string(),
  replications: z.number().int(),
  seed: z.number().int(),
  whatIfs: z.boolean(),
  maxOccupancy: z.number().optional(),
  maxAbandonment: z.number().optional(),
  shrinkage: z.number().optional(),
});
export type StaffRequest = z.infer<typeof StaffRequest>;

const StaffManifest = z.object({ scenarioFile: z.string().optional(), scenarioHash: z.string(), complete: z.boolean(), request: StaffRequest });

export interface StaffFolderOptions {
  /** --out, for a new folder; ignored when resuming. */
  out?: string | undefined;
  /** The folder of the search being resumed: written into, file by file. */
  resumeInto?: string | undefined;
  /** The folder opened when the search started (or taken over from a killed one): committed when it is written. */
  staged?: StagedDirectory | undefined;
  request: StaffRequest;
  command: string[];
  version: string;
}

function manifestText(loaded: LoadedScenario, options: StaffFolderOptions, stopReason: string | null): string {
  return jsonText({
    tool: 'handoff-sim',
    version: options.version,
    node: process.version,
    scenarioFile: loaded.file,
    scenarioName: loaded.scenario.name,
    scenarioHash: loaded.hash,
    seed: options.request.seed,
    replications: options.request.replications,
    policy: options.request.policy,
    request: options.request,
    complete: stopReason === null,
    stopReason,
    seeds: 'replication i draws from streams named handoff-sim/<seed>/<i>/<purpose>/<name> at every headcount and policy (common random numbers)',
    command: ['handoff', ...options.command],
    writtenAt: new Date().toISOString(),
  });
}

/** One line per replication, ordered by team, policy and replication: the same bytes whatever order workers finished in, or a resume. */
function jsonl(replications: readonly StaffingReplication[]): string {
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const keyed = replications.map((entry) => ({ team: JSON.stringify(entry.team), entry }));
  keyed.sort((a, b) => order(a.team, b.team) || order(a.entry.result.policy, b.entry.result.policy) || a.entry.result.replication - b.entry.result.replication);
  // Through the schema: a resumed replication (read back and parsed) then has the same key order as a fresh one.
  return keyed.map(({ entry }) => `${JSON.stringify(StaffingReplication.parse(entry))}\n`).join('');
}
const targetOf = (options: StaffFolderOptions, name: string) => options.staged ?? (options.resumeInto !== undefined ? { resumeInto: options.resumeInto } : stagedResults(options.out, `${name}-staff`));

/**
 * Opens a new search's folder with its manifest staged (complete: false), or takes over the staging folder a killed
 * search left: replications then stream into it, so even a search killed outright can be resumed.
 */
export function openStaffingFolder(loaded: LoadedScenario, saved: SavedStaffing | undefined, options: StaffFolderOptions): StagedDirectory | undefined {
  if (saved?.staging !== undefined) return takeOverStaging(saved.dir, saved.staging, saved.done.map((entry) => JSON.stringify(entry)));
  if (saved !== undefined) return undefined;
  const staged = stagedResults(options.out, `${loaded.scenario.name}-staff`);
  staged.write('manifest.json', manifestText(loaded, options, 'killed'));
  return staged;
}

/** Writes a finished search (results/<scenario>-staff-<UTC timestamp>/ unless --out): report, data, every replication, manifest last. */
export async function writeStaffingResults(study: StaffingStudy, options: StaffFolderOptions): Promise<string> {
  const files = async () => [...(await staffingReportFiles(study, options.command)), { name: 'replications.jsonl', contents: jsonl(study.replications) }];
  return writeResultsFolder(targetOf(options, study.summary.scenario), files, manifestText(study.loaded, options, null));
}

/** Writes a stopped search: the replications it finished and a manifest saying complete: false, for --resume. */
export async function writeStoppedStaffing(loaded: LoadedScenario, finished: readonly StaffingReplication[], stopReason: string, options: StaffFolderOptions): Promise<string> {
  return writeResultsFolder(targetOf(options, loaded.scenario.name), () => [{ name: 'replications.jsonl', contents: jsonl(finished) }], manifestText(loaded, options, stopReason));
}

export interface SavedStaffing {
  dir: string;
  scenarioFile?: string | undefined;
  scenarioHash: string;
  complete: boolean;
  request: StaffRequest;
  done: StaffingReplication[];
  /** The staging folder of a search killed outright, to be taken over. */
  staging: string | undefined;
}

/** A staffing folder for --resume (or what a killed search left): its request and the replications it finished, each checked. */
export function readStaffingFolder(dir: string): SavedStaffing {
  const { path: manifestPath, raw, staging } = readResumeManifest(dir, 'staff', 'the folder a stopped staff search wrote');
  // Another command's folder (compare, sweep) has a manifest but no staff request: say that, not zod's wording.
  if (typeof raw !== 'object' || raw === null || !('request' in raw) || !('targets' in Object(raw.request))) {
    throw new UsageError(`${dir} was not written by handoff staff (its manifest has no staff search); --resume needs the folder a stopped staff search wrote`);
  }
  const manifest = StaffManifest.safeParse(raw);
  if (!manifest.success) {
    const issue = manifest.error.issues[0];
    throw new InputError(manifestPath, [{ path: issue?.path.join('.') ?? '', message: `not the manifest of a staff search: ${issue?.message ?? ''}`, fix: 'give --resume the folder a stopped handoff staff wrote' }]);
  }
  const path = join(staging ?? dir, 'replications.jsonl');
  const done = readResumableJsonl(path, staging !== undefined, StaffingReplication, 'a staffing replication');
  return { dir, ...manifest.data, done, staging };
}


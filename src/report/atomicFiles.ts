import { appendFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { shellWord } from '../shellWord.js';
import { STAGING_PREFIX, stagingLeftovers } from './leftovers.js';

/** Writes a file via a temporary sibling and rename, so readers never see half a file. */
export function writeFileAtomic(path: string, contents: string | Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/**
 * Writes a new file (`--out` of generate, calibrate and bench) atomically and never over an existing one: parent folders
 * are made, the contents go to a temporary sibling, and a hard link gives it its name, which fails if the name is
 * taken (rename would replace it). Exit 2 naming the file when it exists or a file is in the way of its folder.
 */
export function writeNewFile(path: string, contents: string, command: string): void {
  checkNewFile(path, command);
  if (!linkNewFile(path, contents)) throw takenError(path, command);
}

/** The primitive of writeNewFile: false (nothing written) if the name is taken. */
export function linkNewFile(path: string, contents: string): boolean {
  const folder = dirname(resolve(path));
  mkdirSync(folder, { recursive: true });
  const temporary = join(folder, `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
  writeFileSync(temporary, contents);
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // A filesystem without hard links (exFAT, some network mounts): create-only writing still never overwrites.
    return writeIfAbsent(path, contents);
  } finally {
    rmSync(temporary, { force: true });
  }
}

function writeIfAbsent(path: string, contents: string): boolean {
  try {
    writeFileSync(path, contents, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

const takenError = (path: string, command: string): UsageError => new UsageError(`${path} already exists; ${command} never overwrites (choose another --out)`);

/** Where results folders go when --out is not given. */
export const RESULTS_ROOT = 'results';

/** Before a long run: refuses --out when it holds an earlier run or a file is in its way, or a file in the way of the default folder. */
export function checkResultsTarget(out: string | undefined): void {
  if (out === undefined) checkDefaultRoot();
  else checkResultsFolder(out);
}

/** Refuses a file where the default results folder (results/) must be: exit 2 naming it, suggesting --out. */
export function checkDefaultRoot(root = RESULTS_ROOT): void {
  refuseFileInTheWay(root, root, false);
}

/** Refuses a results folder that holds an earlier run or cannot be made (a file in the way): before the run, not after. */
export function checkResultsFolder(target: string): void {
  refuseFileInTheWay(target, target);
  const leftovers = stagingLeftovers(target);
  if (leftovers !== null) {
    const clear = `delete it (rm -r ${shellWord(target)}) or choose another --out`;
    const resume = leftovers.killed?.resumeCommand;
    throw new UsageError(`${target} ${leftovers.text}; ${leftovers.running ? 'choose another --out' : resume === undefined ? clear : `finish it with: ${resume}; or ${clear}`}`);
  }
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new UsageError(`${target} already exists and is not empty; results never overwrite an earlier run (choose another --out)`);
  }
}

/** Refuses an --out file that exists, or whose folder cannot be made because a file is in the way (before long work). */
export function checkNewFile(path: string, command: string): void {
  if (existsSync(path)) throw takenError(path, command);
  refuseFileInTheWay(dirname(path), path);
}

/**
 * The folder (or a folder above it) is an existing file: the user's mistake, exit 2 naming that file. `chosen` is false
 * for the default results folder, which the user never typed: the message then names the folder, not a flag.
 */
function refuseFileInTheWay(folder: string, out: string, chosen = true): void {
  let existing = resolve(folder);
  while (!existsSync(existing)) existing = dirname(existing);
  if (statSync(existing).isDirectory()) return;
  if (chosen) throw new UsageError(`--out ${out}: ${existing} is a file, where a folder is needed (choose another --out)`);
  throw new UsageError(`results go under ${out}/ by default, but ${existing} is a file, where a folder is needed (move that file, or choose a folder with --out)`);
}

/** UTC timestamp usable in a folder name: 2026-11-22T19-13-49Z. */
export const folderTimestamp = (date = new Date()): string => date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');

export const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'run';

/**
 * A results folder built in a hidden staging folder inside it and moved into place when complete, manifest
 * last: nothing is ever written outside the folder, a crash leaves no manifest (an unmistakably partial run),
 * and an existing run is never overwritten.
 */
export class StagedDirectory {
  readonly staging: string;
  private readonly created: boolean;
  /** Taken over from a killed run: its finished replications are kept whatever happens to this process. */
  private readonly adopted: boolean;
  private committed = false;

  /**
   * `chosen`: the user named the folder (--out); false for the default one, for the wording of problems. `adopt`: the
   * staging folder a killed run left in `target`, taken over (renamed to this process's) to finish that run.
   */
  constructor(
    readonly target: string,
    chosen = true,
    adopt?: string,
  ) {
    this.staging = join(resolve(target), `${STAGING_PREFIX}${process.pid}`);
    this.adopted = adopt !== undefined;
    if (adopt !== undefined) {
      if (resolve(adopt) !== this.staging) renameSync(adopt, this.staging);
      this.created = false;
      return;
    }
    if (chosen) checkResultsFolder(target);
    else checkDefaultRoot(dirname(target));
    const exists = existsSync(target);
    mkdirSync(target, { recursive: true });
    this.created = !exists;
    mkdirSync(this.staging);
  }

  /** Path of a file inside the staging folder; refuses names that would escape it. */
  path(name: string): string {
    const full = resolve(this.staging, name);
    if (!full.startsWith(`${this.staging}/`)) throw new Error(`refusing to write outside the results folder: ${name}`);
    return full;
  }

  write(name: string, contents: string | Uint8Array): void {
    const full = this.path(name);
    mkdirSync(dirname(full), { recursive: true });
    writeFileAtomic(full, contents);
  }

  /** Appends to a staged file (progress that survives a crash; the final write replaces it). */
  append(name: string, contents: string): void {
    const full = this.path(name);
    mkdirSync(dirname(full), { recursive: true });
    appendFileSync(full, contents);
  }

  commit(): string {
    if (this.committed) return this.target;
    const entries = readdirSync(this.staging).sort((a, b) => Number(a === 'manifest.json') - Number(b === 'manifest.json'));
    for (const entry of entries) renameSync(join(this.staging, entry), join(this.target, entry));
    rmSync(this.staging, { recursive: true, force: true });
    this.committed = true;
    return this.target;
  }

  abandon(): void {
    if (this.committed || this.adopted) return;
    rmSync(this.staging, { recursive: true, force: true });
    if (this.created && readdirSync(this.target).length === 0) rmSync(this.target, { recursive: true, force: true });
  }
}

/**
 * Takes over the staging folder a killed run left in `dir`, with its replications.jsonl rewritten to the lines kept
 * (none cut short), so the appends that follow start on a line of their own.
 */
export function takeOverStaging(dir: string, staging: string, lines: string[]): StagedDirectory {
  const staged = new StagedDirectory(dir, true, staging);
  staged.write('replications.jsonl', lines.map((line) => `${line}\n`).join(''));
  return staged;
}

/** A file of a results folder. */
export interface ReportFile {
  /** Path relative to the output directory, with forward slashes. */
  name: string;
  contents: string;
}

/**
 * Writes a results folder: a new one is staged and moved into place (abandoned if anything fails), a resumed one
 * has each file replaced atomically. The manifest goes last: until it is there, the folder is a partial run.
 */
export async function writeResultsFolder(target: StagedDirectory | { resumeInto: string }, files: () => ReportFile[] | Promise<ReportFile[]>, manifest?: string): Promise<string> {
  if (!(target instanceof StagedDirectory)) {
    const write = (name: string, contents: string): void => {
      const path = join(target.resumeInto, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileAtomic(path, contents);
    };
    for (const file of await files()) write(file.name, file.contents);
    if (manifest !== undefined) write('manifest.json', manifest);
    return target.resumeInto;
  }
  try {
    for (const file of await files()) target.write(file.name, file.contents);
    if (manifest !== undefined) target.write('manifest.json', manifest);
    return target.commit();
  } catch (error) {
    target.abandon();
    throw error;
  }
}

/** results/<scenario>-<UTC timestamp>, with a numeric suffix if that folder already exists. */
export function defaultResultsDir(scenarioName: string, root = RESULTS_ROOT): string {
  const base = join(root, `${slug(scenarioName)}-${folderTimestamp()}`);
  let candidate = base;
  for (let n = 2; existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** The results folder of a run: --out when given, else the default results/<name>-<timestamp>. */
export function stagedResults(out: string | undefined, name: string): StagedDirectory {
  return out === undefined ? new StagedDirectory(defaultResultsDir(name), false) : new StagedDirectory(out);
}

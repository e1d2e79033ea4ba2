import { appendFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';

/** Writes a file via a temporary sibling and rename, so readers never see half a file. */
export function writeFileAtomic(path: string, contents: string | Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
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
  private committed = false;

  constructor(readonly target: string) {
    const exists = existsSync(target);
    if (exists && readdirSync(target).length > 0) {
      throw new UsageError(`${target} already exists and is not empty; results never overwrite an earlier run (choose another --out)`);
    }
    mkdirSync(target, { recursive: true });
    this.created = !exists;
    this.staging = join(resolve(target), `.partial-${process.pid}`);
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
    if (this.committed) return;
    rmSync(this.staging, { recursive: true, force: true });
    if (this.created && readdirSync(this.target).length === 0) rmSync(this.target, { recursive: true, force: true });
  }
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
export function defaultResultsDir(scenarioName: string, root = 'results'): string {
  const base = join(root, `${slug(scenarioName)}-${folderTimestamp()}`);
  let candidate = base;
  for (let n = 2; existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

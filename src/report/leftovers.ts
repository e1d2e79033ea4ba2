import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { shellWord } from '../shellWord.js';
import { plural } from './format.js';

/** The name of StagedDirectory's staging folder: this prefix and the pid of the process writing it. */
export const STAGING_PREFIX = '.partial-';
const STAGING = new RegExp(`^${STAGING_PREFIX.replace('.', '\\.')}(\\d+)$`);
/** Written into a staging folder before the first replication (complete: false): what --resume needs if the run is killed. */
const STAGED_MANIFEST = 'manifest.json';

/** Whether a process is alive (EPERM: alive, another user's). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const linesIn = (file: string): number => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((line) => line.length > 0).length : 0);

/** A staging folder a killed run left with its staged manifest: --resume can take it up. */
export interface KilledRun {
  staging: string;
  /** "handoff compare scenarios/baseline.yaml --resume results/x", or undefined when the manifest does not say. */
  resumeCommand: string | undefined;
}

export interface Leftovers {
  running: boolean;
  text: string;
  killed: KilledRun | undefined;
}

/**
 * What a folder holding nothing but staging folders is: a run still writing it, or what a run killed outright
 * (SIGKILL, out of memory) left: resumable when its staging folder holds the staged manifest. Null for any other folder.
 */
export function stagingLeftovers(dir: string): Leftovers | null {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return null;
  const entries = readdirSync(dir);
  const staging = entries.filter((name) => STAGING.test(name)).sort();
  if (staging.length === 0 || staging.length !== entries.length) return null;
  const alive = staging.map((name) => Number(STAGING.exec(name)![1])).find(isRunning);
  if (alive !== undefined) return { running: true, text: `is being written by a handoff run that is still going (process ${alive})`, killed: undefined };
  const finished = staging.reduce((sum, name) => sum + linesIn(join(dir, name, 'replications.jsonl')), 0);
  const resumable = staging.find((name) => existsSync(join(dir, name, STAGED_MANIFEST)));
  const left = `${staging.join(', ')}: ${plural(finished, 'finished replication')}`;
  if (resumable === undefined) return { running: false, text: `holds only what a run killed before it finished left (${left}, no manifest)`, killed: undefined };
  const staged = join(dir, resumable);
  return { running: false, text: `holds a run killed before it finished (${left})`, killed: { staging: staged, resumeCommand: resumeCommand(dir, join(staged, STAGED_MANIFEST)) } };
}

/** The command that finishes a killed run, from its staged manifest's command and scenario file. */
function resumeCommand(dir: string, manifest: string): string | undefined {
  try {
    const raw = JSON.parse(readFileSync(manifest, 'utf8')) as { command?: unknown; scenarioFile?: unknown };
    const name = Array.isArray(raw.command) ? raw.command[1] : undefined;
    if (typeof name !== 'string' || typeof raw.scenarioFile !== 'string') return undefined;
    return `handoff ${name} ${shellWord(raw.scenarioFile)} --resume ${shellWord(dir)}`;
  } catch {
    return undefined;
  }
}

/** At most this many killed runs are named before a new run; the rest are counted. */
const MAX_NAMED = 3;

/**
 * Lines naming the killed, resumable runs of a scenario in the default results folder (`root`/`slug`-*), said before
 * a new run goes there: a killed run's folder looks empty to ls, so its finished replications would be forgotten.
 */
export function killedRunsNotes(root: string, scenarioSlug: string): string[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) return [];
  const killed = readdirSync(root)
    .filter((name) => name.startsWith(`${scenarioSlug}-`))
    .sort()
    .flatMap((name) => {
      const dir = join(root, name);
      const leftovers = stagingLeftovers(dir);
      return leftovers?.killed?.resumeCommand === undefined ? [] : [`note: ${dir} ${leftovers.text}; finish it with: ${leftovers.killed.resumeCommand}`];
    });
  return killed.length <= MAX_NAMED ? killed : [...killed.slice(0, MAX_NAMED), `note: ...and ${plural(killed.length - MAX_NAMED, 'more killed run')} under ${root}/`];
}

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { plural } from './format.js';

/** The name of StagedDirectory's staging folder: this prefix and the pid of the process writing it. */
export const STAGING_PREFIX = '.partial-';
const STAGING = new RegExp(`^${STAGING_PREFIX.replace('.', '\\.')}(\\d+)$`);

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

/**
 * What a folder holding nothing but staging folders is: a run still writing it, or what a run killed outright
 * (SIGKILL, out of memory) left, which has no manifest and so cannot be resumed. Null for any other folder.
 */
export function stagingLeftovers(dir: string): { running: boolean; text: string } | null {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return null;
  const entries = readdirSync(dir);
  const staging = entries.filter((name) => STAGING.test(name)).sort();
  if (staging.length === 0 || staging.length !== entries.length) return null;
  const alive = staging.map((name) => Number(STAGING.exec(name)![1])).find(isRunning);
  if (alive !== undefined) return { running: true, text: `is being written by a handoff run that is still going (process ${alive})` };
  const finished = staging.reduce((sum, name) => sum + linesIn(join(dir, name, 'replications.jsonl')), 0);
  return { running: false, text: `holds only what a run killed before it finished left (${staging.join(', ')}: ${plural(finished, 'finished replication')}, no manifest)` };
}

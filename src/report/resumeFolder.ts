import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { InputError, UsageError } from '../errors.js';
import { shellWord } from '../shellWord.js';
import { stagingLeftovers } from './leftovers.js';

/** Commands whose results folders --resume can finish, and the ones that read each other's (simulate and compare). */
const FAMILIES: Record<string, readonly string[]> = { compare: ['compare', 'simulate'], simulate: ['compare', 'simulate'], sweep: ['sweep'], staff: ['staff'] };

/**
 * The entries of a replications.jsonl to resume from, each checked against `schema` (a bad line is named, with `what`
 * it should be). From a killed run's staging folder the last line is dropped: a kill in the middle of an append can
 * cut it short, and its replication runs again.
 */
export function readResumableJsonl<T>(path: string, staged: boolean, schema: z.ZodType<T>, what: string): T[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  if (staged) lines.pop();
  return lines.flatMap((line, index) => {
    if (line.trim() === '') return [];
    const parsed = schema.safeParse(parseJsonFile(path, line, index + 1));
    if (!parsed.success) throw new InputError(path, [{ path: '', line: index + 1, message: `not ${what}: ${parsed.error.issues[0]?.message ?? ''}` }]);
    return [parsed.data];
  });
}

/** JSON.parse with the file (and line) named on failure, as bad input rather than a stack trace. */
export function parseJsonFile(file: string, text: string, line?: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(file, [{ path: '', ...(line === undefined ? {} : { line }), message: `not valid JSON (${(error as Error).message})` }]);
  }
}

/**
 * The manifest.json of a folder given to `command --resume`, refused in words when the folder or its manifest is
 * missing, or when another command wrote it (its schema would otherwise list a page of zod's problems).
 * `wants` ends the refusals: "the folder an interrupted sweep wrote".
 */
export function readResumeManifest(dir: string, command: string, wants: string): { path: string; raw: unknown; staging?: string } {
  if (!existsSync(dir)) throw new UsageError(`${dir} does not exist; --resume needs ${wants}`);
  const leftovers = stagingLeftovers(dir);
  if (leftovers !== null && leftovers.killed === undefined) {
    // Ctrl-C, SIGTERM and --timeout write the manifest that --resume reads; a run killed outright left only its staged one, if any.
    throw new UsageError(`${dir} ${leftovers.text}; ${leftovers.running ? 'wait for it to finish' : 'it cannot be resumed (a run stopped by Ctrl-C, SIGTERM or --timeout can be): start a new run with another --out'}`);
  }
  const staging = leftovers?.killed?.staging;
  const path = join(staging ?? dir, 'manifest.json');
  if (!existsSync(path)) throw new UsageError(`${dir} is not a handoff-sim results folder (no manifest.json); --resume needs ${wants}`);
  const raw = parseJsonFile(path, readFileSync(path, 'utf8'));
  const writer = writtenBy(raw);
  if (writer !== undefined && !(FAMILIES[command] ?? [command]).includes(writer)) {
    const finish = leftovers?.killed?.resumeCommand ?? `handoff ${writer} <scenario> --resume ${shellWord(dir)}`;
    throw new UsageError(`${dir} was written by handoff ${writer}, not ${command}; if it stopped early, finish it with: ${finish}`);
  }
  return { path, raw, ...(staging === undefined ? {} : { staging }) };
}

/**
 * The refusal of a folder written for another scenario: both files and hashes, and what to start instead ("run",
 * "sweep", "search"), so a resume never mixes two studies.
 */
export function differentScenario(dir: string, was: { file?: string | undefined; hash: string }, now: { file: string; hash: string }, instead: string): UsageError {
  return new UsageError(
    `${dir} was written for a different scenario (${was.file ?? 'another file'}, hash ${was.hash.slice(0, 12)}; now ${now.file}, hash ${now.hash.slice(0, 12)}: the file, its seed or a custom policy module it uses has changed); resume with them as they were, or start a new ${instead}`,
  );
}

/** The command named in a manifest's `command` (["handoff", "sweep", ...]), if it has one. */
function writtenBy(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('command' in raw) || !Array.isArray(raw.command)) return undefined;
  const name: unknown = raw.command[1];
  return typeof name === 'string' && name in FAMILIES ? name : undefined;
}

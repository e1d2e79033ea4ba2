/** The built CLI under fuzzing: one spawn per case, with a wall-clock limit so a hang fails the case. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ROOT } from './scenario.js';
import { nanTokens, nonFinite, stackLines } from './fuzzCheck.js';

const MAIN = `${ROOT}dist/src/cli/main.js`;

export interface CliRun {
  args: string[];
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runCli(args: string[], timeoutMs: number): CliRun {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before the fuzz suite`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [MAIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, HANDOFF_DEBUG: '' } });
  return { args, status: run.status, signal: run.signal, stdout: run.stdout ?? '', stderr: run.stderr ?? '', ms: Date.now() - started };
}

/** runCli without blocking: two of these side by side use both cores of a 2-core machine. */
export function runCliAsync(args: string[], timeoutMs: number): Promise<CliRun> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before the fuzz suite`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, env: { ...process.env, HANDOFF_DEBUG: '' }, timeout: timeoutMs });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('close', (status, signal) => {
      resolve({ args, status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started });
    });
  });
}

export const showRun = (run: CliRun): string =>
  `handoff ${run.args.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ')}\n-> exit ${run.status}${run.signal === null ? '' : ` (killed: ${run.signal})`} after ${run.ms} ms\n--- stderr ---\n${run.stderr.slice(0, 2000)}\n--- stdout ---\n${run.stdout.slice(0, 1000)}`;

/** A problem line of formatProblems: "  path (line N): message" or "  (top level): message". */
const PROBLEM_LINE = /^ {2}(?<where>.+?)(?: \(line (?<line>\d+)\))?: \S/;

/**
 * What is wrong with a CLI exit: a signal (hang), an exit code outside `allowed`, stack lines; on exit 2 a first
 * line that does not name one of `files`, or problem lines with neither a field path nor a line (whole-file
 * messages matching `wholeFile` excepted). A usage error (exit 2 naming no file) must match `usage`.
 */
export function cliViolations(run: CliRun, options: { allowed: number[]; files: string[]; wholeFile?: RegExp; usage?: RegExp }): string[] {
  const out: string[] = [];
  if (run.signal !== null) out.push(`killed by ${run.signal} (over the time limit: a hang?)`);
  if (run.status === null || !options.allowed.includes(run.status)) out.push(`exit ${run.status}, expected one of ${options.allowed.join('/')}`);
  const stack = [...stackLines(run.stderr), ...stackLines(run.stdout)];
  if (stack.length > 0) out.push(`stack trace lines in the output: ${stack[0]}`);
  if (/internal error/.test(run.stderr)) out.push('an internal error');
  if (run.status === 2) {
    // Warnings (valid input) may come first; the error block starts at a line naming the file.
    const errorStart = run.stderr.split('\n').findIndex((line) => options.files.some((file) => line.startsWith(`${file}: `)) && /: \d+ (problem|row)/.test(line));
    const usage = options.usage?.test(run.stderr) === true;
    if (errorStart < 0 && !usage) out.push('exit 2 but no stderr line starts with the file name and a problem count');
    if (errorStart >= 0) {
      const lines = run.stderr.split('\n').slice(errorStart + 1).filter((line) => PROBLEM_LINE.test(line));
      for (const line of lines) {
        const match = PROBLEM_LINE.exec(line)!.groups!;
        const named = match.where !== '(top level)' || match.line !== undefined || options.wholeFile?.test(line) === true || /must be a (YAML )?mapping|file not found|cannot be read|the file is empty|is a folder, not a file/.test(line);
        if (!named) out.push(`a problem names neither a field nor a line: ${line.trim()}`);
      }
    }
  }
  return out;
}

/** Violations of a JSON stdout: not one JSON object, NaN/Infinity tokens, non-finite numbers. */
export function jsonStdoutViolations(stdout: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch (error) {
    return [`stdout is not one JSON value: ${(error as Error).message}`];
  }
  const out: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) out.push('stdout JSON is not an object');
  const tokens = nanTokens(stdout);
  if (tokens.length > 0) out.push(`NaN/Infinity in stdout: ${tokens.slice(0, 3).join(', ')}`);
  out.push(...nonFinite(value).map((bad) => `non-finite number in stdout JSON: ${bad}`));
  return out;
}

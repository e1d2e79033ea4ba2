import { UsageError } from '../errors.js';
import { progressOptions, type ProgressArgs } from './progress.js';

/** Flags shared by compare and simulate. */
export interface StudyArgs extends ProgressArgs {
  scenario: string;
  replications?: number;
  workers?: number;
  seed?: number;
  precision?: number;
  maxReplications?: number;
  timeout?: number;
  jobTimeout?: number;
  out?: string;
  resume?: string;
}

/** Time-limit flags (--timeout, --job-timeout) take a positive number of seconds; exit 2 naming the flag otherwise. */
export function checkSeconds(flags: readonly (readonly [string, number | undefined])[]): void {
  for (const [flag, value] of flags) {
    if (value !== undefined && !(value > 0)) throw new UsageError(`${flag} must be a positive number of seconds (got ${value})`);
  }
}

export const studyOptions = {
  replications: { type: 'number', describe: "replications per policy (default: the scenario's)" },
  workers: { type: 'number', describe: 'worker threads (default: available cores)' },
  seed: { type: 'number', describe: 'override the scenario seed' },
  timeout: { type: 'number', describe: 'stop cleanly after this many seconds, keeping finished replications (marked incomplete)' },
  'job-timeout': { type: 'number', describe: 'fail a replication that runs longer than this many seconds (e.g. a custom policy that never returns)' },
  resume: { type: 'string', describe: 'finish an interrupted run in this results folder (same scenario and options)' },
  ...progressOptions,
} as const;

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

export const studyOptions = {
  replications: { type: 'number', describe: "replications per policy (default: the scenario's)" },
  workers: { type: 'number', describe: 'worker threads (default: available cores)' },
  seed: { type: 'number', describe: 'override the scenario seed' },
  timeout: { type: 'number', describe: 'stop cleanly after this many seconds, keeping finished replications (marked incomplete)' },
  'job-timeout': { type: 'number', describe: 'fail a replication that runs longer than this many seconds (e.g. a custom policy that never returns)' },
  resume: { type: 'string', describe: 'finish an interrupted run in this results folder (same scenario and options)' },
  ...progressOptions,
} as const;

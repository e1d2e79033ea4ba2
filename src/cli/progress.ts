import cliProgress from 'cli-progress';
import type { StudyProgress } from '../experiment/study.js';

/** The progress flags every long-running command takes. */
export const progressOptions = {
  quiet: { type: 'boolean', describe: 'no progress at all' },
  progress: { type: 'boolean', describe: 'progress as plain lines on stderr when it is not a terminal (CI logs, scripts)' },
} as const;

export interface ProgressArgs {
  quiet?: boolean;
  progress?: boolean;
}

interface Reporter {
  onProgress?: (progress: StudyProgress) => void;
  /** A step after the replications (e.g. writing the results folder), as a line where progress is shown as lines. */
  step?: (what: string) => void;
  stop: () => void;
}

/**
 * Progress on stderr for long runs (replications done, leads per second, time left): a bar when stderr is a
 * terminal, plain lines when it is not and --progress asks for them, nothing with --quiet; returns a callback
 * for runStudy and a stop function.
 */
export function progressReporter(args: ProgressArgs, label = 'replications'): Reporter {
  if (args.quiet === true) return { stop: () => undefined };
  if (!process.stderr.isTTY) return args.progress === true ? lineReporter(label) : { stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} {bar} {value}/{total}{stage} | {rate} leads/s | {eta_formatted} left`,
      etaBuffer: 20,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const rate = leadRate();
  let running = false;
  return {
    onProgress: (progress) => {
      if (!running) {
        bar.start(progress.total, progress.done, { rate: rate(progress), stage: stageOf(progress) });
        running = true;
      } else {
        bar.setTotal(progress.total);
        bar.update(progress.done, { rate: rate(progress), stage: stageOf(progress) });
      }
    },
    stop: () => {
      if (running) bar.stop();
    },
  };
}

/** One line per change, e.g. "sweep: 12/300 done, 41,250 leads/s". */
function lineReporter(label: string): Reporter {
  const rate = leadRate();
  let last = -1;
  return {
    onProgress: (progress) => {
      if (progress.done === last) return;
      last = progress.done;
      process.stderr.write(`${label}: ${progress.done}/${progress.total} done${stageOf(progress)}, ${rate(progress)} leads/s\n`);
    },
    step: (what) => process.stderr.write(`${label}: ${what}\n`),
    stop: () => undefined,
  };
}

/** Leads simulated per second since the reporter was made, formatted. */
function leadRate(): (progress: StudyProgress) => string {
  const started = Date.now();
  return (progress) => Math.round(progress.simulatedLeads / Math.max(0.001, (Date.now() - started) / 1000)).toLocaleString('en-US');
}

/** " (trying sdr=14)": why a total grew, when it can. */
const stageOf = (progress: StudyProgress): string => (progress.stage === undefined ? '' : ` (${progress.stage})`);

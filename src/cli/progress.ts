import cliProgress from 'cli-progress';
import type { StudyProgress } from '../experiment/study.js';

/**
 * Progress on stderr for long runs (replications done, leads per second, time left), only when stderr is a
 * terminal and not silenced; returns a callback for runStudy and a stop function.
 */
export function progressReporter(quiet: boolean | undefined, label = 'replications'): { onProgress?: (progress: StudyProgress) => void; stop: () => void } {
  if (quiet === true || !process.stderr.isTTY) return { stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} {bar} {value}/{total} | {rate} leads/s | {eta_formatted} left`,
      etaBuffer: 20,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    onProgress: (progress) => {
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      const rate = Math.round(progress.simulatedLeads / seconds).toLocaleString('en-US');
      if (!running) {
        bar.start(progress.total, progress.done, { rate });
        running = true;
      } else {
        bar.setTotal(progress.total);
        bar.update(progress.done, { rate });
      }
    },
    stop: () => {
      if (running) bar.stop();
    },
  };
}

import { setMaxListeners } from 'node:events';

/**
 * SIGINT/SIGTERM stop a long run cleanly: the first signal aborts (finished replications are kept and written
 * as a partial result), a second one exits at once.
 */
export function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  // Every queued pool task listens on this one signal; a long sweep queues hundreds.
  setMaxListeners(0, controller.signal);
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(`\n${name}: stopping after writing the finished replications (press Ctrl-C again to quit at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * `signal`, also aborted once `seconds` have passed (--timeout). A plain timer, not AbortSignal.any with
 * AbortSignal.timeout, which was seen not to fire here (a source held only weakly by any() may be collected).
 * dispose() clears the timer.
 */
export function withTimeLimit(signal: AbortSignal, seconds: number | undefined): { signal: AbortSignal; dispose: () => void } {
  if (seconds === undefined) return { signal, dispose: () => {} };
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const stop = (): void => controller.abort();
  const timer = setTimeout(stop, seconds * 1000);
  signal.addEventListener('abort', stop, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    },
  };
}

/**
 * SIGINT/SIGTERM during a command that keeps nothing when stopped (calibrate, generate): one line on stderr, exit 130.
 * Without it the process died silently. Its one file is written synchronously at the end, which a signal cannot split,
 * so "not created" holds; dispose() once it is written (a signal that came during the writing is then dropped).
 */
export function exitOnInterrupt(out: string | undefined): () => void {
  const onSignal = () => {
    // In a terminal the line would otherwise follow the echoed ^C.
    process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}interrupted: nothing written${out === undefined ? '' : ` (${out} was not created)`}\n`);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

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

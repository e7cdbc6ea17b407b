import type { Clock } from '../recorder/clock/clock';

/**
 * Runs `tick` every `intervalMs` on the injected clock until the returned stop is called. A tick that is
 * still running (a slow status read) is not started over: the next one waits for it.
 */
export function repeatEvery(
  clock: Pick<Clock, 'setTimeout'>,
  intervalMs: number,
  tick: () => void | Promise<void>,
  onError: (error: unknown) => void = () => undefined,
): () => void {
  let stopped = false;
  let cancel: (() => void) | null = null;
  const run = () => {
    cancel = null;
    if (stopped) return;
    Promise.resolve()
      .then(tick)
      .catch(onError)
      .finally(() => {
        if (!stopped) cancel = clock.setTimeout(run, intervalMs);
      });
  };
  cancel = clock.setTimeout(run, 0);
  return () => {
    stopped = true;
    cancel?.();
    cancel = null;
  };
}

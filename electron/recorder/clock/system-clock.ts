import { performance } from 'node:perf_hooks';
import type { Clock } from './clock';

/** The real clock. performance.now() is CLOCK_MONOTONIC on Linux, which stands still during suspend. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

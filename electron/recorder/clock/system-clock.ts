import { performance } from 'node:perf_hooks';
import type { Clock } from './clock';
import { readHostZone } from './host-zone';

// Reading the zone costs more than a whole sample (a file read, or Intl), so it is re-read once a minute.
const ZONE_RECHECK_MS = 60_000;
let zone = { name: '', checkedAt: -Infinity };

/** The real clock. performance.now() is CLOCK_MONOTONIC on Linux, which stands still during suspend. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  timeZone: () => {
    const now = performance.now();
    if (now - zone.checkedAt >= ZONE_RECHECK_MS) zone = { name: readHostZone(), checkedAt: now };
    return zone.name;
  },
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

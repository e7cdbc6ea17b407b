import type { Clock } from './clock';

/** The same clock read in another zone: a command's --tz becomes the zone every handler sees. */
export function zonedClock(clock: Clock, zone: string): Clock {
  return {
    now: () => clock.now(),
    monotonic: () => clock.monotonic(),
    timeZone: () => zone,
    setTimeout: (fn, ms) => clock.setTimeout(fn, ms),
  };
}

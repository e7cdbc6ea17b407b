/** The time the views read: injected so tests run on a fixed day in a fixed zone and never sleep. */
export interface ViewClock {
  now(): number;
  /** The IANA zone days and times are shown in. */
  timeZone(): string;
}

export const browserClock: ViewClock = {
  now: () => Date.now(),
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
};

export function fixedClock(nowMs: number, timeZone: string): ViewClock & { set(ms: number): void } {
  let now = nowMs;
  return { now: () => now, timeZone: () => timeZone, set: (ms) => void (now = ms) };
}

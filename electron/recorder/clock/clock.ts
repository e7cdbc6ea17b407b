/** Every reading of time and every timer goes through this seam so tests never wait on the wall clock. */
export interface Clock {
  /** Wall-clock UTC milliseconds; may jump when the user or NTP sets the clock. */
  now(): number;
  /** Milliseconds that only move forward and stop while the machine is suspended (CLOCK_MONOTONIC). */
  monotonic(): number;
  /** The IANA zone in force now, e.g. "America/New_York". */
  timeZone(): string;
  /** Calls fn once after ms; returns the function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
}

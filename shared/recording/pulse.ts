/**
 * Two equal heartbeats merge when the gap between them is within the pulse time. ActivityWatch settled on
 * max(1.5 × poll, poll + 1 s) after losing time to timer jitter with a tighter window.
 */
export function pulseTimeMs(pollMs: number): number {
  return Math.max(1.5 * pollMs, pollMs + 1000);
}

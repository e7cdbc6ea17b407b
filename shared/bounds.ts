/**
 * The bounds every face of Stint holds input to (the API contract, the CLI through it, the stores and the
 * importers), so a typo like year 2062 or 99999999999999 seconds is refused with its reason instead of
 * becoming a 315,584-hour entry or a report over ten thousand years.
 */
import { formatDuration } from './format-duration';

const HOUR_MS = 3_600_000;

/** The first and last dates Stint takes: no sales team tracked time before the epoch or will after 2100. */
export const EARLIEST_DATE = '1970-01-01';
export const LATEST_DATE = '2100-12-31';
/** The instants Stint takes: [EARLIEST_MS, END_MS), the epoch up to the end of 2100 in UTC. */
export const EARLIEST_MS = Date.UTC(1970, 0, 1);
export const END_MS = Date.UTC(2101, 0, 1);

/** Longest manual entry, correction or imported work session: a day. Longer is a typo, or days to enter one by one. */
export const MAX_ENTRY_MS = 24 * HOUR_MS;
/** Longest call, and longest talk, hold or wrap-up of one: a day. */
export const MAX_CALL_MS = 24 * HOUR_MS;

/**
 * Longest range each request with a range takes, in days: ten years and a bit, so a yearly comparison
 * over a decade works and no request can ask for millions of days.
 */
export const MAX_RANGE_DAYS = {
  'report.timeUse': 3700,
  'report.calls': 3700,
  'report.sales': 3700,
  'timesheet.get': 3700,
  'time.list': 3700,
  'calls.list': 3700,
} as const;
export type RangedRequest = keyof typeof MAX_RANGE_DAYS;

/** True for a date written YYYY-MM-DD from EARLIEST_DATE to LATEST_DATE (the caller checks it is a real date). */
export function isDateInBounds(date: string): boolean {
  return date >= EARLIEST_DATE && date <= LATEST_DATE;
}

/** True for a finite instant from 1970 to the end of 2100. */
export function isInstantInBounds(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms < END_MS;
}

export const DATE_BOUNDS_WORDS = `a date from ${EARLIEST_DATE} to ${LATEST_DATE}`;
export const INSTANT_BOUNDS_WORDS = 'a time from 1970 to the end of 2100';

/** Why an instant is refused, or null: for messages that show the value as it was written. */
export function instantProblem(ms: number, shown: string): string | null {
  return isInstantInBounds(ms) ? null : `${shown} is outside the years Stint takes: expected ${INSTANT_BOUNDS_WORDS}.`;
}

/** An instant for a message: ISO 8601 where Date can write it, else the number. */
export function shownInstant(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms);
}

/** Why a manual entry or correction is refused for its length, or null. */
export function entryLengthProblem(startMs: number, endMs: number): string | null {
  if (endMs - startMs <= MAX_ENTRY_MS) return null;
  return `An entry is at most 24 hours, and this one is ${formatDuration((endMs - startMs) / 1000)}; check the dates, or enter each day on its own.`;
}

/** Why an imported call is refused for its start or its times, or null. */
export function callProblem(call: { startMs: number; talkMs: number; holdMs: number; wrapMs: number }): string | null {
  const start = instantProblem(call.startMs, `The call's start (${shownInstant(call.startMs)})`);
  if (start !== null) return start;
  const parts = [
    ['talk time is', call.talkMs],
    ['hold time is', call.holdMs],
    ['wrap-up time is', call.wrapMs],
    ['talk, hold and wrap-up add up to', call.talkMs + call.holdMs + call.wrapMs],
  ] as const;
  for (const [what, ms] of parts) {
    if (ms > MAX_CALL_MS) {
      return `The call's ${what} ${formatDuration(ms / 1000)}, and a call lasts at most 24 hours: check the export's durations and their unit.`;
    }
  }
  return null;
}

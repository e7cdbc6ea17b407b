import { DateTime } from 'luxon';

/*
 * When the desktop app reminds a rep who forgot to clock out.
 *
 * The decision: a session (work, or a break that never ended) that is still open is "forgotten" from the
 * earlier of
 *   - the rep's usual end of day plus a grace period (default 18:00 + 2 h = 20:00), on the local day the
 *     session started, when that moment is after the start; and
 *   - the next local midnight after the start (the day is over whatever the usual hours);
 * but never before the session has run `minOpenMinutes` (default 1 h), so a rep who clocks in at 21:00 for
 * a late shift is not nagged at once (they hear at midnight, or set their usual end in the settings).
 * After a reminder the next one comes `snoozeMinutes` later (default 2 h) while the session stays open;
 * "Still working" snoozes the same way. Local times are in the zone the clock reports now (DST-aware).
 */

export interface ClockOutRule {
  /** Minutes after local midnight when the rep's day usually ends (18:00 → 1080). */
  usualEndMinutes: number;
  /** How long after the usual end an open session is taken as forgotten. */
  graceMinutes: number;
  /** A session younger than this is never reminded about. */
  minOpenMinutes: number;
  /** Between two reminders for the same session. */
  snoozeMinutes: number;
}

export const DEFAULT_CLOCK_OUT_RULE: ClockOutRule = { usualEndMinutes: 18 * 60, graceMinutes: 120, minOpenMinutes: 60, snoozeMinutes: 120 };

/** The first moment an open session that started at `startMs` counts as forgotten. */
export function clockOutReminderAtMs(startMs: number, timeZone: string, rule: ClockOutRule = DEFAULT_CLOCK_OUT_RULE): number {
  const start = DateTime.fromMillis(startMs, { zone: timeZone });
  if (!start.isValid) throw new RangeError(`Unknown time zone: ${timeZone}`);
  const day = start.startOf('day');
  const usualEnd = day
    .set({ hour: Math.floor(rule.usualEndMinutes / 60), minute: rule.usualEndMinutes % 60 })
    .plus({ minutes: rule.graceMinutes })
    .toMillis();
  const midnight = day.plus({ days: 1 }).toMillis();
  const due = usualEnd > startMs ? Math.min(usualEnd, midnight) : midnight;
  return Math.max(due, startMs + rule.minOpenMinutes * 60_000);
}

/** The open session as the status reports it. */
export interface OpenSession {
  kind: 'work' | 'break';
  startMs: number;
}

/** What the reminder remembers between checks: the session it last reminded about and when it may again. */
export interface ReminderMemory {
  sessionStartMs: number;
  notBeforeMs: number;
}

/**
 * Whether to remind now. `memory` is what the last reminder (or "Still working") left; it counts only for
 * the same session (a new session starts afresh).
 */
export function clockOutReminderDue(
  session: OpenSession | null,
  nowMs: number,
  timeZone: string,
  memory: ReminderMemory | null,
  rule: ClockOutRule = DEFAULT_CLOCK_OUT_RULE,
): boolean {
  if (session === null) return false;
  const dueMs = clockOutReminderAtMs(session.startMs, timeZone, rule);
  const snoozedUntil = memory !== null && memory.sessionStartMs === session.startMs ? memory.notBeforeMs : -Infinity;
  return nowMs >= Math.max(dueMs, snoozedUntil);
}

/** The memory after a reminder was shown (or snoozed) at `nowMs`. */
export function afterReminder(session: OpenSession, nowMs: number, rule: ClockOutRule = DEFAULT_CLOCK_OUT_RULE): ReminderMemory {
  return { sessionStartMs: session.startMs, notBeforeMs: nowMs + rule.snoozeMinutes * 60_000 };
}

/** "18:30" → 1110; null when it is not a time of day. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

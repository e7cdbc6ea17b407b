import { describe, expect, it } from 'vitest';
import { afterReminder, clockOutReminderAtMs, clockOutReminderDue, DEFAULT_CLOCK_OUT_RULE, parseTimeOfDay, type ClockOutRule } from './clock-out-rule';

/** Local wall time in a zone as UTC ms, through Intl (no library in the test's own arithmetic). */
function at(zone: string, iso: string): number {
  const guess = Date.parse(`${iso}Z`);
  // Find the offset in force at that wall time (two passes settle it, DST included).
  let ms = guess;
  for (let i = 0; i < 2; i++) {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(ms)
        .map((p) => [p.type, p.value]),
    );
    const shown = Date.parse(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`);
    ms += guess - shown;
  }
  return ms;
}

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';

describe('clockOutReminderAtMs', () => {
  it('is the usual end plus grace on the day the session started (18:00 + 2 h)', () => {
    expect(clockOutReminderAtMs(at(NY, '2026-03-02T09:00:00'), NY)).toBe(at(NY, '2026-03-02T20:00:00'));
    expect(clockOutReminderAtMs(at(BERLIN, '2026-03-02T08:15:00'), BERLIN)).toBe(at(BERLIN, '2026-03-02T20:00:00'));
  });

  it('is local midnight for a session that starts after the usual end plus grace (a late shift)', () => {
    expect(clockOutReminderAtMs(at(NY, '2026-03-02T21:00:00'), NY)).toBe(at(NY, '2026-03-03T00:00:00'));
  });

  it('is never before the session has run its minimum', () => {
    // Started 19:30: 20:00 would be after 30 minutes only; the minimum is an hour.
    expect(clockOutReminderAtMs(at(NY, '2026-03-02T19:30:00'), NY)).toBe(at(NY, '2026-03-02T20:30:00'));
    // Started 23:30: midnight comes after 30 minutes; the reminder waits until 00:30.
    expect(clockOutReminderAtMs(at(NY, '2026-03-02T23:30:00'), NY)).toBe(at(NY, '2026-03-03T00:30:00'));
  });

  it('is midnight when the usual end plus grace falls on the next day', () => {
    const rule: ClockOutRule = { ...DEFAULT_CLOCK_OUT_RULE, usualEndMinutes: 23 * 60, graceMinutes: 120 };
    expect(clockOutReminderAtMs(at(NY, '2026-03-02T09:00:00'), NY, rule)).toBe(at(NY, '2026-03-03T00:00:00'));
  });

  it('keeps wall-clock times across a DST change (New York springs forward on 8 March 2026)', () => {
    // 18:00 + 2 h on the DST day is 20:00 EDT, 23 hours of elapsed day after midnight EST.
    expect(clockOutReminderAtMs(at(NY, '2026-03-08T09:00:00'), NY)).toBe(at(NY, '2026-03-08T20:00:00'));
    expect(at(NY, '2026-03-08T20:00:00') - at(NY, '2026-03-08T00:00:00')).toBe(19 * 3_600_000);
    // Berlin falls back on 25 October 2026: midnight after a late start is still the local midnight.
    expect(clockOutReminderAtMs(at(BERLIN, '2026-10-25T21:30:00'), BERLIN)).toBe(at(BERLIN, '2026-10-26T00:00:00'));
  });

  it('follows a custom usual end', () => {
    const rule: ClockOutRule = { usualEndMinutes: parseTimeOfDay('16:30')!, graceMinutes: 30, minOpenMinutes: 60, snoozeMinutes: 60 };
    expect(clockOutReminderAtMs(at(NY, '2026-03-02T07:00:00'), NY, rule)).toBe(at(NY, '2026-03-02T17:00:00'));
  });

  it('refuses an unknown zone', () => {
    expect(() => clockOutReminderAtMs(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('clockOutReminderDue (with an injected clock)', () => {
  const session = { kind: 'work' as const, startMs: at(NY, '2026-03-02T09:00:00') };

  it('is false without an open session, and from the due time on for an open one (work or break)', () => {
    expect(clockOutReminderDue(null, at(NY, '2026-03-02T23:00:00'), NY, null)).toBe(false);
    expect(clockOutReminderDue(session, at(NY, '2026-03-02T19:59:59'), NY, null)).toBe(false);
    expect(clockOutReminderDue(session, at(NY, '2026-03-02T20:00:00'), NY, null)).toBe(true);
    expect(clockOutReminderDue({ ...session, kind: 'break' }, at(NY, '2026-03-02T20:00:00'), NY, null)).toBe(true);
  });

  it('waits a snooze after each reminder of the same session', () => {
    const first = at(NY, '2026-03-02T20:05:00');
    const memory = afterReminder(session, first);
    expect(memory).toEqual({ sessionStartMs: session.startMs, notBeforeMs: first + 2 * 3_600_000 });
    expect(clockOutReminderDue(session, first + 3_600_000, NY, memory)).toBe(false);
    expect(clockOutReminderDue(session, first + 2 * 3_600_000, NY, memory)).toBe(true);
  });

  it('starts afresh for a new session', () => {
    // Reminded at 20:00 about the 09:00 session; a break from 12:00 was never ended and is its own session.
    const memory = afterReminder(session, at(NY, '2026-03-02T20:00:00'));
    const onBreak = { kind: 'break' as const, startMs: at(NY, '2026-03-02T12:00:00') };
    expect(clockOutReminderDue(onBreak, at(NY, '2026-03-02T20:30:00'), NY, memory)).toBe(true);
    // Clocked in again at 20:10, after the usual end: that session is reminded about at midnight.
    const late = { kind: 'work' as const, startMs: at(NY, '2026-03-02T20:10:00') };
    expect(clockOutReminderDue(late, at(NY, '2026-03-02T23:59:00'), NY, memory)).toBe(false);
    expect(clockOutReminderDue(late, at(NY, '2026-03-03T00:00:00'), NY, memory)).toBe(true);
  });
});

describe('parseTimeOfDay', () => {
  it('reads HH:MM and nothing else', () => {
    expect(parseTimeOfDay('18:00')).toBe(1080);
    expect(parseTimeOfDay('7:05')).toBe(425);
    expect(parseTimeOfDay(' 23:59 ')).toBe(1439);
    for (const bad of ['24:00', '18:60', '18', '6pm', '', '18:00:00']) expect(parseTimeOfDay(bad), bad).toBeNull();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../test-support/run-cli';
import { Store } from '../store/store';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-timesheet-'));
  db = join(dir, 'stint.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NY = 'America/New_York';
const H = 3600_000;

function ok(args: string[]) {
  const r = runCli([...args, '--db', db]);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

/** Recorded sessions as a recorder would leave them: 2026-03-02 is a Monday; New York is UTC−5 then. */
function seedWeek(hoursPerDay: number[]) {
  const store = Store.open(db);
  const sessions = hoursPerDay.map((hours, i) => {
    const start = Date.UTC(2026, 2, 2 + i, 14, 0, 0); // 09:00 local
    return {
      uuid: `s${i}`,
      kind: 'work' as const,
      startMs: start,
      endMs: start + hours * H,
      timeZone: NY,
      utcOffsetMin: -300,
      startReason: 'first-activity',
      endReason: 'quit',
      open: false,
    };
  });
  store.writeSessions(sessions);
  store.close();
}

describe('stint timesheet, time and rules', () => {
  it('splits a 45-hour FLSA week into 40 regular and 5 overtime hours', () => {
    seedWeek([9, 9, 9, 9, 9]);
    const sheet = JSON.parse(ok(['timesheet', '--from', '2026-03-02', '--to', '2026-03-08', '--rules', 'flsa', '--tz', NY, '--json']));
    expect(sheet.days).toHaveLength(7);
    expect(sheet.totals).toMatchObject({ workedSeconds: 45 * 3600, regularSeconds: 40 * 3600, overtimeSeconds: 5 * 3600, doubleTimeSeconds: 0 });
    expect(sheet.days[0]).toMatchObject({
      date: '2026-03-02',
      workedSeconds: 9 * 3600,
      firstStart: Date.UTC(2026, 2, 2, 14),
      lastEnd: Date.UTC(2026, 2, 2, 23),
    });
  });

  it('splits workweeks at the stored week start unless --week-start says otherwise, as the views do', () => {
    seedWeek([9, 9, 9, 9, 9]);
    const friday = (extra: string[]) =>
      JSON.parse(ok(['timesheet', '--from', '2026-03-06', '--to', '2026-03-06', '--rules', 'flsa', '--tz', NY, '--json', ...extra])).days[0];
    // Monday to Friday in one week: Friday's 9 h cross 40 h after 36 h, so 5 h are overtime.
    expect(friday([])).toMatchObject({ regularSeconds: 4 * 3600, overtimeSeconds: 5 * 3600 });
    ok(['settings', '--week-start', 'wed']);
    // From Wednesday, Friday is the third day of its week: all regular.
    expect(friday([])).toMatchObject({ regularSeconds: 9 * 3600, overtimeSeconds: 0 });
    expect(friday(['--week-start', 'mon'])).toMatchObject({ regularSeconds: 4 * 3600, overtimeSeconds: 5 * 3600 });
  });

  it('computes the timesheet with the overtime rules and rounding stored in the settings, which the flags override', () => {
    seedWeek([9, 9, 9, 9, 9.1]);
    const week = (extra: string[] = []) => JSON.parse(ok(['timesheet', '--from', '2026-03-02', '--to', '2026-03-08', '--tz', NY, '--json', ...extra]));
    expect(week()).toMatchObject({ rules: 'none', rounding: { minutes: 0, mode: 'nearest' }, totals: { overtimeSeconds: 0 } });
    expect(ok(['settings', '--overtime-rules', 'flsa', '--rounding', '15', '--rounding-mode', 'up'])).toMatch(/Overtime rules: +flsa\nRounding: +15 min, up/);
    // Friday's 9 h 06 m rounds up to 9 h 15 m; the week is 45 h 15 m with 5 h 15 m over 40.
    expect(week()).toMatchObject({ rules: 'flsa', rounding: { minutes: 15, mode: 'up' }, totals: { overtimeSeconds: 5.25 * 3600 } });
    // A flag overrides one part and keeps the rest as stored.
    expect(week(['--rules', 'none', '--rounding-mode', 'down'])).toMatchObject({
      rules: 'none',
      rounding: { minutes: 15, mode: 'down' },
      totals: { overtimeSeconds: 0 },
    });
  });

  it('marks manual time, applies edits and removals as corrections, and rounds only the output', () => {
    seedWeek([8]);
    ok(['time', 'add', '--start', '2026-03-03T09:00', '--end', '2026-03-03T11:07', '--reason', 'client visit, laptop closed', '--tz', NY]);
    let sheet = JSON.parse(ok(['timesheet', '--from', '2026-03-02', '--to', '2026-03-03', '--tz', NY, '--json']));
    expect(sheet.days[1]).toMatchObject({ workedSeconds: 2 * 3600 + 7 * 60, manualSeconds: 2 * 3600 + 7 * 60 });
    const rounded = JSON.parse(ok(['timesheet', '--from', '2026-03-03', '--to', '2026-03-03', '--tz', NY, '--rounding', '15', '--json']));
    expect(rounded.days[0].workedSeconds).toBe(2 * 3600); // 2:07 rounds to the nearest 15 minutes: 2:00

    // Trim Monday's recorded session to end at 16:30 local, then remove the manual entry.
    ok(['time', 'edit', 's0', '--end', '2026-03-02T16:30', '--reason', 'forgot to clock out']);
    const list = JSON.parse(ok(['time', 'list', '--from', '2026-03-02', '--to', '2026-03-03', '--tz', NY, '--json'])) as {
      uuid: string;
      manual: boolean;
      reason: string | null;
    }[];
    expect(list.map((i) => [i.manual, i.reason])).toEqual([
      [true, 'forgot to clock out'],
      [true, 'client visit, laptop closed'],
    ]);
    ok(['time', 'remove', list[1]!.uuid, '--reason', 'entered twice']);
    sheet = JSON.parse(ok(['timesheet', '--from', '2026-03-02', '--to', '2026-03-03', '--tz', NY, '--json']));
    expect(sheet.days.map((d: { workedSeconds: number }) => d.workedSeconds)).toEqual([7.5 * 3600, 0]);
    expect(sheet.days[0].manualSeconds).toBe(0); // a trim adds no time by hand: what is left was recorded

    // Editing something already replaced points at its replacement.
    const again = runCli(['time', 'edit', 's0', '--end', '2026-03-02T17:00', '--reason', 'again', '--db', db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already replaced by .*Edit that one instead/);
    expect(runCli(['time', 'add', '--start', '2026-03-03T10:00', '--end', '2026-03-03T09:00', '--reason', 'x', '--db', db]).stderr).toMatch(
      /end must be after the start/,
    );
    expect(runCli(['time', 'add', '--start', 'tomorrowish', '--end', '2026-03-03T09:00', '--reason', 'x', '--db', db]).stderr).toMatch(/not a date and time/);
  });

  it('re-categorises past activity when a rule changes', () => {
    const store = Store.open(db);
    store.startRun('r', 1, Date.UTC(2026, 2, 2, 14));
    store.flush({
      runId: 'r',
      lastSeenMs: 0,
      activity: [
        {
          uuid: 'a',
          startMs: Date.UTC(2026, 2, 2, 14),
          endMs: Date.UTC(2026, 2, 2, 15),
          timeZone: NY,
          utcOffsetMin: -300,
          app: 'Acme-Dialer',
          title: 'Dialing',
          open: false,
        },
      ],
      idle: [],
      sessions: [],
    });
    store.close();
    const report = () => JSON.parse(ok(['report', 'time-use', '--from', '2026-03-02', '--to', '2026-03-02', '--tz', NY, '--by', 'category', '--json']));
    expect(report().rows).toEqual([{ key: 'Uncategorized', seconds: 3600, rating: 'neutral' }]);
    expect(report().productivity).toBe(0);
    ok(['rules', 'add', '--category', 'Sales > Calls > Acme', '--app', '^acme-dialer$']);
    ok(['rules', 'rate', 'Sales > Calls > Acme', 'productive']);
    expect(report().rows).toEqual([{ key: 'Sales > Calls > Acme', seconds: 3600, rating: 'productive' }]);
    expect(report().productivity).toBe(1);
    expect(JSON.parse(ok(['rules', 'test', '--app', 'Acme-Dialer', '--json']))).toMatchObject({ category: 'Sales > Calls > Acme', rating: 'productive' });
    const bad = runCli(['rules', 'add', '--category', 'X', '--title', '(', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a valid regular expression/);
    expect(runCli(['rules', 'remove', 'no-such-rule', '--db', db]).stderr).toMatch(/No rule with id "no-such-rule"/);
  });

  it('shows unanswered idle as unconfirmed idle, and `stint settings` leaves long stretches out', () => {
    const store = Store.open(db);
    const base = { timeZone: NY, utcOffsetMin: -300, open: false };
    const start = Date.UTC(2026, 2, 2, 14);
    store.startRun('r', 1, start);
    store.flush({
      runId: 'r',
      lastSeenMs: start + 8 * H,
      activity: [],
      idle: [{ ...base, uuid: 'away', startMs: start + H, endMs: start + 2 * H }],
      sessions: [{ ...base, uuid: 's', kind: 'work', startMs: start, endMs: start + 8 * H, startReason: 'first-activity', endReason: 'quit' }],
    });
    store.close();
    const day = () => JSON.parse(ok(['timesheet', '--from', '2026-03-02', '--to', '2026-03-02', '--tz', NY, '--json'])).days[0];
    expect(day()).toMatchObject({ workedSeconds: 8 * 3600, unconfirmedIdleSeconds: 3600 });
    expect(ok(['timesheet', '--from', '2026-03-02', '--to', '2026-03-02', '--tz', NY])).toMatch(/unconfirmed idle[\s\S]*1:00:00/);
    expect(ok(['settings', '--unconfirmed-idle-limit', '45'])).toMatch(/longer than 45 min are left out/);
    expect(day()).toMatchObject({ workedSeconds: 7 * 3600, unconfirmedIdleSeconds: 0 });
    expect(JSON.parse(ok(['settings', '--json']))).toMatchObject({
      weekStart: 'mon',
      unconfirmedIdleLimitMinutes: 45,
      overtimeRules: 'none',
      rounding: { minutes: 0, mode: 'nearest' },
    });
    ok(['settings', '--unconfirmed-idle-limit', 'off']);
    expect(day().workedSeconds).toBe(8 * 3600);
    const bad = runCli(['settings', '--unconfirmed-idle-limit', '0', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/whole minutes/);
  });
});

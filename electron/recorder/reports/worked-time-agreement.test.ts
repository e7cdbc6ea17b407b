import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiHandlers, RequestName, RequestInput, ResponseMap } from '../../../shared/api/contract';
import { dispatch } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { FakeClock } from '../clock/fake-clock';
import { Store, type IdleWrite, type SessionWrite } from '../store/store';

/*
 * Regression tests for issue 10 (defects 2, 3 and 4): the same day asked through time use, the timesheet,
 * status and the time list, over a real SQLite file, through the API's dispatch as the views and the CLI ask.
 */

const H = 3_600_000;
const MIN = 60_000;
const T9 = Date.UTC(2026, 2, 2, 9); // Monday 2 March 2026, 09:00 UTC
const DAY = '2026-03-02';
let dir: string;
let store: Store;
let clock: FakeClock;
let handlers: ApiHandlers;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'stint-worked-'));
  const dbPath = path.join(dir, 'stint.db');
  store = Store.open(dbPath);
  clock = new FakeClock(T9 + 10 * H, 'UTC');
  handlers = createHandlers({ store, dbPath, clock, recorder: null });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ask<N extends RequestName>(name: N, input: RequestInput<N>): Promise<ResponseMap[N]> {
  const r = await dispatch(handlers, name, input);
  if (r.status !== 200) throw new Error(`${name}: ${r.status} ${r.body.error}`);
  return r.body.data as ResponseMap[N];
}

const base = { timeZone: 'UTC', utcOffsetMin: 0, open: false };
function record(
  sessions: Omit<SessionWrite, 'timeZone' | 'utcOffsetMin' | 'open' | 'startReason' | 'endReason'>[],
  idle: Pick<IdleWrite, 'uuid' | 'startMs' | 'endMs'>[] = [],
) {
  store.startRun('run', 1, T9);
  store.flush({
    runId: 'run',
    lastSeenMs: T9 + 10 * H,
    activity: [],
    idle: idle.map((i) => ({ ...base, ...i })),
    sessions: sessions.map((s) => ({ ...base, startReason: 'first-activity', endReason: 'quit', ...s })),
  });
  store.endRun('run', T9 + 10 * H, 'quit');
}

const figures = async (from = DAY, to = DAY) => {
  const use = await ask('report.timeUse', { from, to, by: 'app', timeZone: 'UTC' });
  const sheet = await ask('timesheet.get', { from, to, timeZone: 'UTC' });
  return {
    use: [use.workSeconds, use.breakSeconds, use.manualSeconds, use.claimedIdleSeconds, use.unconfirmedIdleSeconds],
    sheet: [
      sheet.totals.workedSeconds,
      sheet.totals.breakSeconds,
      sheet.totals.manualSeconds,
      sheet.totals.claimedIdleSeconds,
      sheet.totals.unconfirmedIdleSeconds,
    ],
  };
};

describe('work, break, manual and idle seconds are the same in every report', () => {
  it('an edited session, overlapping manual time and a manual break (time use said 7 h / 8 h manual, the timesheet 5 h / 5 h)', async () => {
    record([{ uuid: 's', kind: 'work', startMs: T9, endMs: T9 + 4 * H }]);
    await ask('time.edit', { uuid: 's', endMs: T9 + 5 * H, reason: 'stayed an hour longer' });
    await ask('time.add', { kind: 'work', startMs: T9 + 3 * H, endMs: T9 + 5 * H, reason: 'call notes' });
    await ask('time.add', { kind: 'break', startMs: T9 + 5 * H, endMs: T9 + 6 * H, reason: 'lunch' });
    const f = await figures();
    // 09–14 worked once; only 13–14 was added by hand; the break lies outside work.
    expect(f.use).toEqual([5 * 3600, 3600, 3600, 0, 0]);
    expect(f.sheet).toEqual(f.use);
  });

  it('two identical manual entries count once everywhere', async () => {
    for (let i = 0; i < 2; i++) await ask('time.add', { kind: 'work', startMs: T9, endMs: T9 + 2 * H, reason: 'client visit' });
    const f = await figures();
    expect(f.use).toEqual([2 * 3600, 0, 2 * 3600, 0, 0]);
    expect(f.sheet).toEqual(f.use);
  });

  it("Today's status shows the timesheet's figure for today (it said 1 h 43 m against 1 h 34 m)", async () => {
    record([{ uuid: 's', kind: 'work', startMs: T9, endMs: T9 + 94 * MIN }]);
    await ask('time.add', { kind: 'work', startMs: T9 + 85 * MIN, endMs: T9 + 94 * MIN, reason: 'entered twice' });
    clock.jumpWall(T9 + 3 * H - clock.now());
    const status = await ask('status.get', {});
    const sheet = await ask('timesheet.get', { from: DAY, to: DAY, timeZone: 'UTC' });
    expect(status.today.workSeconds).toBe(94 * 60);
    expect(status.today.workSeconds).toBe(sheet.days[0]!.workedSeconds);
    expect(status.today.manualSeconds).toBe(0);
  });

  it('a discard takes out recorded work only, not manual time added over the same stretch later', async () => {
    record([{ uuid: 's', kind: 'work', startMs: T9, endMs: T9 + 3 * H }], [{ uuid: 'away', startMs: T9 + H, endMs: T9 + 2 * H }]);
    await ask('idle.resolve', { idleUuid: 'away', choice: 'discard' });
    expect((await figures()).use[0]).toBe(2 * 3600);
    await ask('time.add', { kind: 'work', startMs: T9 + H, endMs: T9 + 2 * H, reason: 'at a client, laptop closed' });
    const f = await figures();
    expect(f.use).toEqual([3 * 3600, 0, 3600, 0, 0]);
    expect(f.sheet).toEqual(f.use);
  });

  it('idle kept as work is claimed time; unanswered idle is unconfirmed, counted as work unless the setting leaves it out', async () => {
    record(
      [{ uuid: 's', kind: 'work', startMs: T9, endMs: T9 + 8 * H }],
      [
        { uuid: 'kept', startMs: T9 + H, endMs: T9 + H + 20 * MIN },
        { uuid: 'short', startMs: T9 + 3 * H, endMs: T9 + 3 * H + 10 * MIN },
        { uuid: 'long', startMs: T9 + 5 * H, endMs: T9 + 6 * H },
      ],
    );
    await ask('idle.resolve', { idleUuid: 'kept', choice: 'work' });
    let f = await figures();
    expect(f.use).toEqual([8 * 3600, 0, 0, 20 * 60, 70 * 60]);
    expect(f.sheet).toEqual(f.use);
    expect(await ask('settings.set', { unconfirmedIdleLimitMinutes: 30 })).toMatchObject({
      weekStart: 'mon',
      unconfirmedIdleLimitMinutes: 30,
      overtimeRules: 'none',
    });
    f = await figures();
    expect(f.use).toEqual([7 * 3600, 0, 0, 20 * 60, 10 * 60]);
    expect(f.sheet).toEqual(f.use);
    await ask('settings.set', { unconfirmedIdleLimitMinutes: null });
    expect((await figures()).use[0]).toBe(8 * 3600);
  });

  it('asks about unanswered idle from earlier days of the open workweek, not only since midnight', async () => {
    record([{ uuid: 's', kind: 'work', startMs: T9, endMs: T9 + 8 * H }], [{ uuid: 'monday', startMs: T9 + H, endMs: T9 + 2 * H }]);
    clock.jumpWall(T9 + 2 * 24 * H - clock.now()); // Wednesday
    expect((await ask('idle.pending', {})).map((p) => p.uuid)).toEqual(['monday']);
    // A week starting on Tuesday no longer holds Monday.
    await ask('settings.set', { weekStart: 'tue' });
    expect(await ask('idle.pending', {})).toEqual([]);
    expect(await ask('settings.get', {})).toMatchObject({ weekStart: 'tue', unconfirmedIdleLimitMinutes: null, overtimeRules: 'none' });
  });

  it('refuses a limit that is not a whole number of minutes', async () => {
    const r = await dispatch(handlers, 'settings.set', { unconfirmedIdleLimitMinutes: 0 });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, error: expect.stringMatching(/unconfirmedIdleLimitMinutes/) });
  });
});

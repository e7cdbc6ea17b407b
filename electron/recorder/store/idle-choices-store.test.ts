import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { timesheetReport } from '../reports/timesheet';
import { IdleChoicesStore } from './idle-choices-store';
import { Store } from './store';

const H = 3600_000;
const MIN = 60_000;
const T9 = Date.UTC(2026, 2, 2, 9); // a Monday, in UTC
let store: Store;
let choices: IdleChoicesStore;

beforeEach(() => {
  store = Store.open(':memory:');
  store.startRun('r', 1, T9);
  const base = { timeZone: 'UTC', utcOffsetMin: 0 };
  // 09:00–17:00 at work; away 11:00–11:30 and 14:00–14:20; still away since 16:50.
  store.flush({
    runId: 'r',
    lastSeenMs: T9 + 8 * H,
    activity: [],
    idle: [
      { ...base, uuid: 'idle-a', startMs: T9 + 2 * H, endMs: T9 + 2 * H + 30 * MIN, open: false },
      { ...base, uuid: 'idle-b', startMs: T9 + 5 * H, endMs: T9 + 5 * H + 20 * MIN, open: false },
      { ...base, uuid: 'idle-c', startMs: T9 + 7 * H + 50 * MIN, endMs: T9 + 8 * H, open: true },
    ],
    sessions: [{ ...base, uuid: 's', kind: 'work', startMs: T9, endMs: T9 + 8 * H, startReason: 'first-activity', endReason: 'quit', open: false }],
  });
  choices = new IdleChoicesStore(store.db, store.deviceId);
});
afterEach(() => store.close());

const day = () =>
  timesheetReport(
    store.db,
    { from: '2026-03-02', to: '2026-03-02', fallbackTimeZone: 'UTC', rules: 'none', weekStart: 'mon', rounding: { minutes: 0, mode: 'nearest' } },
    T9 + 9 * H,
  ).days[0]!;

describe('idle choices', () => {
  it('lists unanswered idle stretches in work sessions', () => {
    expect(choices.pending(T9).map((p) => [p.uuid, p.open])).toEqual([
      ['idle-a', false],
      ['idle-b', false],
      ['idle-c', true],
    ]);
  });

  it('turns a break answer into break time and a discard into time not worked; work and call keep the time', () => {
    expect(day()).toMatchObject({ workedSeconds: 8 * 3600, breakSeconds: 0 });
    choices.resolve('idle-a', 'break', T9 + 9 * H);
    expect(day()).toMatchObject({ workedSeconds: 7.5 * 3600, breakSeconds: 1800 });
    choices.resolve('idle-b', 'discard', T9 + 9 * H);
    expect(day()).toMatchObject({ workedSeconds: 7.5 * 3600 - 1200, breakSeconds: 1800 });
    expect(choices.pending(T9).map((p) => p.uuid)).toEqual(['idle-c']);
  });

  it('keeps work as work, and answers once', () => {
    choices.resolve('idle-a', 'work', T9 + 9 * H);
    expect(day().workedSeconds).toBe(8 * 3600);
    expect(() => choices.resolve('idle-a', 'discard', T9 + 9 * H)).toThrow(/already marked as work/);
    expect(() => choices.resolve('idle-c', 'work', T9 + 9 * H)).toThrow(/still idle/);
    expect(() => choices.resolve('nope', 'work', T9 + 9 * H)).toThrow(/No idle stretch/);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../store/store';
import { activityTotals } from './activity-totals';

const DAY = 86_400_000;
const D0 = Date.UTC(2026, 2, 2);
let store: Store;
let seq = 0;
const span = (startMs: number, endMs: number, app: string, open = false) => ({
  uuid: `a${seq++}`,
  startMs,
  endMs,
  timeZone: 'UTC',
  utcOffsetMin: 0,
  app,
  title: 't',
  open,
});
const write = (...activity: ReturnType<typeof span>[]) => store.flush({ runId: 'r', lastSeenMs: 0, activity, idle: [], sessions: [] });
const total = (from: number, to: number, now = D0 + 10 * DAY) => activityTotals(store.db, from, to, now).reduce((sum, [, , , ms]) => sum + ms, 0);
const cachedDays = () => store.db.prepare('SELECT day FROM activity_day_cached ORDER BY day').pluck().all();

beforeEach(() => {
  store = Store.open(':memory:');
  store.startRun('r', 1, D0);
  write(
    span(D0 + 9 * 3600_000, D0 + 10 * 3600_000, 'a'),
    span(D0 + DAY - 1800_000, D0 + DAY + 1800_000, 'b'),
    span(D0 + DAY + 3600_000, D0 + DAY + 7200_000, 'a'),
  );
});
afterEach(() => store.close());

describe('activity totals and the day cache', () => {
  it('sums whole past days from the cache and the partial ends from the records, to the same totals', () => {
    // 10:00 on day 0 to 01:30 on day 2: the part of day 0 after 10:00 is partial, day 1 is whole.
    const from = D0 + 10 * 3600_000 - 1;
    const to = D0 + 2 * DAY + 5400_000;
    expect(total(from, to)).toBe(1 + 3600_000 + 3600_000);
    expect(cachedDays()).toEqual([D0 / DAY + 1]);
    // Asked again, from the cache.
    expect(total(from, to)).toBe(1 + 3600_000 + 3600_000);
    expect(total(D0, D0 + 3 * DAY)).toBe(3600_000 + 3600_000 + 3600_000);
  });

  it('forgets a day when a record on it is added or grows, and never caches today', () => {
    expect(total(D0, D0 + 3 * DAY)).toBe(3 * 3600_000);
    expect(cachedDays()).toEqual([D0 / DAY, D0 / DAY + 1]);
    const open = span(D0 + DAY + 10 * 3600_000, D0 + DAY + 11 * 3600_000, 'c', true);
    write(open);
    expect(cachedDays()).toEqual([D0 / DAY]);
    expect(total(D0, D0 + 3 * DAY)).toBe(4 * 3600_000);
    // The open record grows by half an hour: the day is summed afresh.
    write({ ...open, endMs: D0 + DAY + 11.5 * 3600_000 });
    expect(total(D0, D0 + 3 * DAY)).toBe(4.5 * 3600_000);
    // With "now" inside day 1, only day 0 may be cached.
    store.db.exec('DELETE FROM activity_day_cache; DELETE FROM activity_day_cached');
    expect(total(D0, D0 + 3 * DAY, D0 + DAY + 12 * 3600_000)).toBe(4.5 * 3600_000);
    expect(cachedDays()).toEqual([D0 / DAY]);
  });

  it('caches only days with activity: ten empty years before the records, and the empty days between them, write nothing', () => {
    const decadeBefore = D0 - 3650 * DAY;
    expect(total(decadeBefore, D0)).toBe(0);
    expect(cachedDays()).toEqual([]);
    expect(store.db.prepare('SELECT count(*) FROM activity_day_cache').pluck().get()).toBe(0);
    // A record a week later: the empty days between are read but not cached, and still sum right the next time.
    write(span(D0 + 7 * DAY + 3600_000, D0 + 7 * DAY + 7200_000, 'a'));
    expect(total(decadeBefore, D0 + 9 * DAY)).toBe(4 * 3600_000);
    expect(cachedDays()).toEqual([D0 / DAY, D0 / DAY + 1, D0 / DAY + 7]);
    expect(total(decadeBefore, D0 + 9 * DAY)).toBe(4 * 3600_000);
  });
});

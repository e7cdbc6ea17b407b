import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../store/store';
import { activityTotals, BLOCK_DAYS } from './activity-totals';

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

  it('keeps active time (activity minus idle) in the day and block caches, and forgets them when idle is added, changes or goes', () => {
    // Forty days of an hour's activity a day, from a block's first day: two whole blocks and the days after.
    const start = Math.ceil(D0 / DAY / BLOCK_DAYS) * BLOCK_DAYS * DAY;
    for (let d = 0; d < 40; d++) write(span(start + d * DAY + 9 * 3600_000, start + d * DAY + 10 * 3600_000, d % 2 === 0 ? 'a' : 'b'));
    const idle = (uuid: string, startMs: number, endMs: number, open = false) =>
      store.flush({ runId: 'r', lastSeenMs: 0, activity: [], idle: [{ uuid, startMs, endMs, timeZone: 'UTC', utcOffsetMin: 0, open }], sessions: [] });
    const from = start - DAY / 2;
    const to = start + 40 * DAY + DAY / 2;
    const now = to + 10 * DAY;
    // Summed per window; `now` at `from` makes every day partial, so the records alone answer.
    const sums = (nowMs: number) => {
      const out = new Map<string, [number, number]>();
      for (const [app, title, url, ms, active] of activityTotals(store.db, from, to, nowMs)) {
        const key = `${app},${title},${url}`;
        const [m, a] = out.get(key) ?? [0, 0];
        out.set(key, [m + ms, a + active]);
      }
      return out;
    };
    const agree = () => expect(sums(now)).toEqual(sums(from));
    agree();
    expect(store.db.prepare('SELECT count(*) FROM activity_block_cached').pluck().get()).toBe(2);
    // Idle across a block boundary, inside cached blocks: both forgotten, the answer moves with it.
    const boundary = start + BLOCK_DAYS * DAY;
    idle('i1', boundary - DAY + 9.5 * 3600_000, boundary + 9.5 * 3600_000, true);
    expect(store.db.prepare('SELECT count(*) FROM activity_block_cached').pluck().get()).toBe(0);
    agree();
    const activeOf = () => [...sums(now).values()].reduce((s, [, a]) => s + a, 0);
    expect(activeOf()).toBe(40 * 3600_000 - 3600_000);
    // The open idle grows, then goes (a recorder drops an open record it finds ended where it began).
    idle('i1', boundary - DAY + 9.5 * 3600_000, boundary + 10 * 3600_000, true);
    agree();
    expect(activeOf()).toBe(40 * 3600_000 - 3600_000 - 1800_000);
    store.db.prepare("DELETE FROM idle WHERE uuid = 'i1'").run();
    agree();
    expect(activeOf()).toBe(40 * 3600_000);
    // Activity added to a cached block.
    write(span(start + 3 * DAY + 12 * 3600_000, start + 3 * DAY + 13 * 3600_000, 'c'));
    agree();
    expect(activeOf()).toBe(41 * 3600_000);
  });
});

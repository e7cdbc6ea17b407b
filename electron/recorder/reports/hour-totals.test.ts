import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Rating } from '../../../shared/categories';
import { Store } from '../store/store';
import { activeByQuarter, activeQuarters, type RatingMs } from './hour-totals';

const H = 3_600_000;
const DAY = 24 * H;
const D0 = Date.UTC(2026, 2, 2);
const NOW = D0 + 10 * DAY;
let store: Store;
let seq = 0;
const span = (startMs: number, endMs: number, app: string) => ({
  uuid: `s${seq++}`,
  startMs,
  endMs,
  timeZone: 'UTC',
  utcOffsetMin: 0,
  app,
  title: 't',
  open: false,
});
const write = (...activity: ReturnType<typeof span>[]) => store.flush({ runId: 'r', lastSeenMs: 0, activity, idle: [], sessions: [] });
const idle = (startMs: number, endMs: number) =>
  store.flush({
    runId: 'r',
    lastSeenMs: 0,
    activity: [],
    idle: [{ uuid: `i${seq++}`, startMs, endMs, timeZone: 'UTC', utcOffsetMin: 0, open: false }],
    sessions: [],
  });
const appName = (id: number) => store.db.prepare('SELECT value FROM strings WHERE id = ?').pluck().get(id) as string;
/** `a` productive, everything else neutral; or everything neutral. */
const rateA = (appId: number): Rating => (appName(appId) === 'a' ? 'productive' : 'neutral');
const allNeutral = (): Rating => 'neutral';
/** An offset of its own each UTC day: no two days merge, so cached quarters come back as they are. */
const perDay = (ms: number) => Math.floor(ms / DAY);
const sorted = (m: Map<number, RatingMs>) => [...m.entries()].sort((x, y) => x[0] - y[0]);
const cachedDays = (fingerprint: string) =>
  store.db.prepare('SELECT day FROM activity_hour_cached WHERE fingerprint = ? ORDER BY day').pluck().all(fingerprint) as number[];

beforeEach(() => {
  store = Store.open(':memory:');
  store.startRun('r', 1, D0);
  write(
    span(D0 + 9 * H + 600_000, D0 + 10 * H, 'a'),
    span(D0 + DAY - 0.5 * H, D0 + DAY + 0.25 * H, 'b'),
    span(D0 + 3 * DAY + 13 * H, D0 + 3 * DAY + 14 * H, 'a'),
  );
  idle(D0 + 9 * H + 1_200_000, D0 + 9 * H + 1_500_000);
});
afterEach(() => store.close());

describe('active time per quarter hour and the hour cache', () => {
  it('gives the same quarters from the cache as from the records, and caches whole past days within the records only', () => {
    const from = D0 - DAY + 5 * H;
    const to = D0 + 5 * DAY + 7 * H;
    const fromRecords = sorted(activeByQuarter(store.db, from, to, rateA));
    expect(sorted(activeQuarters(store.db, from, to, NOW, 'rules-1', rateA, perDay))).toEqual(fromRecords);
    // The day before the first record is not cached; the empty day between records is, with no rows.
    expect(cachedDays('rules-1')).toEqual([D0 / DAY, D0 / DAY + 1, D0 / DAY + 2, D0 / DAY + 3]);
    // Asked again, from the cache; idle (09:20–09:25) is out, the span across midnight is split at it.
    expect(sorted(activeQuarters(store.db, from, to, NOW, 'rules-1', rateA, perDay))).toEqual(fromRecords);
    const total = fromRecords.reduce((sum, [, ms]) => sum + ms.productive + ms.neutral + ms.unproductive, 0);
    expect(total).toBe(50 * 60_000 - 5 * 60_000 + 0.75 * H + H);
    expect(fromRecords.find(([q]) => q === (D0 + 9 * H + 900_000) / 900_000)![1]).toEqual({ productive: 10 * 60_000, neutral: 0, unproductive: 0 });
  });

  it('forgets a day when activity or idle on it is added, and never reads the rows of other rules', () => {
    const range = [D0, D0 + 5 * DAY] as const;
    activeQuarters(store.db, ...range, NOW, 'rules-1', rateA, perDay);
    expect(cachedDays('rules-1')).toEqual([D0 / DAY, D0 / DAY + 1, D0 / DAY + 2, D0 / DAY + 3]);
    write(span(D0 + 3 * DAY + 15 * H, D0 + 3 * DAY + 16 * H, 'b'));
    expect(cachedDays('rules-1')).toEqual([D0 / DAY, D0 / DAY + 1, D0 / DAY + 2]);
    idle(D0 + DAY + 0.1 * H, D0 + DAY + 0.2 * H);
    expect(cachedDays('rules-1')).toEqual([D0 / DAY, D0 / DAY + 2]);
    const fresh = sorted(activeByQuarter(store.db, ...range, rateA));
    expect(sorted(activeQuarters(store.db, ...range, NOW, 'rules-1', rateA, perDay))).toEqual(fresh);
    // Other rules: nothing of rules-1 is read, and its rows go.
    const neutral = sorted(activeQuarters(store.db, ...range, NOW, 'rules-2', allNeutral, perDay));
    expect(neutral).toEqual(sorted(activeByQuarter(store.db, ...range, allNeutral)));
    expect(neutral.every(([, ms]) => ms.productive === 0)).toBe(true);
    expect(cachedDays('rules-1')).toEqual([]);
    expect(cachedDays('rules-2')).toEqual([D0 / DAY, D0 / DAY + 1, D0 / DAY + 2, D0 / DAY + 3]);
  });

  it('never caches today or later', () => {
    activeQuarters(store.db, D0, D0 + 5 * DAY, D0 + DAY + 12 * H, 'rules-1', rateA, perDay);
    expect(cachedDays('rules-1')).toEqual([D0 / DAY]);
  });

  it('sums cached days of one offset per quarter of the day: the same by local hour, a DST day quarter by quarter', () => {
    write(
      span(D0 + 2 * DAY + 9 * H, D0 + 2 * DAY + 10 * H, 'a'),
      span(D0 + 4 * DAY + 9 * H, D0 + 4 * DAY + 11 * H, 'b'),
      span(D0 + 5 * DAY + 9.5 * H, D0 + 5 * DAY + 10 * H, 'a'),
    );
    const range = [D0 - DAY + 5 * H, D0 + 7 * DAY + 7 * H] as const;
    // Day 4 changes its offset at noon (-300 to -240 minutes), days before are -300, days after -240.
    const change = D0 + 4 * DAY + 12 * H;
    const offset = (ms: number) => (ms < change ? -300 : -240);
    const byLocalHour = (m: Map<number, RatingMs>) => {
      const out = new Map<number, RatingMs>();
      for (const [q, ms] of m) {
        const at = q * 900_000;
        const hour = Math.floor(((((at + offset(at) * 60_000) % DAY) + DAY) % DAY) / H);
        const sum = out.get(hour) ?? { productive: 0, neutral: 0, unproductive: 0 };
        out.set(hour, { productive: sum.productive + ms.productive, neutral: sum.neutral + ms.neutral, unproductive: sum.unproductive + ms.unproductive });
      }
      return sorted(out);
    };
    const fromRecords = byLocalHour(activeByQuarter(store.db, ...range, rateA));
    activeQuarters(store.db, ...range, NOW, 'rules-1', rateA, offset);
    const cached = activeQuarters(store.db, ...range, NOW, 'rules-1', rateA, offset);
    expect(byLocalHour(cached)).toEqual(fromRecords);
    // Fewer entries than quarters with activity: days 0–3 read as one.
    expect(cached.size).toBeLessThan(activeByQuarter(store.db, ...range, rateA).size);
  });
});

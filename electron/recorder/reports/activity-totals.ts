import type Database from 'better-sqlite3';
import { MAX_SPAN_MS } from '../../../shared/recording/records';

const DAY_MS = 86_400_000;

/** Activity milliseconds per window (app, title, url ids; url 0 = none) over [fromMs, toMs), before idle. */
export type WindowTotals = [appId: number, titleId: number, urlId: number, ms: number][];

/**
 * Activity per window over a range. Whole UTC days before today come from the day cache (filled here the
 * first time a day is asked for, emptied by triggers when a record on that day is added or grows); the
 * partial days at the ends and today are summed from the raw records.
 */
export function activityTotals(db: Database.Database, fromMs: number, toMs: number, nowMs: number): WindowTotals {
  const firstDay = Math.ceil(fromMs / DAY_MS);
  const endDay = Math.min(Math.floor(toMs / DAY_MS), Math.floor(nowMs / DAY_MS));
  const raw = db.prepare(
    `SELECT app_id, title_id, coalesce(url_id, 0), SUM(MIN(end_ms, @to) - MAX(start_ms, @from))
     FROM activity WHERE start_ms < @to AND start_ms >= @lookback AND end_ms > @from
     GROUP BY app_id, title_id, url_id`,
  );
  const sumRaw = (from: number, to: number) => (from < to ? (raw.raw().all({ from, to, lookback: from - MAX_SPAN_MS }) as WindowTotals) : []);
  if (endDay <= firstDay) return sumRaw(fromMs, toMs);

  fillDayCache(db, firstDay, endDay);
  const cached = db
    .prepare('SELECT app_id, title_id, url_id, SUM(ms) FROM activity_day_cache WHERE day >= ? AND day < ? GROUP BY app_id, title_id, url_id')
    .raw()
    .all(firstDay, endDay) as WindowTotals;
  return [...sumRaw(fromMs, firstDay * DAY_MS), ...cached, ...sumRaw(endDay * DAY_MS, toMs)];
}

/** Days filled per transaction: the write lock is held this long at most, so the recorder's flush never waits long. */
const FILL_CHUNK_DAYS = 31;

/**
 * Sums the days in [firstDay, endDay) that the cache does not hold yet. Reports run on read workers with
 * their own connections (store/worker-connection.ts), two of which may fill the same days at once: each
 * chunk checks again, inside an immediate transaction (the write lock first, so it reads the latest
 * records), which of its days are still missing.
 */
function fillDayCache(db: Database.Database, firstDay: number, endDay: number): void {
  const cachedIn = db.prepare('SELECT day FROM activity_day_cached WHERE day >= ? AND day < ?').pluck();
  if (cachedIn.all(firstDay, endDay).length === endDay - firstDay) return;
  const fill = db.prepare(
    `INSERT INTO activity_day_cache (day, app_id, title_id, url_id, ms)
     SELECT @day, app_id, title_id, coalesce(url_id, 0), SUM(MIN(end_ms, @to) - MAX(start_ms, @from))
     FROM activity WHERE start_ms < @to AND start_ms >= @lookback AND end_ms > @from
     GROUP BY app_id, title_id, url_id`,
  );
  const mark = db.prepare('INSERT INTO activity_day_cached (day) VALUES (?)');
  const fillChunk = db.transaction((from: number, to: number) => {
    const have = new Set(cachedIn.all(from, to) as number[]);
    for (let day = from; day < to; day++) {
      if (have.has(day)) continue;
      const startMs = day * DAY_MS;
      fill.run({ day, from: startMs, to: startMs + DAY_MS, lookback: startMs - MAX_SPAN_MS });
      mark.run(day);
    }
  });
  for (let from = firstDay; from < endDay; from += FILL_CHUNK_DAYS) fillChunk.immediate(from, Math.min(endDay, from + FILL_CHUNK_DAYS));
}

import type Database from 'better-sqlite3';
import { MAX_SPAN_MS } from '../../../shared/recording/records';

const DAY_MS = 86_400_000;

/** Activity milliseconds per window (app, title, url ids; url 0 = none) over [fromMs, toMs), before idle. */
export type WindowTotals = [appId: number, titleId: number, urlId: number, ms: number][];

/**
 * Activity per window over a range. Whole UTC days before today come from the day cache (filled here the
 * first time a day is asked for, emptied by triggers when a record on that day is added or grows); the
 * partial days at the ends and today are summed from the raw records. A read-only database is summed raw.
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
  // A database opened read-only (a read-only file or folder) answers from the raw records alone.
  if (endDay <= firstDay || db.readonly) return sumRaw(fromMs, toMs);

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
 * Sums the days in [firstDay, endDay) that the cache does not hold yet, and caches those with activity. A day
 * without any is not marked: finding it empty again is one indexed read, and a decade asked for before the
 * first record would otherwise fill the cache with thousands of empty days. Days outside the records' span
 * are not even read. Reports run on read workers with their own connections (store/worker-connection.ts),
 * two of which may fill the same days at once: each chunk checks again, inside an immediate transaction
 * (the write lock first, so it reads the latest records), which of its days are still missing.
 */
function fillDayCache(db: Database.Database, firstDay: number, endDay: number): void {
  const first = db.prepare('SELECT min(start_ms) FROM activity').pluck().get() as number | null;
  const last = db.prepare('SELECT max(start_ms) FROM activity').pluck().get() as number | null;
  if (first === null || last === null) return;
  const from = Math.max(firstDay, Math.floor(first / DAY_MS));
  const end = Math.min(endDay, Math.floor((last + MAX_SPAN_MS) / DAY_MS) + 1);
  if (end <= from) return;
  const cachedIn = db.prepare('SELECT day FROM activity_day_cached WHERE day >= ? AND day < ?').pluck();
  if (cachedIn.all(from, end).length === end - from) return;
  const fill = db.prepare(
    `INSERT INTO activity_day_cache (day, app_id, title_id, url_id, ms)
     SELECT @day, app_id, title_id, coalesce(url_id, 0), SUM(MIN(end_ms, @to) - MAX(start_ms, @from))
     FROM activity WHERE start_ms < @to AND start_ms >= @lookback AND end_ms > @from
     GROUP BY app_id, title_id, url_id`,
  );
  const mark = db.prepare('INSERT INTO activity_day_cached (day) VALUES (?)');
  const fillChunk = db.transaction((chunkFrom: number, chunkTo: number) => {
    const have = new Set(cachedIn.all(chunkFrom, chunkTo) as number[]);
    for (let day = chunkFrom; day < chunkTo; day++) {
      if (have.has(day)) continue;
      const dayStart = day * DAY_MS;
      if (fill.run({ day, from: dayStart, to: dayStart + DAY_MS, lookback: dayStart - MAX_SPAN_MS }).changes > 0) mark.run(day);
    }
  });
  for (let chunk = from; chunk < end; chunk += FILL_CHUNK_DAYS) fillChunk.immediate(chunk, Math.min(end, chunk + FILL_CHUNK_DAYS));
}

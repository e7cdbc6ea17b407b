import type Database from 'better-sqlite3';
import { MAX_SPAN_MS } from '../../../shared/recording/records';
import { clippedIdle } from './hour-totals';

const DAY_MS = 86_400_000;
/** UTC days per block of the block cache: a year is ~23 block rows per window, plus at most 30 days at its ends. */
export const BLOCK_DAYS = 16;

/**
 * Per window (app, title, url ids; url 0 = none) over [fromMs, toMs): its activity milliseconds, and its active
 * milliseconds (the activity minus its overlap with idle). A window may appear in several entries: add them up.
 */
export type WindowTotals = [appId: number, titleId: number, urlId: number, ms: number, activeMs: number][];

/**
 * Activity and active time per window over a range. Whole past UTC days come from the caches (migrations 5 and 17):
 * whole blocks of BLOCK_DAYS days from the block cache, other whole days from the day cache, each filled here
 * the first time it is asked for and emptied by triggers when an activity or idle record on it is added or
 * changes; the partial days at the ends and today are summed from the records. A read-only database is summed raw.
 */
export function activityTotals(db: Database.Database, fromMs: number, toMs: number, nowMs: number): WindowTotals {
  const firstDay = Math.ceil(fromMs / DAY_MS);
  const endDay = Math.min(Math.floor(toMs / DAY_MS), Math.floor(nowMs / DAY_MS));
  // A database opened read-only (a read-only file or folder) answers from the raw records alone.
  if (endDay <= firstDay || db.readonly) return rawTotals(db, fromMs, toMs);

  const span = recordsSpan(db, firstDay, endDay);
  const firstBlock = Math.ceil(firstDay / BLOCK_DAYS);
  const endBlock = Math.floor(endDay / BLOCK_DAYS);
  if (span !== null) {
    // Whole blocks are summed from the records into the block cache; the days around them go through the day cache.
    if (endBlock <= firstBlock) fillDayCache(db, span.from, span.end);
    else {
      fillDayCache(db, span.from, Math.min(span.end, firstBlock * BLOCK_DAYS));
      fillDayCache(db, Math.max(span.from, endBlock * BLOCK_DAYS), span.end);
      fillBlockCache(db, Math.max(firstBlock, Math.floor(span.from / BLOCK_DAYS)), Math.min(endBlock, Math.ceil(span.end / BLOCK_DAYS)));
    }
  }
  // One read transaction: the blocks marked and the rows read are of the same moment, whatever another connection does.
  const cached = db.transaction(() => {
    const out: WindowTotals = [];
    const dayRows = db.prepare(
      'SELECT app_id, title_id, url_id, SUM(ms), SUM(active_ms) FROM activity_day_cache WHERE day >= ? AND day < ? GROUP BY app_id, title_id, url_id',
    );
    const days = (from: number, to: number) => {
      if (from < to) for (const row of dayRows.raw().all(from, to) as WindowTotals) out.push(row);
    };
    if (endBlock <= firstBlock) {
      days(firstDay, endDay);
      return out;
    }
    days(firstDay, firstBlock * BLOCK_DAYS);
    const blocks = new Set(db.prepare('SELECT block FROM activity_block_cached WHERE block >= ? AND block < ?').pluck().all(firstBlock, endBlock) as number[]);
    const blockRows = db
      .prepare(
        'SELECT app_id, title_id, url_id, SUM(ms), SUM(active_ms) FROM activity_block_cache WHERE block >= ? AND block < ? GROUP BY app_id, title_id, url_id',
      )
      .raw();
    // Runs of marked blocks from the block cache; a block not marked (no records) from the day cache.
    for (let block = firstBlock; block < endBlock;) {
      let end = block + 1;
      const marked = blocks.has(block);
      while (end < endBlock && blocks.has(end) === marked) end++;
      if (marked) for (const row of blockRows.all(block, end) as WindowTotals) out.push(row);
      else days(block * BLOCK_DAYS, end * BLOCK_DAYS);
      block = end;
    }
    days(endBlock * BLOCK_DAYS, endDay);
    return out;
  })();
  return [...rawTotals(db, fromMs, firstDay * DAY_MS), ...cached, ...rawTotals(db, endDay * DAY_MS, toMs)];
}

/** Activity and active time per window over [fromMs, toMs) from the records: SQLite sums the clipped spans, then the idle parts come out. */
function rawTotals(db: Database.Database, fromMs: number, toMs: number): WindowTotals {
  if (toMs <= fromMs) return [];
  const rows = db
    .prepare(
      `SELECT app_id, title_id, coalesce(url_id, 0), SUM(MIN(end_ms, @to) - MAX(start_ms, @from)), SUM(MIN(end_ms, @to) - MAX(start_ms, @from))
       FROM activity WHERE start_ms < @to AND start_ms >= @lookback AND end_ms > @from
       GROUP BY app_id, title_id, url_id`,
    )
    .raw()
    .all({ from: fromMs, to: toMs, lookback: fromMs - MAX_SPAN_MS }) as WindowTotals;
  const idle = clippedIdle(db, fromMs, toMs);
  if (idle.length === 0) return rows;
  const byWindow = new Map<string, WindowTotals[number]>();
  for (const row of rows) byWindow.set(`${row[0]},${row[1]},${row[2]}`, row);
  // Only the few spans under idle periods are read back to take their idle part out.
  const under = db.prepare(
    'SELECT app_id, title_id, coalesce(url_id, 0), start_ms, end_ms FROM activity WHERE start_ms < @to AND start_ms >= @lookback AND end_ms > @from',
  );
  for (const gap of idle) {
    for (const [appId, titleId, urlId, start, end] of under.raw().all({ from: gap.start, to: gap.end, lookback: gap.start - MAX_SPAN_MS }) as number[][]) {
      const overlap = Math.min(end!, gap.end) - Math.max(start!, gap.start);
      const row = byWindow.get(`${appId},${titleId},${urlId}`);
      if (overlap > 0 && row) row[4] -= overlap;
    }
  }
  return rows;
}

/** The UTC days [from, end) that can hold activity, or null without any records. */
function recordsSpan(db: Database.Database, firstDay: number, endDay: number): { from: number; end: number } | null {
  const first = db.prepare('SELECT min(start_ms) FROM activity').pluck().get() as number | null;
  const last = db.prepare('SELECT max(start_ms) FROM activity').pluck().get() as number | null;
  if (first === null || last === null) return null;
  const from = Math.max(firstDay, Math.floor(first / DAY_MS));
  const end = Math.min(endDay, Math.floor((last + MAX_SPAN_MS) / DAY_MS) + 1);
  return end > from ? { from, end } : null;
}

/** Days filled per transaction: the write lock is held this long at most, so the recorder's flush never waits long. */
const FILL_CHUNK_DAYS = 31;

/**
 * Sums the days in [from, end) that the cache does not hold yet, and caches those with activity. A day
 * without any is not marked: finding it empty again is one indexed probe, and the write lock is taken only
 * when a day to fill has records. Reports run on read workers with their own connections
 * (store/worker-connection.ts), two of which may fill the same days at once: each chunk checks again, inside
 * an immediate transaction (the write lock first, so it reads the latest records), which days are still missing.
 */
function fillDayCache(db: Database.Database, from: number, end: number): void {
  if (end <= from) return;
  const cachedIn = db.prepare('SELECT day FROM activity_day_cached WHERE day >= ? AND day < ?').pluck();
  const cached = new Set(cachedIn.all(from, end) as number[]);
  if (cached.size === end - from) return;
  const anyOn = db.prepare('SELECT 1 FROM activity WHERE start_ms < @to AND start_ms >= @lookback AND end_ms > @from LIMIT 1').pluck();
  const missing: number[] = [];
  for (let day = from; day < end; day++) {
    if (!cached.has(day) && anyOn.get({ from: day * DAY_MS, to: (day + 1) * DAY_MS, lookback: day * DAY_MS - MAX_SPAN_MS }) !== undefined) missing.push(day);
  }
  if (missing.length === 0) return;
  const insert = db.prepare('INSERT INTO activity_day_cache (day, app_id, title_id, url_id, ms, active_ms) VALUES (?, ?, ?, ?, ?, ?)');
  const mark = db.prepare('INSERT INTO activity_day_cached (day) VALUES (?)');
  const fillChunk = db.transaction((days: number[]) => {
    const have = new Set(cachedIn.all(days[0]!, days.at(-1)! + 1) as number[]);
    for (const day of days) {
      if (have.has(day)) continue;
      const rows = rawTotals(db, day * DAY_MS, (day + 1) * DAY_MS);
      for (const [appId, titleId, urlId, ms, active] of rows) insert.run(day, appId, titleId, urlId, ms, active);
      if (rows.length > 0) mark.run(day);
    }
  });
  for (let i = 0; i < missing.length; i += FILL_CHUNK_DAYS) fillChunk.immediate(missing.slice(i, i + FILL_CHUNK_DAYS));
}

/**
 * Sums the blocks in [from, end) that the block cache lacks straight from the records, one immediate
 * transaction each (checking again that it is still missing), and marks them, empty or not.
 */
function fillBlockCache(db: Database.Database, from: number, end: number): void {
  if (end <= from) return;
  const isCached = db.prepare('SELECT 1 FROM activity_block_cached WHERE block = ?').pluck();
  const cachedIn = db.prepare('SELECT count(*) FROM activity_block_cached WHERE block >= ? AND block < ?').pluck();
  if (cachedIn.get(from, end) === end - from) return;
  const insert = db.prepare('INSERT INTO activity_block_cache (block, app_id, title_id, url_id, ms, active_ms) VALUES (?, ?, ?, ?, ?, ?)');
  const mark = db.prepare('INSERT INTO activity_block_cached (block) VALUES (?)');
  const fill = db.transaction((block: number) => {
    if (isCached.get(block) !== undefined) return;
    for (const [appId, titleId, urlId, ms, active] of rawTotals(db, block * BLOCK_DAYS * DAY_MS, (block + 1) * BLOCK_DAYS * DAY_MS)) {
      insert.run(block, appId, titleId, urlId, ms, active);
    }
    mark.run(block);
  });
  for (let block = from; block < end; block++) if (isCached.get(block) === undefined) fill.immediate(block);
}

import type Database from 'better-sqlite3';
import type { Rating } from '../../../shared/categories';
import { MAX_SPAN_MS } from '../../../shared/recording/records';
import { addActiveByQuarter, mergedIdle, QUARTER_HOUR_MS, type RatingMs, type Span } from '../../../shared/reports/time-use';

export type { RatingMs, Span } from '../../../shared/reports/time-use';
export { QUARTER_HOUR_MS };
const DAY_MS = 24 * 60 * 60 * 1000;
const QUARTERS_PER_DAY = DAY_MS / QUARTER_HOUR_MS;
/** Days filled per transaction: the write lock is held this long at most, so the recorder's flush never waits long. */
const FILL_CHUNK_DAYS = 31;

/** Idle spans are few and may be long (a night away), so they are read without the span-length bound. */
export function clippedIdle(db: Database.Database, fromMs: number, toMs: number): Span[] {
  const rows = db.prepare('SELECT start_ms AS startMs, end_ms AS endMs FROM idle WHERE start_ms < ? AND end_ms > ? ORDER BY start_ms').all(toMs, fromMs) as {
    startMs: number;
    endMs: number;
  }[];
  return mergedIdle(rows, fromMs, toMs);
}

/**
 * Active time (activity minus idle) in [fromMs, toMs) per UTC quarter hour (its number since the epoch) and
 * rating, from the records. Every zone offset and DST change falls on a UTC quarter hour, so a quarter lies
 * within one local hour in any zone.
 */
export function activeByQuarter(
  db: Database.Database,
  fromMs: number,
  toMs: number,
  rate: (appId: number, titleId: number, urlId: number | null) => Rating,
  out: Map<number, RatingMs> = new Map(),
): Map<number, RatingMs> {
  if (toMs <= fromMs) return out;
  const rows = db
    .prepare(
      'SELECT start_ms, end_ms, app_id, title_id, url_id FROM activity WHERE start_ms < @to AND start_ms >= @lookback AND end_ms > @from ORDER BY start_ms',
    )
    .raw()
    .all({ from: fromMs, to: toMs, lookback: fromMs - MAX_SPAN_MS }) as [number, number, number, number, number | null][];
  const spans = rows.map(([startMs, endMs, appId, titleId, urlId]) => ({ startMs, endMs, window: [appId, titleId, urlId] as const }));
  return addActiveByQuarter(spans, clippedIdle(db, fromMs, toMs), fromMs, toMs, ([appId, titleId, urlId]) => rate(appId, titleId, urlId), out);
}

/**
 * Active time per UTC quarter hour and rating over [fromMs, toMs), for reading by local hour: whole past UTC days
 * come from the hour cache (migration 14), filled here for the days it lacks, and the partial days at the ends
 * from the records. `fingerprint` names the rules `rate` applies (the categorizer's): rows of other rules are
 * never read. `offsetMinutes` is the zone's offset the hours are read in: cached days in a row with one offset
 * throughout read alike by local hour, so SQLite sums them per quarter of the day, given as the quarters of the
 * run's first day (a year is a few hundred rows, not one per quarter hour with activity).
 */
export function activeQuarters(
  db: Database.Database,
  fromMs: number,
  toMs: number,
  nowMs: number,
  fingerprint: string,
  rate: (appId: number, titleId: number, urlId: number | null) => Rating,
  offsetMinutes: (ms: number) => number,
): Map<number, RatingMs> {
  const firstDay = Math.ceil(fromMs / DAY_MS);
  const endDay = Math.min(Math.floor(toMs / DAY_MS), Math.floor(nowMs / DAY_MS));
  // A database opened read-only (a read-only file or folder) answers from the records alone.
  if (endDay <= firstDay || db.readonly) return activeByQuarter(db, fromMs, toMs, rate);

  fillHourCache(db, firstDay, endDay, fingerprint, rate);
  const out = new Map<number, RatingMs>();
  // One read transaction: the days marked and their rows are of the same moment, whatever another connection does.
  const days = db.transaction(() => {
    const cached = new Set(
      db.prepare('SELECT day FROM activity_hour_cached WHERE fingerprint = ? AND day >= ? AND day < ?').pluck().all(fingerprint, firstDay, endDay) as number[],
    );
    const sums = db
      .prepare(
        `SELECT quarter, SUM(productive_ms), SUM(neutral_ms), SUM(unproductive_ms) FROM activity_hour_cache
         WHERE fingerprint = ? AND day >= ? AND day < ? GROUP BY quarter`,
      )
      .raw();
    // A day's offset, or null when it changes within the day (its quarters are then read one by one).
    const offsetOf = (day: number) => {
      const offset = offsetMinutes(day * DAY_MS);
      return offset === offsetMinutes((day + 1) * DAY_MS - 1) ? offset : null;
    };
    for (let day = firstDay; day < endDay;) {
      if (!cached.has(day)) {
        day++;
        continue;
      }
      const offset = offsetOf(day);
      let end = day + 1;
      if (offset !== null) while (end < endDay && cached.has(end) && offsetOf(end) === offset) end++;
      for (const [quarter, productive, neutral, unproductive] of sums.all(fingerprint, day, end) as number[][]) {
        out.set(day * QUARTERS_PER_DAY + quarter!, { productive: productive!, neutral: neutral!, unproductive: unproductive! });
      }
      day = end;
    }
    return cached;
  })();
  activeByQuarter(db, fromMs, firstDay * DAY_MS, rate, out);
  // Days not cached (no activity, or forgotten since the fill) come from the records, in runs of days.
  for (let day = firstDay; day < endDay;) {
    if (days.has(day)) {
      day++;
      continue;
    }
    let end = day + 1;
    while (end < endDay && !days.has(end)) end++;
    activeByQuarter(db, day * DAY_MS, end * DAY_MS, rate, out);
    day = end;
  }
  activeByQuarter(db, endDay * DAY_MS, toMs, rate, out);
  return out;
}

/**
 * Computes and caches the days in [firstDay, endDay) that the cache lacks for these rules, within the span of
 * the records only (a decade asked for before the first record caches nothing; a weekend between records is
 * marked with no rows, so it is not read again), in chunks of immediate transactions that check again which
 * days are still missing. Rows of other rules are dropped: the rules changed, and they would only grow.
 */
function fillHourCache(
  db: Database.Database,
  firstDay: number,
  endDay: number,
  fingerprint: string,
  rate: (appId: number, titleId: number, urlId: number | null) => Rating,
): void {
  const first = db.prepare('SELECT min(start_ms) FROM activity').pluck().get() as number | null;
  const last = db.prepare('SELECT max(start_ms) FROM activity').pluck().get() as number | null;
  if (first === null || last === null) return;
  const from = Math.max(firstDay, Math.floor(first / DAY_MS));
  const end = Math.min(endDay, Math.floor((last + MAX_SPAN_MS) / DAY_MS) + 1);
  if (end <= from) return;
  const cachedIn = db.prepare('SELECT day FROM activity_hour_cached WHERE fingerprint = ? AND day >= ? AND day < ?').pluck();
  if (cachedIn.all(fingerprint, from, end).length === end - from) return;
  const insert = db.prepare(
    'INSERT OR REPLACE INTO activity_hour_cache (fingerprint, day, quarter, productive_ms, neutral_ms, unproductive_ms) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const mark = db.prepare('INSERT OR REPLACE INTO activity_hour_cached (fingerprint, day) VALUES (?, ?)');
  const fillChunk = db.transaction((chunkFrom: number, chunkTo: number) => {
    db.prepare('DELETE FROM activity_hour_cached WHERE fingerprint != ?').run(fingerprint);
    db.prepare('DELETE FROM activity_hour_cache WHERE fingerprint != ?').run(fingerprint);
    const have = new Set(cachedIn.all(fingerprint, chunkFrom, chunkTo) as number[]);
    for (let day = chunkFrom; day < chunkTo; day++) {
      if (have.has(day)) continue;
      const quarters = activeByQuarter(db, day * DAY_MS, (day + 1) * DAY_MS, rate);
      for (const [quarter, ms] of quarters) insert.run(fingerprint, day, quarter - day * QUARTERS_PER_DAY, ms.productive, ms.neutral, ms.unproductive);
      mark.run(fingerprint, day);
    }
  });
  for (let chunk = from; chunk < end; chunk += FILL_CHUNK_DAYS) fillChunk.immediate(chunk, Math.min(end, chunk + FILL_CHUNK_DAYS));
}

import type Database from 'better-sqlite3';

import type { TimelineActivityRow, TimelineIdleRow } from '../../../shared/reports/timeline';

/** The activity and idle records that overlap [startMs, endMs), in start order, unclipped: the Timeline view's raw lanes. */
export function timelineRows(db: Database.Database, startMs: number, endMs: number): { activity: TimelineActivityRow[]; idle: TimelineIdleRow[] } {
  const activity = db
    .prepare(
      `SELECT a.start_ms AS startMs, a.end_ms AS endMs, app.value AS app, title.value AS title, url.value AS url FROM activity a
       JOIN strings app ON app.id = a.app_id JOIN strings title ON title.id = a.title_id LEFT JOIN strings url ON url.id = a.url_id
       WHERE a.start_ms < ? AND a.end_ms > ? ORDER BY a.start_ms`,
    )
    .all(endMs, startMs) as TimelineActivityRow[];
  const idle = db
    .prepare('SELECT start_ms AS startMs, end_ms AS endMs FROM idle WHERE start_ms < ? AND end_ms > ? ORDER BY start_ms')
    .all(endMs, startMs) as TimelineIdleRow[];
  return { activity, idle };
}

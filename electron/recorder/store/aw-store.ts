import type Database from 'better-sqlite3';
import { canonicalJson, type AwBucket, type AwEvent, type JsonObject } from '../../../shared/activitywatch/aw-event';
import { MAX_SPAN_MS } from '../../../shared/recording/records';
import { StringTable } from './string-table';

/** A window or idle record derived from an ActivityWatch event: closed, with a uuid from the event. */
export interface DerivedActivity {
  uuid: string;
  startMs: number;
  endMs: number;
  timeZone: string;
  utcOffsetMin: number;
  app: string;
  title: string;
  url: string | null;
}
export type DerivedIdle = Omit<DerivedActivity, 'app' | 'title' | 'url'>;

export interface StoredAwEvent extends AwEvent {
  id: number;
  uuid: string;
}

/** A window or afk event waiting to become Stint records, with its bucket's host and type. */
export interface PendingDerivation {
  id: number;
  uuid: string;
  startMs: number;
  endMs: number;
  data: string;
  hostname: string;
  type: string;
}

export interface WebVisit {
  startMs: number;
  endMs: number;
  url: string;
}

/** A span of this device's own recording, for the export. */
export interface RecordedSpan {
  startMs: number;
  endMs: number;
  app: string;
  title: string;
  url: string | null;
}

interface BucketRow {
  id: string;
  name: string | null;
  type: string;
  client: string;
  hostname: string;
  created_ms: number;
  data: string;
}
interface EventRow {
  id: number;
  uuid: string;
  start_ms: number;
  end_ms: number;
  data: string;
}

const PAGE = 2000;

/**
 * ActivityWatch's buckets and events in Stint's database (migration 12), the browser watcher's web
 * visits, and the activity and idle records derived from imported window and afk events.
 */
export class AwStore {
  readonly db: Database.Database;
  private readonly deviceId: string;
  private readonly strings: StringTable;
  private readonly stmts;

  constructor(db: Database.Database, deviceId: string) {
    this.db = db;
    this.deviceId = deviceId;
    this.strings = new StringTable(db);
    this.stmts = {
      bucket: db.prepare('SELECT id, name, type, client, hostname, created_ms, data FROM aw_buckets WHERE id = ?'),
      insertEvent: db.prepare(
        'INSERT INTO aw_events (uuid, bucket_id, start_ms, end_ms, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT(uuid) DO NOTHING RETURNING id',
      ),
      eventIdOf: db.prepare('SELECT id FROM aw_events WHERE uuid = ?').pluck(),
      setEnd: db.prepare('UPDATE aw_events SET end_ms = ? WHERE id = ?'),
      upsertVisit: db.prepare(
        `INSERT INTO web_visits (event_id, hostname, start_ms, end_ms, url_id, site) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(event_id) DO UPDATE SET end_ms = excluded.end_ms`,
      ),
      insertActivity: db.prepare(
        `INSERT INTO activity (uuid, device_id, run_id, start_ms, end_ms, tz, utc_offset_min, app_id, title_id, url_id, open)
         VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT(uuid) DO NOTHING`,
      ),
      insertIdle: db.prepare(
        `INSERT INTO idle (uuid, device_id, run_id, start_ms, end_ms, tz, utc_offset_min, open)
         VALUES (?, ?, NULL, ?, ?, ?, ?, 0) ON CONFLICT(uuid) DO NOTHING`,
      ),
      longestVisit: db.prepare('SELECT coalesce(max(end_ms - start_ms), 0) FROM web_visits WHERE hostname = ?').pluck(),
      visits: db.prepare(
        `SELECT v.start_ms AS startMs, v.end_ms AS endMs, s.value AS url FROM web_visits v JOIN strings s ON s.id = v.url_id
         WHERE v.hostname = ? AND v.start_ms >= ? AND v.start_ms < ? AND v.end_ms > ? ORDER BY v.start_ms, v.event_id`,
      ),
      pending: db.prepare(
        `SELECT e.id, e.uuid, e.start_ms AS startMs, e.end_ms AS endMs, e.data, b.hostname, b.type FROM aw_events e CROSS JOIN aw_buckets b ON b.id = e.bucket_id
         WHERE e.id > ? AND b.type IN ('currentwindow', 'afkstatus') ORDER BY e.id LIMIT ?`,
      ),
      lastEvent: db.prepare('SELECT id, uuid, start_ms, end_ms, data FROM aw_events WHERE bucket_id = ? ORDER BY start_ms DESC, id DESC LIMIT 1'),
    };
  }

  // ---- buckets

  buckets(): { bucket: AwBucket; lastUpdatedMs: number | null }[] {
    const rows = this.db
      .prepare(
        `SELECT b.id, b.name, b.type, b.client, b.hostname, b.created_ms, b.data,
           (SELECT max(end_ms) FROM aw_events e WHERE e.bucket_id = b.id) AS last_ms
         FROM aw_buckets b ORDER BY b.id`,
      )
      .all() as (BucketRow & { last_ms: number | null })[];
    return rows.map((row) => ({ bucket: toBucket(row), lastUpdatedMs: row.last_ms }));
  }

  bucket(id: string): AwBucket | null {
    const row = this.stmts.bucket.get(id) as BucketRow | undefined;
    return row === undefined ? null : toBucket(row);
  }

  /** Creates the bucket; false when one with that id exists already (it is left as it is). */
  createBucket(bucket: AwBucket): boolean {
    return (
      this.db
        .prepare(`INSERT INTO aw_buckets (id, name, type, client, hostname, created_ms, data) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`)
        .run(bucket.id, bucket.name, bucket.type, bucket.client, bucket.hostname, bucket.createdMs, JSON.stringify(bucket.data)).changes === 1
    );
  }

  /** Deletes the bucket with its events and web visits; the records derived from them stay (records are permanent). */
  deleteBucket(id: string): boolean {
    return this.db.prepare('DELETE FROM aw_buckets WHERE id = ?').run(id).changes === 1;
  }

  // ---- events

  /** Stores an event under its uuid; null when that uuid is stored already. */
  insertEvent(bucketId: string, uuid: string, event: AwEvent): number | null {
    const row = this.stmts.insertEvent.get(uuid, bucketId, event.startMs, event.endMs, canonicalJson(event.data)) as { id: number } | undefined;
    return row === undefined ? null : row.id;
  }

  eventIdOf(uuid: string): number | null {
    return (this.stmts.eventIdOf.get(uuid) as number | undefined) ?? null;
  }

  /** A heartbeat grew the event. */
  setEventEnd(id: number, endMs: number): void {
    this.stmts.setEnd.run(endMs, id);
  }

  lastEvent(bucketId: string): StoredAwEvent | null {
    const row = this.stmts.lastEvent.get(bucketId) as EventRow | undefined;
    return row === undefined ? null : toEvent(row);
  }

  /** Events overlapping [startMs, endMs), newest first, clipped to the range; all of the bucket's without bounds. */
  events(bucketId: string, range: { startMs?: number; endMs?: number; limit?: number }): StoredAwEvent[] {
    const { where, params } = rangeWhere(bucketId, range);
    const limit = range.limit === undefined ? '' : ' LIMIT @limit';
    const rows = this.db
      .prepare(`SELECT id, uuid, start_ms, end_ms, data FROM aw_events WHERE ${where} ORDER BY start_ms DESC, id DESC${limit}`)
      .all({ ...params, ...(range.limit === undefined ? {} : { limit: range.limit }) }) as EventRow[];
    return rows.map((row) => {
      const event = toEvent(row);
      if (range.startMs !== undefined) event.startMs = Math.max(event.startMs, range.startMs);
      if (range.endMs !== undefined) event.endMs = Math.min(event.endMs, range.endMs);
      event.endMs = Math.max(event.startMs, event.endMs);
      return event;
    });
  }

  countEvents(bucketId: string, range: { startMs?: number; endMs?: number }): number {
    const { where, params } = rangeWhere(bucketId, range);
    return this.db.prepare(`SELECT count(*) FROM aw_events WHERE ${where}`).pluck().get(params) as number;
  }

  event(bucketId: string, id: number): StoredAwEvent | null {
    const row = this.db.prepare('SELECT id, uuid, start_ms, end_ms, data FROM aw_events WHERE bucket_id = ? AND id = ?').get(bucketId, id) as
      EventRow | undefined;
    return row === undefined ? null : toEvent(row);
  }

  deleteEvent(bucketId: string, id: number): boolean {
    return this.db.prepare('DELETE FROM aw_events WHERE bucket_id = ? AND id = ?').run(bucketId, id).changes === 1;
  }

  /** Every event of a bucket, oldest first, a page at a time (bounded memory for exports of any size). */
  *eventsOldestFirst(bucketId: string): Generator<StoredAwEvent> {
    const page = this.db.prepare(
      'SELECT id, uuid, start_ms, end_ms, data FROM aw_events WHERE bucket_id = ? AND (start_ms > ? OR (start_ms = ? AND id > ?)) ORDER BY start_ms, id LIMIT ?',
    );
    let after = { start: -Infinity, id: -1 };
    for (;;) {
      const rows = page.all(bucketId, after.start, after.start, after.id, PAGE) as EventRow[];
      for (const row of rows) yield toEvent(row);
      const last = rows.at(-1);
      if (last === undefined || rows.length < PAGE) return;
      after = { start: last.start_ms, id: last.id };
    }
  }

  maxEventId(): number {
    return (this.db.prepare('SELECT coalesce(max(id), 0) FROM aw_events').pluck().get() as number) ?? 0;
  }

  // ---- web visits

  /** The browser watcher's tab over a span: a url and its site, kept apart from activity so it is never counted as time. */
  upsertWebVisit(eventId: number, hostname: string, startMs: number, endMs: number, url: string, site: string | null): void {
    this.stmts.upsertVisit.run(eventId, hostname, startMs, endMs, this.strings.id(url), site);
  }

  /** The longest visit of a host: how far back a visit overlapping a span can start. */
  longestVisitMs(hostname: string): number {
    return (this.stmts.longestVisit.get(hostname) as number | undefined) ?? 0;
  }

  /** Visits of the host overlapping [startMs, endMs), oldest first; lookbackMs is longestVisitMs(hostname). */
  webVisits(hostname: string, startMs: number, endMs: number, lookbackMs: number): WebVisit[] {
    return this.stmts.visits.all(hostname, startMs - lookbackMs, endMs, startMs) as WebVisit[];
  }

  // ---- records derived from imported events

  /** Window and afk events stored after `afterId`, a page at a time in id order. */
  pendingDerivations(afterId: number, limit = PAGE): PendingDerivation[] {
    return this.stmts.pending.all(afterId, limit) as PendingDerivation[];
  }

  /** Closed activity records; a uuid already stored is skipped. Returns how many were added. */
  insertActivity(rows: readonly DerivedActivity[]): number {
    let added = 0;
    for (const a of rows) {
      added += this.stmts.insertActivity.run(
        a.uuid,
        this.deviceId,
        a.startMs,
        a.endMs,
        a.timeZone,
        a.utcOffsetMin,
        this.strings.id(a.app),
        this.strings.id(a.title),
        a.url === null ? null : this.strings.id(a.url),
      ).changes;
    }
    return added;
  }

  insertIdle(rows: readonly DerivedIdle[]): number {
    let added = 0;
    for (const i of rows) added += this.stmts.insertIdle.run(i.uuid, this.deviceId, i.startMs, i.endMs, i.timeZone, i.utcOffsetMin).changes;
    return added;
  }

  /** After a rolled-back transaction the interned string ids may name rows that were never written. */
  forget(): void {
    this.strings.forget();
  }

  // ---- this device's own recording, for the export

  /** Activity the recorder recorded (not imported), oldest first, a page at a time. */
  *recordedActivity(): Generator<RecordedSpan> {
    const page = this.db.prepare(
      `SELECT a.id, a.start_ms, a.end_ms, app.value AS app, title.value AS title, url.value AS url FROM activity a
       JOIN strings app ON app.id = a.app_id JOIN strings title ON title.id = a.title_id LEFT JOIN strings url ON url.id = a.url_id
       WHERE a.run_id IS NOT NULL AND (a.start_ms > ? OR (a.start_ms = ? AND a.id > ?)) ORDER BY a.start_ms, a.id LIMIT ?`,
    );
    yield* paged(page, (row: { id: number; start_ms: number; end_ms: number; app: string; title: string; url: string | null }) => ({
      startMs: row.start_ms,
      endMs: row.end_ms,
      app: row.app,
      title: row.title,
      url: row.url,
    }));
  }

  /** Idle the recorder recorded, oldest first. */
  *recordedIdle(): Generator<{ startMs: number; endMs: number }> {
    const page = this.db.prepare(
      'SELECT id, start_ms, end_ms FROM idle WHERE run_id IS NOT NULL AND (start_ms > ? OR (start_ms = ? AND id > ?)) ORDER BY start_ms, id LIMIT ?',
    );
    yield* paged(page, (row: { id: number; start_ms: number; end_ms: number }) => ({ startMs: row.start_ms, endMs: row.end_ms }));
  }

  /** Work sessions and breaks the recorder recorded (the time at the computer), oldest first. */
  *recordedSessions(): Generator<{ startMs: number; endMs: number }> {
    const page = this.db.prepare(
      'SELECT id, start_ms, end_ms FROM sessions WHERE run_id IS NOT NULL AND (start_ms > ? OR (start_ms = ? AND id > ?)) ORDER BY start_ms, id LIMIT ?',
    );
    yield* paged(page, (row: { id: number; start_ms: number; end_ms: number }) => ({ startMs: row.start_ms, endMs: row.end_ms }));
  }
}

/** Records derived from one event are cut at the store's longest span, so range reports stay exact. */
export function cutAtLongestSpan(startMs: number, endMs: number): [number, number][] {
  const pieces: [number, number][] = [];
  let s = startMs;
  do {
    const e = Math.min(endMs, s + MAX_SPAN_MS);
    pieces.push([s, e]);
    s = e;
  } while (s < endMs);
  return pieces;
}

function* paged<R extends { start_ms: number; id: number }, T>(page: Database.Statement, map: (row: R) => T): Generator<T> {
  let after = { start: -Infinity, id: -1 };
  for (;;) {
    const rows = page.all(after.start, after.start, after.id, PAGE) as R[];
    for (const row of rows) yield map(row);
    const last = rows.at(-1);
    if (last === undefined || rows.length < PAGE) return;
    after = { start: last.start_ms, id: last.id };
  }
}

function rangeWhere(bucketId: string, range: { startMs?: number; endMs?: number }): { where: string; params: Record<string, string | number> } {
  const parts = ['bucket_id = @bucket'];
  const params: Record<string, string | number> = { bucket: bucketId };
  if (range.startMs !== undefined) {
    parts.push('end_ms > @start');
    params.start = range.startMs;
  }
  if (range.endMs !== undefined) {
    parts.push('start_ms < @end');
    params.end = range.endMs;
  }
  return { where: parts.join(' AND '), params };
}

function toBucket(row: BucketRow): AwBucket {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    client: row.client,
    hostname: row.hostname,
    createdMs: row.created_ms,
    data: JSON.parse(row.data) as JsonObject,
  };
}

function toEvent(row: EventRow): StoredAwEvent {
  return { id: row.id, uuid: row.uuid, startMs: row.start_ms, endMs: row.end_ms, data: JSON.parse(row.data) as JsonObject };
}

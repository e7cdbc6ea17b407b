/**
 * The device's side of sync in the database: the outbox read in order and serialized into the sync contract's
 * records (shared/sync/contract.ts), the acknowledgement stored in the same transaction that removes the rows
 * it covers, and the sync bookkeeping (last push, last error, the pulled policy and week states, the clock skew) in `meta`.
 * The pusher, `stint sync preview` and the status all serialize here, so what leaves is what they show.
 */
import type Database from 'better-sqlite3';
import type { SyncRecord, SyncRecordKind } from '../../../shared/sync/contract';
import { policySchema, type Policy } from '../../../shared/sync/policy';
import { recordTime, type UnsequencedRecord } from '../../../shared/sync/device-sync';
import { z } from 'zod';
import { WEEK_STATE_SCHEMA, type WeekState } from '../../../shared/payroll/week-state';

export type SerializedRecord = UnsequencedRecord;

export interface OutboxRow {
  seq: number;
  kind: SyncRecordKind;
  uuid: string;
}

/** What leaves the device: window titles and urls only when the policy lets them. */
export interface UploadRules {
  titles: boolean;
  urls: boolean;
}

export interface SyncProblem {
  code: string;
  message: string;
  atMs: number;
}

export interface SyncBookkeeping {
  /** The server device id the acknowledgements belong to (null: not enrolled). */
  deviceId: string | null;
  ackSeq: number;
  lastPushMs: number | null;
  lastError: SyncProblem | null;
  /** Server time minus device time, measured at the last answer (ms); null before any. */
  clockSkewMs: number | null;
  policy: { version: number; policy: Policy; pulledMs: number } | null;
}

/** What `meta` holds of the weeks: read back with the schema, a damaged value reads as none pulled. */
const STORED_WEEKS_SCHEMA = z.object({ pulledMs: z.number().nullable(), weeks: z.array(WEEK_STATE_SCHEMA) }).strict();

/** The clock skew is stored again only when it moved by this much (it is shown in seconds, warned about in minutes). */
const CLOCK_SKEW_STEP_MS = 1000;

const KEYS = {
  deviceId: 'sync_device_id',
  ackSeq: 'sync_ack_seq',
  lastPushMs: 'sync_last_push_ms',
  lastError: 'sync_last_error',
  clockSkewMs: 'sync_clock_skew_ms',
  policy: 'sync_policy',
  weeks: 'sync_weeks',
} as const;

export class SyncStore {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      get: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      set: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      del: db.prepare('DELETE FROM meta WHERE key = ?'),
      head: db.prepare('SELECT seq, kind, uuid FROM outbox ORDER BY seq LIMIT ?'),
      from: db.prepare('SELECT seq, kind, uuid FROM outbox WHERE seq >= ? ORDER BY seq LIMIT ?'),
      maxSeq: db.prepare('SELECT max(seq) FROM outbox').pluck(),
      pending: db.prepare('SELECT count(*) AS n, min(seq) AS first FROM outbox'),
      drop: db.prepare('DELETE FROM outbox WHERE seq <= ?'),
      inOutbox: db.prepare('SELECT 1 FROM outbox WHERE uuid = ?').pluck(),
      activity: db.prepare(`
        SELECT a.uuid, a.start_ms, a.end_ms, a.tz, a.utc_offset_min, app.value AS app, title.value AS title, url.value AS url
        FROM activity a JOIN strings app ON app.id = a.app_id JOIN strings title ON title.id = a.title_id LEFT JOIN strings url ON url.id = a.url_id
        WHERE a.uuid = ? AND a.private = 0`),
      idle: db.prepare('SELECT uuid, start_ms, end_ms, tz, utc_offset_min FROM idle WHERE uuid = ?'),
      session: db.prepare('SELECT uuid, kind, start_ms, end_ms, tz, utc_offset_min, start_reason FROM sessions WHERE uuid = ?'),
      correction: db.prepare('SELECT uuid, kind, start_ms, end_ms, tz, utc_offset_min, replaces_uuid, reason, created_ms FROM corrections WHERE uuid = ?'),
      idleChoice: db.prepare('SELECT uuid, idle_uuid, choice, start_ms, end_ms, created_ms FROM idle_choices WHERE uuid = ?'),
      call: db.prepare('SELECT * FROM calls WHERE uuid = ?'),
      callReview: db.prepare('SELECT * FROM call_reviews WHERE uuid = ?'),
      // Closed records of a period, for the preview: what has been and what will be uploaded.
      inRange: db.prepare(`
        SELECT 'session' AS kind, uuid, start_ms AS at FROM sessions WHERE open = 0 AND start_ms < @to AND end_ms >= @from
        UNION ALL SELECT 'idle', uuid, start_ms FROM idle WHERE open = 0 AND start_ms < @to AND end_ms >= @from
        UNION ALL SELECT 'activity', uuid, start_ms FROM activity WHERE open = 0 AND private = 0 AND start_ms < @to AND end_ms >= @from
        UNION ALL SELECT 'correction', uuid, coalesce(start_ms, created_ms) FROM corrections WHERE coalesce(start_ms, created_ms) < @to AND coalesce(end_ms, created_ms) >= @from
        UNION ALL SELECT 'idle-choice', uuid, start_ms FROM idle_choices WHERE start_ms < @to AND end_ms >= @from
        UNION ALL SELECT 'call', uuid, start_ms FROM calls WHERE start_ms < @to AND end_ms >= @from
        UNION ALL SELECT 'call-review', uuid, created_ms FROM call_reviews WHERE created_ms < @to AND created_ms >= @from
        ORDER BY at, uuid`),
      // What the server reads for a week (server/reports/hours.ts timeRecordsOf): closed sessions and idle over
      // the window, every correction and idle answer, and every session a correction goes back to.
      timeRecords: db.prepare(`
        SELECT 'session' AS kind, uuid FROM sessions
          WHERE open = 0 AND ((start_ms < @to AND end_ms > @from) OR uuid IN (SELECT replaces_uuid FROM corrections WHERE replaces_uuid IS NOT NULL))
        UNION ALL SELECT 'idle', uuid FROM idle WHERE open = 0 AND start_ms < @to AND end_ms > @from
        UNION ALL SELECT 'correction', uuid FROM corrections
        UNION ALL SELECT 'idle-choice', uuid FROM idle_choices`),
      pendingIn: db
        .prepare(
          `
        SELECT count(*) FROM outbox o WHERE o.kind IN ('session', 'correction', 'idle', 'idle-choice') AND (
          o.uuid IN (SELECT uuid FROM sessions WHERE start_ms < @to AND end_ms > @from)
          OR o.uuid IN (SELECT uuid FROM idle WHERE start_ms < @to AND end_ms > @from)
          OR o.kind IN ('correction', 'idle-choice'))`,
        )
        .pluck(),
    };
  }

  private meta(key: string): string | undefined {
    return this.stmts.get.get(key) as string | undefined;
  }

  bookkeeping(): SyncBookkeeping {
    const policy = parseJson(this.meta(KEYS.policy));
    const parsedPolicy =
      policy !== null && typeof policy === 'object' && 'policy' in policy && 'version' in policy && 'pulledMs' in policy
        ? { version: Number(policy.version), pulledMs: Number(policy.pulledMs), policy: policySchema().safeParse(policy.policy) }
        : null;
    const error = parseJson(this.meta(KEYS.lastError)) as SyncProblem | null;
    const skew = this.meta(KEYS.clockSkewMs);
    const lastPush = this.meta(KEYS.lastPushMs);
    return {
      deviceId: this.meta(KEYS.deviceId) ?? null,
      ackSeq: Number(this.meta(KEYS.ackSeq) ?? 0),
      lastPushMs: lastPush === undefined ? null : Number(lastPush),
      lastError: error,
      clockSkewMs: skew === undefined ? null : Number(skew),
      policy: parsedPolicy?.policy.success ? { version: parsedPolicy.version, pulledMs: parsedPolicy.pulledMs, policy: parsedPolicy.policy.data } : null,
    };
  }

  /** Records waiting, and the oldest one's time (ms), without reading them. */
  pending(): { count: number; oldestMs: number | null } {
    const row = this.stmts.pending.get() as { n: number; first: number | null };
    if (row.first === null) return { count: 0, oldestMs: null };
    const first = (this.stmts.from.all(row.first, 1) as OutboxRow[])[0];
    const record = first ? this.serialize(first.kind, first.uuid, { titles: false, urls: false }) : null;
    return { count: row.n, oldestMs: record ? recordTime(record) : null };
  }

  /** The highest sequence queued (0: none ever): one index read, so the pusher may ask after every flush. */
  maxSeq(): number {
    return (this.stmts.maxSeq.get() as number | null) ?? 0;
  }

  /**
   * Starts sync for a server device: the outbox is renumbered 1…n in its order (the server expects the first
   * push to start at 1 and every later one to follow on), and the sequence continues from n. One immediate
   * transaction, so a recorder writing meanwhile queues after it.
   */
  begin(deviceId: string): { pending: number } {
    return this.db
      .transaction(() => {
        const rows = this.db.prepare('SELECT kind, uuid FROM outbox ORDER BY seq').all() as { kind: string; uuid: string }[];
        this.db.prepare('DELETE FROM outbox').run();
        const insert = this.db.prepare('INSERT INTO outbox (seq, kind, uuid) VALUES (?, ?, ?)');
        rows.forEach((r, i) => insert.run(i + 1, r.kind, r.uuid));
        this.db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'").run(rows.length);
        this.db
          .prepare("INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox')")
          .run(rows.length);
        for (const key of Object.values(KEYS)) this.stmts.del.run(key);
        this.stmts.set.run(KEYS.deviceId, deviceId);
        this.stmts.set.run(KEYS.ackSeq, '0');
        return { pending: rows.length };
      })
      .immediate();
  }

  /** Stops sync: the acknowledgements and what was pulled go; the outbox stays for a later enrollment. */
  end(): void {
    this.db.transaction(() => {
      for (const key of Object.values(KEYS)) this.stmts.del.run(key);
    })();
  }

  /** The next batch: the oldest rows, contiguous, serialized under the upload rules. */
  batch(limit: number, upload: UploadRules): SyncRecord[] {
    const rows = this.stmts.head.all(limit) as OutboxRow[];
    const out: SyncRecord[] = [];
    for (const row of rows) {
      if (out.length > 0 && row.seq !== out.at(-1)!.seq + 1) break;
      const record = this.serialize(row.kind, row.uuid, upload);
      // A queued record that no longer exists cannot happen (closed records are permanent); stop before it.
      if (record === null) break;
      out.push({ ...record, seq: row.seq } as SyncRecord);
    }
    return out;
  }

  /**
   * Stores the server's acknowledgement and removes the rows it covers, in one transaction; an answer for a
   * device this database no longer syncs with (the rep left meanwhile) changes nothing.
   */
  acknowledge(deviceId: string, ackSeq: number, nowMs: number): number {
    return this.db
      .transaction(() => {
        if (this.meta(KEYS.deviceId) !== deviceId) return 0;
        const removed = this.stmts.drop.run(ackSeq).changes;
        if (ackSeq > Number(this.meta(KEYS.ackSeq) ?? 0)) this.stmts.set.run(KEYS.ackSeq, String(ackSeq));
        this.stmts.set.run(KEYS.lastPushMs, String(nowMs));
        this.stmts.del.run(KEYS.lastError);
        return removed;
      })
      .immediate();
  }

  recordError(problem: SyncProblem | null): void {
    if (problem === null) this.stmts.del.run(KEYS.lastError);
    else this.stmts.set.run(KEYS.lastError, JSON.stringify(problem));
  }

  /** Stores the skew when it moved by a second or more: the round trip's jitter alone writes nothing each heartbeat. */
  recordClockSkew(skewMs: number): void {
    const stored = this.meta(KEYS.clockSkewMs);
    if (stored !== undefined && Math.abs(Number(stored) - skewMs) < CLOCK_SKEW_STEP_MS) return;
    this.stmts.set.run(KEYS.clockSkewMs, String(Math.round(skewMs)));
  }

  recordPolicy(version: number, policy: Policy, nowMs: number): void {
    this.stmts.set.run(KEYS.policy, JSON.stringify({ version, policy, pulledMs: nowMs }));
  }

  /** The time records a week is computed from, serialized as they are sent: the device's half of the server's read. */
  timeRecords(fromMs: number, toMs: number): SerializedRecord[] {
    const rows = this.stmts.timeRecords.all({ from: fromMs, to: toMs }) as { kind: SyncRecordKind; uuid: string }[];
    const out: SerializedRecord[] = [];
    for (const row of rows) {
      const record = this.serialize(row.kind, row.uuid, { titles: false, urls: false });
      if (record) out.push(record);
    }
    return out;
  }

  /** Time records over the window (and any correction or idle answer) still waiting in the outbox. */
  pendingTimeRecords(fromMs: number, toMs: number): number {
    return this.stmts.pendingIn.get({ from: fromMs, to: toMs }) as number;
  }

  /**
   * The approval states pulled from the server for the weeks from `fromWeek` on (a handful of rows: meta holds
   * them, no table needed). Older weeks keep the state last pulled: an approved week stays locked here.
   */
  recordWeeks(fromWeek: string, weeks: readonly WeekState[], nowMs: number): void {
    const older = this.weeks().weeks.filter((w) => w.weekStart < fromWeek);
    const all = [...older, ...weeks].sort((a, b) => a.weekStart.localeCompare(b.weekStart));
    const before = this.weeks();
    // The same states again write nothing: pulledMs then says since when they are known as they stand.
    if (before.pulledMs !== null && JSON.stringify(before.weeks) === JSON.stringify(all)) return;
    this.stmts.set.run(KEYS.weeks, JSON.stringify({ pulledMs: nowMs, weeks: all }));
  }

  /** One week's new state (a submission's answer), beside those pulled before. */
  recordWeek(week: WeekState): void {
    const { weeks, pulledMs } = this.weeks();
    const others = weeks.filter((w) => w.weekStart !== week.weekStart);
    this.stmts.set.run(KEYS.weeks, JSON.stringify({ pulledMs, weeks: [...others, week].sort((a, b) => a.weekStart.localeCompare(b.weekStart)) }));
  }

  weeks(): { weeks: WeekState[]; pulledMs: number | null } {
    const parsed = STORED_WEEKS_SCHEMA.safeParse(parseJson(this.meta(KEYS.weeks)));
    return parsed.success ? parsed.data : { weeks: [], pulledMs: null };
  }

  clearPolicy(): void {
    this.stmts.del.run(KEYS.policy);
  }

  /** One record as the sync contract carries it, or null when none with that uuid exists. */
  serialize(kind: SyncRecordKind, uuid: string, upload: UploadRules): SerializedRecord | null {
    const s = this.stmts;
    switch (kind) {
      case 'activity': {
        const r = s.activity.get(uuid) as (SpanRow & { app: string; title: string; url: string | null }) | undefined;
        if (!r) return null;
        return {
          uuid,
          kind,
          ...span(r),
          app: r.app,
          ...(upload.titles ? { title: r.title } : {}),
          ...(upload.urls && r.url !== null ? { url: r.url } : {}),
        };
      }
      case 'idle': {
        const r = s.idle.get(uuid) as SpanRow | undefined;
        return r ? { uuid, kind, ...span(r) } : null;
      }
      case 'session': {
        const r = s.session.get(uuid) as (SpanRow & { kind: 'work' | 'break'; start_reason: string }) | undefined;
        return r ? { uuid, kind, ...span(r), sessionKind: r.kind, source: r.start_reason === 'import' ? 'import' : 'recorded' } : null;
      }
      case 'correction': {
        const r = s.correction.get(uuid) as
          | {
              kind: 'work' | 'break';
              start_ms: number | null;
              end_ms: number | null;
              tz: string;
              utc_offset_min: number;
              replaces_uuid: string | null;
              reason: string;
              created_ms: number;
            }
          | undefined;
        if (!r) return null;
        return {
          uuid,
          kind,
          sessionKind: r.kind,
          startMs: r.start_ms,
          endMs: r.end_ms,
          timeZone: r.tz,
          utcOffsetMin: r.utc_offset_min,
          replaces: r.replaces_uuid,
          reason: r.reason,
          createdMs: r.created_ms,
        };
      }
      case 'idle-choice': {
        const r = s.idleChoice.get(uuid) as
          { idle_uuid: string; choice: 'work' | 'break' | 'call' | 'discard'; start_ms: number; end_ms: number; created_ms: number } | undefined;
        return r ? { uuid, kind, idleUuid: r.idle_uuid, choice: r.choice, startMs: r.start_ms, endMs: r.end_ms, createdMs: r.created_ms } : null;
      }
      case 'call': {
        const r = s.call.get(uuid) as Record<string, string | number | null> | undefined;
        if (!r) return null;
        // Wrap-up notes are the rep's own words about a customer: they stay on this computer.
        const { notes: _notes, ...call } = r;
        return { uuid, kind, startMs: Number(r.start_ms), endMs: Number(r.end_ms), data: columns(call) };
      }
      case 'call-review': {
        const r = s.callReview.get(uuid) as Record<string, string | number | null> | undefined;
        if (!r) return null;
        return { uuid, kind, createdMs: Number(r.created_ms), data: columns(r) };
      }
    }
  }

  /** The closed records of [fromMs, toMs) as they leave the device, each saying whether it is still waiting. */
  inRange(fromMs: number, toMs: number, upload: UploadRules): { record: SerializedRecord; pending: boolean }[] {
    const rows = this.stmts.inRange.all({ from: fromMs, to: toMs }) as { kind: SyncRecordKind; uuid: string }[];
    const out: { record: SerializedRecord; pending: boolean }[] = [];
    for (const row of rows) {
      const record = this.serialize(row.kind, row.uuid, upload);
      if (record) out.push({ record, pending: this.stmts.inOutbox.get(row.uuid) !== undefined });
    }
    return out;
  }
}

interface SpanRow {
  start_ms: number;
  end_ms: number;
  tz: string;
  utc_offset_min: number;
}

function span(r: SpanRow) {
  return { startMs: r.start_ms, endMs: r.end_ms, timeZone: r.tz, utcOffsetMin: r.utc_offset_min };
}

/** A call's or review's columns, except the local row id and what travels beside them. */
function columns(r: Record<string, string | number | null>): Record<string, string | number | null> {
  const { id: _id, uuid: _uuid, ...rest } = r;
  return rest;
}

function parseJson(raw: string | undefined): unknown {
  if (raw === undefined) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

import type Database from 'better-sqlite3';
import type { SessionKind } from '../../../shared/recording/records';
import type { PauseReason } from '../../../shared/recording/session-machine';
import { openDatabase, type OpenOptions } from './open-database';
import { StringTable } from './string-table';

/** A record as the recorder hands it over at a flush: inserted the first time, its end advanced after. */
export interface ActivityWrite {
  uuid: string;
  startMs: number;
  endMs: number;
  timeZone: string;
  utcOffsetMin: number;
  app: string;
  title: string;
  url?: string;
  open: boolean;
  /** Recorded outside a work session, for the rep's eyes only: never queued for sync. */
  private?: boolean;
}
export interface IdleWrite {
  uuid: string;
  startMs: number;
  endMs: number;
  timeZone: string;
  utcOffsetMin: number;
  open: boolean;
}
export interface SessionWrite extends IdleWrite {
  kind: SessionKind;
  startReason: string;
  endReason: string | null;
}

export interface RecorderFlush {
  runId: string;
  lastSeenMs: number;
  /** Why and since when the run is not sampling (suspend, lock, display lost); absent or null while it samples. */
  paused?: { reason: PauseReason; sinceMs: number } | null;
  activity: ActivityWrite[];
  idle: IdleWrite[];
  sessions: SessionWrite[];
}

/** Something else a flush writes in its transaction (the ActivityWatch heartbeats fed to `stint track --aw-port`). */
export interface FlushParticipant {
  /** Writes what is pending; runs inside the flush's transaction. */
  write(): void;
  /** The transaction committed: what write() wrote is durable. */
  committed(): void;
  /** The transaction rolled back: the next flush writes it again. */
  rolledBack(): void;
}

export interface OpenSessionRow {
  uuid: string;
  kind: SessionKind;
  startReason: string;
  startMs: number;
  endMs: number;
  timeZone: string;
  runId: string | null;
}

export interface RecoveryReport {
  runs: number;
  activity: number;
  idle: number;
  sessions: number;
}

export interface PendingCommand {
  id: number;
  body: string;
}

/** The local SQLite store: the recorder's writes, the CLI's reads and the command channel between them. */
export class Store {
  readonly db: Database.Database;
  readonly deviceId: string;
  private readonly strings: StringTable;
  private readonly stmts;

  constructor(db: Database.Database) {
    this.db = db;
    this.strings = new StringTable(db);
    this.deviceId = this.ensureDeviceId();
    this.stmts = {
      upsertActivity: db.prepare(`
        INSERT INTO activity (uuid, device_id, run_id, start_ms, end_ms, tz, utc_offset_min, app_id, title_id, url_id, open, private)
        VALUES (@uuid, @deviceId, @runId, @startMs, @endMs, @timeZone, @utcOffsetMin, @appId, @titleId, @urlId, @open, @private)
        ON CONFLICT(uuid) DO UPDATE SET end_ms = excluded.end_ms, open = excluded.open`),
      upsertIdle: db.prepare(`
        INSERT INTO idle (uuid, device_id, run_id, start_ms, end_ms, tz, utc_offset_min, open)
        VALUES (@uuid, @deviceId, @runId, @startMs, @endMs, @timeZone, @utcOffsetMin, @open)
        ON CONFLICT(uuid) DO UPDATE SET end_ms = excluded.end_ms, open = excluded.open`),
      upsertSession: db.prepare(`
        INSERT INTO sessions (uuid, device_id, run_id, kind, start_ms, end_ms, tz, utc_offset_min, start_reason, end_reason, open)
        VALUES (@uuid, @deviceId, @runId, @kind, @startMs, @endMs, @timeZone, @utcOffsetMin, @startReason, @endReason, @open)
        ON CONFLICT(uuid) DO UPDATE SET end_ms = excluded.end_ms, open = excluded.open, end_reason = excluded.end_reason,
          run_id = excluded.run_id`),
      // A span that closes where it began holds no time: it is never stored, and the open row an earlier flush wrote goes.
      dropOpenActivity: db.prepare('DELETE FROM activity WHERE uuid = ? AND open = 1'),
      touchRun: db.prepare('UPDATE runs SET last_seen_ms = ?, paused_reason = ?, paused_ms = ? WHERE id = ?'),
      pendingCommands: db.prepare("SELECT id, body FROM commands WHERE status = 'pending' ORDER BY id"),
    };
  }

  static open(path: string, options?: OpenOptions): Store {
    return new Store(openDatabase(path, options));
  }

  close(): void {
    this.db.close();
  }

  private ensureDeviceId(): string {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'device_id'").get() as { value: string } | undefined;
    if (row) return row.value;
    if (this.db.readonly) return 'unknown';
    // Two processes creating the database at once: the first id written stands and both use it.
    // The global Web Crypto: it loads at first use, where node:crypto imported here would load with every command.
    this.db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('device_id', ?)").run(crypto.randomUUID());
    return this.db.prepare("SELECT value FROM meta WHERE key = 'device_id'").pluck().get() as string;
  }

  startRun(runId: string, pid: number, startedMs: number): void {
    this.db
      .prepare('INSERT INTO runs (id, device_id, pid, started_ms, last_seen_ms) VALUES (?, ?, ?, ?, ?)')
      .run(runId, this.deviceId, pid, startedMs, startedMs);
  }

  endRun(runId: string, endedMs: number, reason: string): void {
    this.db.prepare('UPDATE runs SET ended_ms = ?, end_reason = ?, last_seen_ms = max(last_seen_ms, ?) WHERE id = ?').run(endedMs, reason, endedMs, runId);
  }

  /**
   * Closes whatever earlier recorder runs left open: they were killed, so each open record ends where its
   * last flush left it, which is the last durable heartbeat. Call only while holding the recorder lock.
   */
  recoverInterruptedRuns(exceptRunId?: string): RecoveryReport {
    return this.db.transaction((): RecoveryReport => {
      const runs = this.db.prepare('SELECT id FROM runs WHERE ended_ms IS NULL AND id IS NOT ?').all(exceptRunId ?? null) as { id: string }[];
      const report: RecoveryReport = { runs: runs.length, activity: 0, idle: 0, sessions: 0 };
      for (const { id } of runs) {
        // A killed run's span of one heartbeat holds no time: closed, it would be a zero-length span.
        this.db.prepare('DELETE FROM activity WHERE open = 1 AND run_id = ? AND end_ms <= start_ms').run(id);
        report.activity += this.db.prepare('UPDATE activity SET open = 0 WHERE open = 1 AND run_id = ?').run(id).changes;
        report.idle += this.db.prepare('UPDATE idle SET open = 0 WHERE open = 1 AND run_id = ?').run(id).changes;
        report.sessions += this.db.prepare("UPDATE sessions SET open = 0, end_reason = 'crash' WHERE open = 1 AND run_id = ?").run(id).changes;
        this.db.prepare("UPDATE runs SET ended_ms = last_seen_ms, end_reason = 'crash' WHERE id = ?").run(id);
      }
      return report;
    })();
  }

  /** Writes one flush of the recorder in a single transaction: all of it lands or none of it. */
  flush(batch: RecorderFlush, participants: readonly FlushParticipant[] = []): void {
    try {
      this.writeFlush(batch, participants);
    } catch (error) {
      this.strings.forget();
      for (const participant of participants) participant.rolledBack();
      throw error;
    }
    for (const participant of participants) participant.committed();
  }

  /** Made once: better-sqlite3 builds several functions per transaction(), which the recorder would do every second. */
  private readonly writeFlush = (batch: RecorderFlush, participants: readonly FlushParticipant[]): void => {
    this.flushTransaction ??= this.db.transaction((b: RecorderFlush, p: readonly FlushParticipant[]) => {
      this.write(b);
      for (const participant of p) participant.write();
    });
    this.flushTransaction(batch, participants);
  };
  private flushTransaction: ((batch: RecorderFlush, participants: readonly FlushParticipant[]) => void) | null = null;

  private write(batch: RecorderFlush): void {
    const deviceId = this.deviceId;
    for (const a of batch.activity) {
      if (!a.open && a.endMs <= a.startMs) {
        this.stmts.dropOpenActivity.run(a.uuid);
        continue;
      }
      this.stmts.upsertActivity.run({
        uuid: a.uuid,
        deviceId,
        runId: batch.runId,
        startMs: a.startMs,
        endMs: a.endMs,
        timeZone: a.timeZone,
        utcOffsetMin: a.utcOffsetMin,
        appId: this.strings.id(a.app),
        titleId: this.strings.id(a.title),
        urlId: a.url === undefined ? null : this.strings.id(a.url),
        open: a.open ? 1 : 0,
        private: a.private ? 1 : 0,
      });
    }
    for (const i of batch.idle) {
      this.stmts.upsertIdle.run({ ...i, deviceId, runId: batch.runId, open: i.open ? 1 : 0 });
    }
    for (const s of batch.sessions) {
      this.stmts.upsertSession.run({ ...s, deviceId, runId: batch.runId, open: s.open ? 1 : 0 });
    }
    this.stmts.touchRun.run(batch.lastSeenMs, batch.paused?.reason ?? null, batch.paused?.sinceMs ?? null, batch.runId);
  }

  openSession(): OpenSessionRow | null {
    const row = this.db.prepare('SELECT uuid, kind, start_reason, start_ms, end_ms, tz, run_id FROM sessions WHERE open = 1').get() as
      { uuid: string; kind: SessionKind; start_reason: string; start_ms: number; end_ms: number; tz: string; run_id: string | null } | undefined;
    if (!row) return null;
    return {
      uuid: row.uuid,
      kind: row.kind,
      startReason: row.start_reason,
      startMs: row.start_ms,
      endMs: row.end_ms,
      timeZone: row.tz,
      runId: row.run_id,
    };
  }

  /** When the rep last clocked out (here or through the CLI), for automatic sessions to stay off until the next day. */
  lastClockOutMs(): number | null {
    const row = this.db.prepare("SELECT max(end_ms) AS at FROM sessions WHERE end_reason = 'clock-out'").get() as { at: number | null };
    return row.at;
  }

  /** Session changes made by the CLI while no recorder runs. */
  writeSessions(sessions: SessionWrite[]): void {
    const deviceId = this.deviceId;
    this.db.transaction(() => {
      for (const s of sessions) this.stmts.upsertSession.run({ ...s, deviceId, runId: null, open: s.open ? 1 : 0 });
    })();
  }

  enqueueCommand(body: string, nowMs: number): number {
    return Number(this.db.prepare('INSERT INTO commands (created_ms, body) VALUES (?, ?)').run(nowMs, body).lastInsertRowid);
  }

  pendingCommands(): PendingCommand[] {
    return this.stmts.pendingCommands.all() as PendingCommand[];
  }

  answerCommand(id: number, ok: boolean, result: string, nowMs: number): void {
    this.db.prepare('UPDATE commands SET status = ?, result = ?, answered_ms = ? WHERE id = ?').run(ok ? 'done' : 'failed', result, nowMs, id);
  }

  commandAnswer(id: number): { status: 'pending' | 'done' | 'failed'; result: string | null } | null {
    return (
      (this.db.prepare('SELECT status, result FROM commands WHERE id = ?').get(id) as
        { status: 'pending' | 'done' | 'failed'; result: string | null } | undefined) ?? null
    );
  }

  /** Withdraws a command nobody answered, so a recorder started later does not act on a stale request. */
  withdrawCommand(id: number, nowMs: number): boolean {
    return (
      this.db
        .prepare("UPDATE commands SET status = 'failed', result = 'withdrawn: no recorder answered', answered_ms = ? WHERE id = ? AND status = 'pending'")
        .run(nowMs, id).changes === 1
    );
  }
}

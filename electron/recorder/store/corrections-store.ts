import type Database from 'better-sqlite3';
import type { SessionKind } from '../../../shared/recording/records';
import { utcOffsetMinutes } from '../../../shared/recording/zone-offset';
import { entryLengthProblem } from '../../../shared/bounds';
import { CodedConflict, CodedRefusal } from '../../../shared/api/refusal';
import type { IdleChoice } from '../../../shared/recording/records';
import {
  resolveIntervals,
  toEffective,
  workedTimeOf,
  type EffectiveInterval,
  type IdleRow,
  type TimeRecords,
  type WorkedTime,
  type WorkedTimePolicy,
} from '../../../shared/timesheet';
import { isUniqueViolation } from './unique-violation';

export interface CorrectionInput {
  kind: SessionKind;
  /** Both null removes what `replaces` names. */
  startMs: number | null;
  endMs: number | null;
  timeZone: string;
  replaces: string | null;
  reason: string;
}

interface CorrectionRow {
  uuid: string;
  device_id: string;
  kind: SessionKind;
  start_ms: number | null;
  end_ms: number | null;
  tz: string;
  replaces_uuid: string | null;
  reason: string;
  created_ms: number;
}

/**
 * Manual time and edits as correction records: a correction adds time, or replaces a recorded session or
 * an earlier correction by uuid (with new times, or with none to remove it). Nothing is updated in place.
 */
export class CorrectionsStore {
  constructor(
    private readonly db: Database.Database,
    private readonly deviceId: string,
  ) {}

  add(input: CorrectionInput, nowMs: number): string {
    return this.atomically(() => {
      if (input.replaces !== null) this.replaceable(input.replaces);
      return this.write(input, nowMs);
    });
  }

  /** Replaces a session or manual entry with new times (a time not given stays as it was). */
  edit(uuid: string, change: { startMs?: number; endMs?: number }, reason: string, nowMs: number): { uuid: string; startMs: number; endMs: number } {
    return this.atomically(() => {
      const target = this.replaceable(uuid);
      const startMs = change.startMs ?? target.startMs;
      const endMs = change.endMs ?? target.endMs;
      return { uuid: this.write({ kind: target.kind, startMs, endMs, timeZone: target.timeZone, replaces: uuid, reason }, nowMs), startMs, endMs };
    });
  }

  /** Takes a session or manual entry out of the timesheet with a removal record; the original stays on record. */
  remove(uuid: string, reason: string, nowMs: number): string {
    return this.atomically(() => {
      const target = this.replaceable(uuid);
      return this.write({ kind: target.kind, startMs: null, endMs: null, timeZone: target.timeZone, replaces: uuid, reason }, nowMs);
    });
  }

  /**
   * Checks what a correction replaces and writes it under one write lock taken up front, so of two edits
   * of the same record (two processes, or two windows) exactly one lands and the other is refused.
   */
  private atomically<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Checks the correction itself and writes it; what it replaces was checked by the caller. */
  private write(input: CorrectionInput, nowMs: number): string {
    const reason = input.reason.trim();
    if (reason === '') throw new CodedRefusal('time-need-reason', 'Give a --reason: manual time and edits need one for approval.');
    if ((input.startMs === null) !== (input.endMs === null))
      throw new CodedRefusal('time-need-both-ends', 'Give both a start and an end, or neither to remove.');
    if (input.startMs !== null && input.endMs !== null && input.endMs <= input.startMs) {
      throw new CodedRefusal('time-end-before-start', 'The end must be after the start.');
    }
    if (input.startMs !== null && input.endMs !== null) {
      const problem = entryLengthProblem(input.startMs, input.endMs);
      if (problem !== null) throw new CodedRefusal('time-too-long', problem, { hours: String(Math.floor((input.endMs - input.startMs) / 3_600_000)) });
    }
    if (input.startMs === null && input.replaces === null) throw new CodedRefusal('time-name-entry', 'Name the entry to remove.');
    // The global Web Crypto: it loads at first use, where node:crypto imported here would load with every command.
    const uuid = crypto.randomUUID();
    const offsetAt = input.startMs ?? nowMs;
    try {
      this.db
        .prepare(
          `INSERT INTO corrections (uuid, device_id, kind, start_ms, end_ms, tz, utc_offset_min, replaces_uuid, reason, created_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          uuid,
          this.deviceId,
          input.kind,
          input.startMs,
          input.endMs,
          input.timeZone,
          utcOffsetMinutes(offsetAt, input.timeZone),
          input.replaces,
          reason,
          nowMs,
        );
    } catch (error) {
      // The database holds one replacement per record (migration 8): another writer got there first.
      if (input.replaces !== null && isUniqueViolation(error, 'corrections.replaces_uuid')) throw this.alreadyReplaced(input.replaces);
      throw error;
    }
    return uuid;
  }

  private alreadyReplaced(uuid: string): CodedConflict {
    const newer = this.db.prepare('SELECT uuid FROM corrections WHERE replaces_uuid = ?').pluck().get(uuid) as string | undefined;
    return new CodedConflict(
      'time-already-replaced',
      newer === undefined
        ? `${uuid} was already replaced by another change. \`stint time list\` shows what stands now; edit that one instead.`
        : `${uuid} was already replaced by ${newer}. Edit that one instead.`,
      { uuid, newer: newer ?? '' },
    );
  }

  /** The session or correction a new correction would replace, as it stands. */
  find(uuid: string): { kind: SessionKind; startMs: number | null; endMs: number | null; timeZone: string; open: boolean } | null {
    const session = this.db.prepare('SELECT kind, start_ms, end_ms, tz, open FROM sessions WHERE uuid = ?').get(uuid) as
      { kind: SessionKind; start_ms: number; end_ms: number; tz: string; open: number } | undefined;
    if (session) return { kind: session.kind, startMs: session.start_ms, endMs: session.end_ms, timeZone: session.tz, open: session.open === 1 };
    const correction = this.db.prepare('SELECT kind, start_ms, end_ms, tz FROM corrections WHERE uuid = ?').get(uuid) as
      { kind: SessionKind; start_ms: number | null; end_ms: number | null; tz: string } | undefined;
    if (correction) return { kind: correction.kind, startMs: correction.start_ms, endMs: correction.end_ms, timeZone: correction.tz, open: false };
    return null;
  }

  /** The entry a new correction may replace: it exists, is closed, is not a removal and was not replaced yet. */
  private replaceable(uuid: string): { kind: SessionKind; startMs: number; endMs: number; timeZone: string } {
    const target = this.find(uuid);
    if (!target) throw new CodedRefusal('time-not-found', `No session or manual entry ${uuid}. \`stint time list\` shows them with their ids.`, { uuid });
    if (target.open) throw new CodedRefusal('time-still-running', `Session ${uuid} is still running. Stop it first, then edit it.`, { uuid });
    if (target.startMs === null || target.endMs === null) throw new CodedRefusal('time-is-removal', `${uuid} is a removal; it cannot be edited.`, { uuid });
    if (this.db.prepare('SELECT 1 FROM corrections WHERE replaces_uuid = ?').get(uuid) !== undefined) throw this.alreadyReplaced(uuid);
    return { kind: target.kind, startMs: target.startMs, endMs: target.endMs, timeZone: target.timeZone };
  }

  /**
   * The stored rows the worked time of [fromMs, toMs) depends on: sessions in the range (and open ones
   * clocked in by hand), the sessions corrections go back to, every correction, and idle stretches in the
   * range with their answers.
   */
  records(fromMs: number, toMs: number): TimeRecords {
    // Raw rows (arrays, not objects keyed by column): a year's timesheet reads every session of it.
    const sessionRows = this.db
      .prepare(
        `SELECT uuid, device_id, kind, start_ms, end_ms, tz, start_reason, open, run_id FROM sessions
         WHERE (start_ms < @to AND (end_ms > @from OR (open = 1 AND run_id IS NULL)))
            OR uuid IN (SELECT replaces_uuid FROM corrections WHERE replaces_uuid IS NOT NULL)
         ORDER BY start_ms, id`,
      )
      .raw()
      .all({ from: fromMs, to: toMs }) as [string, string, SessionKind, number, number, string, string, number, string | null][];
    const sessions = sessionRows.map(([uuid, deviceId, kind, startMs, endMs, timeZone, startReason, open, runId]) => ({
      uuid,
      deviceId,
      kind,
      startMs,
      endMs,
      timeZone,
      source: startReason.startsWith('import') ? ('import' as const) : ('recorded' as const),
      open: open === 1,
      runsUntilNow: open === 1 && runId === null,
    }));
    const corrections = (
      this.db
        .prepare('SELECT uuid, device_id, kind, start_ms, end_ms, tz, replaces_uuid, reason, created_ms FROM corrections ORDER BY id')
        .all() as CorrectionRow[]
    ).map((c) => ({
      uuid: c.uuid,
      deviceId: c.device_id,
      kind: c.kind,
      startMs: c.start_ms,
      endMs: c.end_ms,
      timeZone: c.tz,
      replaces: c.replaces_uuid,
      reason: c.reason,
      createdMs: c.created_ms,
    }));
    const idleRows = this.db
      .prepare(
        `SELECT i.uuid, i.device_id, i.start_ms, i.end_ms, c.choice FROM idle i
         LEFT JOIN idle_choices c ON c.idle_uuid = i.uuid WHERE i.start_ms < ? AND i.end_ms > ? ORDER BY i.start_ms`,
      )
      .raw()
      .all(toMs, fromMs) as [string, string, number, number, IdleChoice | null][];
    const idle: IdleRow[] = [];
    const idleChoices: { idleUuid: string; choice: IdleChoice }[] = [];
    for (const [uuid, deviceId, startMs, endMs, choice] of idleRows) {
      idle.push({ uuid, deviceId, startMs, endMs });
      if (choice !== null) idleChoices.push({ idleUuid: uuid, choice });
    }
    return { sessions, corrections, idle, idleChoices };
  }

  /** Work and breaks overlapping [fromMs, toMs) as they count after all corrections. */
  effective(fromMs: number, toMs: number, nowMs: number): EffectiveInterval[] {
    return resolveIntervals(this.records(fromMs, toMs), nowMs)
      .filter((i) => i.startMs < toMs && i.endMs > fromMs)
      .map(toEffective);
  }

  /** Worked and break time around [fromMs, toMs), labelled manual, claimed or unconfirmed idle (shared/timesheet/worked-time.ts). */
  workedTime(fromMs: number, toMs: number, nowMs: number, policy: WorkedTimePolicy, fallbackTimeZone: string): WorkedTime {
    return workedTimeOf(this.records(fromMs, toMs), nowMs, policy, fallbackTimeZone);
  }
}

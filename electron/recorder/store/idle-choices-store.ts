import type Database from 'better-sqlite3';
import type { PendingIdle } from '../../../shared/api/contract';
import type { IdleChoice } from '../../../shared/recording/records';
import { IDLE_CHOICE_REASONS } from '../../../shared/recording/idle-reasons';
import { CodedConflict, CodedRefusal } from '../../../shared/api/refusal';
import { CorrectionsStore } from './corrections-store';
import { isUniqueViolation } from './unique-violation';

const REASONS = IDLE_CHOICE_REASONS;

/** The idle prompt's answers: one per idle stretch, immutable, with what it does to the timesheet. */
export class IdleChoicesStore {
  constructor(
    private readonly db: Database.Database,
    private readonly deviceId: string,
  ) {}

  /** Idle stretches since `sinceMs`, at least `minMs` long, that fell in a work session and have no answer yet. */
  pending(sinceMs: number, minMs = 0): PendingIdle[] {
    const rows = this.db
      .prepare(
        `SELECT i.uuid, i.start_ms AS startMs, i.end_ms AS endMs, i.open FROM idle i
         WHERE i.end_ms > ? AND i.end_ms - i.start_ms >= ? AND NOT EXISTS (SELECT 1 FROM idle_choices c WHERE c.idle_uuid = i.uuid)
           AND EXISTS (SELECT 1 FROM sessions s WHERE s.kind = 'work' AND s.start_ms < i.end_ms AND s.end_ms > i.start_ms)
         ORDER BY i.start_ms`,
      )
      .all(sinceMs, minMs) as { uuid: string; startMs: number; endMs: number; open: number }[];
    return rows.map((r) => ({ uuid: r.uuid, startMs: r.startMs, endMs: r.endMs, open: r.open === 1 }));
  }

  /**
   * Records the answer, once: the check and the write share one immediate transaction, so of two answers
   * given at once (the prompt in two windows, or the tray and the CLI) exactly one lands.
   */
  resolve(idleUuid: string, choice: IdleChoice, nowMs: number): void {
    this.db
      .transaction(() => {
        const idle = this.db.prepare('SELECT start_ms AS startMs, end_ms AS endMs, tz, open FROM idle WHERE uuid = ?').get(idleUuid) as
          { startMs: number; endMs: number; tz: string; open: number } | undefined;
        if (!idle) throw new CodedRefusal('idle-not-found', `No idle stretch ${idleUuid}.`);
        if (idle.open === 1) throw new CodedRefusal('idle-still-idle', 'You are still idle; answer when you are back.');
        const answered = this.answered(idleUuid);
        if (answered) throw answered;
        try {
          // The global Web Crypto: it loads at first use, where node:crypto imported here would load with every command.
          this.db
            .prepare('INSERT INTO idle_choices (uuid, device_id, idle_uuid, choice, start_ms, end_ms, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(crypto.randomUUID(), this.deviceId, idleUuid, choice, idle.startMs, idle.endMs, nowMs);
        } catch (error) {
          if (isUniqueViolation(error, 'idle_choices.idle_uuid')) {
            throw (
              this.answered(idleUuid) ??
              new CodedConflict('idle-already-answered', 'This idle stretch was already answered. Correct the time in the timesheet instead.')
            );
          }
          throw error;
        }
        if (choice === 'break' && idle.endMs > idle.startMs) {
          new CorrectionsStore(this.db, this.deviceId).add(
            { kind: 'break', startMs: idle.startMs, endMs: idle.endMs, timeZone: idle.tz, replaces: null, reason: REASONS.break },
            nowMs,
          );
        }
      })
      .immediate();
  }

  /** When an idle stretch was and in which zone, or null when there is none with that uuid. */
  span(idleUuid: string): { startMs: number; endMs: number; timeZone: string } | null {
    const idle = this.db.prepare('SELECT start_ms AS startMs, end_ms AS endMs, tz AS timeZone FROM idle WHERE uuid = ?').get(idleUuid) as
      { startMs: number; endMs: number; timeZone: string } | undefined;
    return idle ?? null;
  }

  /** The refusal for an idle stretch that already has its answer, or null. */
  private answered(idleUuid: string): CodedConflict | null {
    const choice = this.db.prepare('SELECT choice FROM idle_choices WHERE idle_uuid = ?').pluck().get(idleUuid) as string | undefined;
    if (choice === undefined) return null;
    return new CodedConflict('idle-already-answered', `This idle stretch was already marked as ${choice}. Correct the time in the timesheet instead.`, {
      choice,
    });
  }
}

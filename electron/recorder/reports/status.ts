import type Database from 'better-sqlite3';
import type { SessionKind } from '../../../shared/recording/records';
import { PAUSE_REASONS } from '../../../shared/recording/session-machine';
import { localDate, localDayBounds } from '../../../shared/timesheet';
import { workedTotals } from '../../../shared/timesheet';
import { CorrectionsStore } from '../store/corrections-store';
import { RulesStore } from '../store/rules-store';
import { SettingsStore } from '../store/settings-store';
import { timeUseReport } from './time-use';
import type { RecorderInForce, Status } from '../../../shared/api/results';

/** What `stint status` shows: the recorder, the open session, the focused window and today's totals. */
export function readStatus(db: Database.Database, nowMs: number, timeZone: string, recorder: { pid: number; inForce?: RecorderInForce } | null): Status {
  const run = db.prepare('SELECT last_seen_ms, paused_reason, paused_ms FROM runs ORDER BY started_ms DESC LIMIT 1').get() as
    { last_seen_ms: number; paused_reason: string | null; paused_ms: number | null } | undefined;
  const pauseReason = PAUSE_REASONS.find((r) => r === run?.paused_reason);
  const paused = recorder && pauseReason && run?.paused_ms != null ? { reason: pauseReason, sinceMs: run.paused_ms } : null;
  const session = db.prepare('SELECT kind, start_ms, end_ms, run_id FROM sessions WHERE open = 1').get() as
    { kind: SessionKind; start_ms: number; end_ms: number; run_id: string | null } | undefined;
  const last = db
    .prepare(
      `SELECT app.value AS app, title.value AS title, a.start_ms, a.open FROM activity a
       JOIN strings app ON app.id = a.app_id JOIN strings title ON title.id = a.title_id
       ORDER BY a.start_ms DESC, a.id DESC LIMIT 1`,
    )
    .get() as { app: string; title: string; start_ms: number; open: number } | undefined;
  const idle = db.prepare('SELECT start_ms FROM idle WHERE open = 1').pluck().get() as number | undefined;
  const date = localDate(nowMs, timeZone);
  const day = localDayBounds(date, timeZone);
  const report = timeUseReport(db, { fromMs: day.startMs, toMs: day.endMs, by: 'app', timeZone, nowMs, categorizer: new RulesStore(db).reportRules() });
  // A session is live while its recorder runs (or it was clocked in by hand); otherwise it ended at its last save.
  const sessionEnd = session && (recorder || session.run_id === null) ? nowMs : (session?.end_ms ?? nowMs);
  const idleSinceMs = recorder ? (idle ?? null) : null;
  // The big timer stops while the rep is idle: today's worked time up to where the idle began (unanswered idle is
  // only counted, or not, once the rep says what it was or the limit decides).
  const stoppedAt = idleSinceMs !== null && session?.kind === 'work' ? Math.min(nowMs, Math.max(day.startMs, idleSinceMs)) : null;
  const timerSeconds =
    stoppedAt === null
      ? report.workSeconds
      : workedTotals(
          new CorrectionsStore(db, '').workedTime(day.startMs, stoppedAt, stoppedAt, new SettingsStore(db).policy(), timeZone),
          day.startMs,
          stoppedAt,
        ).workSeconds;
  return {
    recorder: { running: recorder !== null, pid: recorder?.pid ?? null, lastSeenMs: run?.last_seen_ms ?? null, paused, inForce: recorder?.inForce ?? null },
    session: session ? { kind: session.kind, startMs: session.start_ms, seconds: Math.max(0, sessionEnd - session.start_ms) / 1000 } : null,
    window: last ? { app: last.app, title: last.title, sinceMs: last.start_ms, current: recorder !== null && last.open === 1 } : null,
    idleSinceMs,
    today: {
      date,
      timeZone,
      trackedSeconds: report.trackedSeconds,
      activeSeconds: report.activeSeconds,
      idleSeconds: report.idleSeconds,
      workSeconds: report.workSeconds,
      timerSeconds,
      breakSeconds: report.breakSeconds,
      manualSeconds: report.manualSeconds,
      claimedIdleSeconds: report.claimedIdleSeconds,
      unconfirmedIdleSeconds: report.unconfirmedIdleSeconds,
      topApps: report.rows.slice(0, 5),
    },
  };
}

import type { Status } from '../../shared/api/results';

/*
 * How often the main process reads the live status. Reading it runs today's time-use report, so it is read
 * every second only while a view is showing (the views want live numbers); with only the tray to feed it is
 * read every 15 seconds, and the tray's timer is moved on by the clock in between.
 */

export const LIVE_STATUS_MS = 1000;
export const BACKGROUND_STATUS_MS = 15_000;

export interface StatusReadState {
  nowMs: number;
  /** When the status was last read; null before the first read. */
  lastReadMs: number | null;
  /** A window of the app is visible. */
  viewsVisible: boolean;
  /** Something changed since (a request that changes data, a recorder event): read now. */
  dirty: boolean;
}

/** Whether to read the status on this tick (the ticker runs once a second). */
export function shouldReadStatus(state: StatusReadState): boolean {
  if (state.lastReadMs === null || state.dirty || state.viewsVisible) return true;
  // A clock set back counts as stale too.
  const age = state.nowMs - state.lastReadMs;
  return age >= BACKGROUND_STATUS_MS || age < 0;
}

/**
 * The status read at `readAtMs` as it stands at `nowMs`: the open session's timer runs on, and so does
 * today's worked time while that session is work. Only for display between two reads.
 */
export function advanceStatus(status: Status, readAtMs: number, nowMs: number): Status {
  const elapsed = Math.max(0, nowMs - readAtMs) / 1000;
  if (status.session === null || elapsed === 0) return status;
  return {
    ...status,
    session: { ...status.session, seconds: status.session.seconds + elapsed },
    today:
      status.session.kind === 'work'
        ? {
            ...status.today,
            workSeconds: status.today.workSeconds + elapsed,
            // The big timer stands still while the rep is idle.
            timerSeconds: status.today.timerSeconds + (status.idleSinceMs === null ? elapsed : 0),
          }
        : status.today,
  };
}

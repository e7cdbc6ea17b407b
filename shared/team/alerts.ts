/**
 * The alerts of the Team now page, as pure rules over a rep's live status and the time now, so the
 * server and the page agree and a test can step through them.
 */
import { STATUS_STALE_MS, type DeviceStatus } from '../sync/contract';

/** Idle this long while clocked in (and not on a break or a call) is worth a look. */
export const LONG_IDLE_MS = 20 * 60_000;
/** Clocked in for more worked time than this today: probably a forgotten clock-out. */
export const FORGOTTEN_CLOCK_OUT_WORKED_S = 12 * 3600;
/** A device that went quiet while clocked in, this long ago: the session keeps running unattended. */
export const FORGOTTEN_CLOCK_OUT_OFFLINE_MS = 30 * 60_000;

export type TeamAlert = { kind: 'long-idle'; sinceMs: number } | { kind: 'forgotten-clock-out'; why: 'long-day' | 'device-offline'; sinceMs: number };

export type Presence = 'offline' | 'working' | 'break' | 'call' | 'idle' | 'clocked-out';

export function isOnline(receivedMs: number, nowMs: number): boolean {
  return nowMs - receivedMs <= STATUS_STALE_MS;
}

/** What a rep is doing now, from their latest status (null: never heard from). */
export function presenceOf(status: { receivedMs: number; status: DeviceStatus } | null, nowMs: number): Presence {
  if (!status || !isOnline(status.receivedMs, nowMs)) return 'offline';
  const s = status.status;
  if (!s.clockedIn) return 'clocked-out';
  if (s.onCall) return 'call';
  if (s.onBreak) return 'break';
  if (s.idleSinceMs != null && nowMs - s.idleSinceMs >= 60_000) return 'idle';
  return 'working';
}

export function alertsOf(status: { receivedMs: number; status: DeviceStatus } | null, nowMs: number): TeamAlert[] {
  if (!status || !status.status.clockedIn) return [];
  const s = status.status;
  const out: TeamAlert[] = [];
  if (!isOnline(status.receivedMs, nowMs)) {
    if (nowMs - status.receivedMs >= FORGOTTEN_CLOCK_OUT_OFFLINE_MS)
      out.push({ kind: 'forgotten-clock-out', why: 'device-offline', sinceMs: status.receivedMs });
    return out;
  }
  if (s.todayWorkedSeconds >= FORGOTTEN_CLOCK_OUT_WORKED_S) out.push({ kind: 'forgotten-clock-out', why: 'long-day', sinceMs: s.atMs });
  if (!s.onBreak && !s.onCall && s.idleSinceMs != null && nowMs - s.idleSinceMs >= LONG_IDLE_MS) out.push({ kind: 'long-idle', sinceMs: s.idleSinceMs });
  return out;
}

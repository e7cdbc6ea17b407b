import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../sync/contract';
import { alertsOf, FORGOTTEN_CLOCK_OUT_OFFLINE_MS, LONG_IDLE_MS, presenceOf } from './alerts';

const T = Date.UTC(2026, 2, 2, 15, 0);
const status = (over: Partial<DeviceStatus> = {}, receivedMs = T): { receivedMs: number; status: DeviceStatus } => ({
  receivedMs,
  status: { deviceId: 'd', atMs: receivedMs, clockedIn: true, onBreak: false, onCall: false, category: null, todayWorkedSeconds: 3600, ...over },
});

describe('presence', () => {
  it('is offline when never heard from or stale, and otherwise follows the status', () => {
    expect(presenceOf(null, T)).toBe('offline');
    expect(presenceOf(status({}, T - 3 * 60_000), T)).toBe('offline');
    expect(presenceOf(status({ clockedIn: false }), T)).toBe('clocked-out');
    expect(presenceOf(status({ onCall: true, onBreak: true }), T)).toBe('call');
    expect(presenceOf(status({ onBreak: true }), T)).toBe('break');
    expect(presenceOf(status({ idleSinceMs: T - 5 * 60_000 }), T)).toBe('idle');
    expect(presenceOf(status({ idleSinceMs: T - 10_000 }), T)).toBe('working');
    expect(presenceOf(status(), T)).toBe('working');
  });
});

describe('alerts', () => {
  it('flag long idle while clocked in, but not on a break or a call', () => {
    expect(alertsOf(status({ idleSinceMs: T - LONG_IDLE_MS }), T)).toEqual([{ kind: 'long-idle', sinceMs: T - LONG_IDLE_MS }]);
    expect(alertsOf(status({ idleSinceMs: T - LONG_IDLE_MS + 1 }), T)).toEqual([]);
    expect(alertsOf(status({ idleSinceMs: T - LONG_IDLE_MS, onBreak: true }), T)).toEqual([]);
    expect(alertsOf(status({ idleSinceMs: T - LONG_IDLE_MS, clockedIn: false }), T)).toEqual([]);
  });
  it('flag a forgotten clock-out: a very long day, or a device gone quiet while clocked in', () => {
    expect(alertsOf(status({ todayWorkedSeconds: 12 * 3600 }), T)).toEqual([{ kind: 'forgotten-clock-out', why: 'long-day', sinceMs: T }]);
    const quiet = T - FORGOTTEN_CLOCK_OUT_OFFLINE_MS;
    expect(alertsOf(status({}, quiet), T)).toEqual([{ kind: 'forgotten-clock-out', why: 'device-offline', sinceMs: quiet }]);
    expect(alertsOf(status({}, quiet + 1), T)).toEqual([]);
    expect(alertsOf(status({ clockedIn: false }, quiet), T)).toEqual([]);
  });
});

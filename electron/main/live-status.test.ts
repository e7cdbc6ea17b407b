import { describe, expect, it } from 'vitest';
import type { Status } from '../../shared/api/results';
import { advanceStatus, BACKGROUND_STATUS_MS, shouldReadStatus } from './live-status';

const status = (session: Status['session']): Status => ({
  recorder: { running: true, pid: 1, lastSeenMs: 0, paused: null },
  session,
  window: null,
  idleSinceMs: null,
  today: {
    date: '2026-03-02',
    timeZone: 'UTC',
    trackedSeconds: 100,
    activeSeconds: 90,
    idleSeconds: 10,
    workSeconds: 3600,
    timerSeconds: 3600,
    breakSeconds: 300,
    manualSeconds: 0,
    claimedIdleSeconds: 0,
    unconfirmedIdleSeconds: 0,
    topApps: [],
  },
});

describe('shouldReadStatus', () => {
  const base = { nowMs: 100_000, lastReadMs: 99_000, viewsVisible: false, dirty: false };

  it('reads every second while a view shows, and at once after a change', () => {
    expect(shouldReadStatus({ ...base, viewsVisible: true })).toBe(true);
    expect(shouldReadStatus({ ...base, dirty: true })).toBe(true);
    expect(shouldReadStatus({ ...base, lastReadMs: null })).toBe(true);
  });

  it('reads every 15 seconds with only the tray to feed, and after the clock was set back', () => {
    expect(shouldReadStatus(base)).toBe(false);
    expect(shouldReadStatus({ ...base, lastReadMs: base.nowMs - BACKGROUND_STATUS_MS + 1 })).toBe(false);
    expect(shouldReadStatus({ ...base, lastReadMs: base.nowMs - BACKGROUND_STATUS_MS })).toBe(true);
    expect(shouldReadStatus({ ...base, lastReadMs: base.nowMs + 60_000 })).toBe(true);
  });
});

describe('advanceStatus', () => {
  it('runs the session timer and today’s work on while working', () => {
    const read = status({ kind: 'work', startMs: 0, seconds: 60 });
    const later = advanceStatus(read, 10_000, 17_500);
    expect(later.session!.seconds).toBe(67.5);
    expect(later.today.workSeconds).toBe(3607.5);
    expect(read.session!.seconds).toBe(60);
  });

  it('runs only the break timer on a break, and nothing when clocked out or for a clock set back', () => {
    const onBreak = advanceStatus(status({ kind: 'break', startMs: 0, seconds: 60 }), 0, 5000);
    expect(onBreak.session!.seconds).toBe(65);
    expect(onBreak.today.workSeconds).toBe(3600);
    const off = status(null);
    expect(advanceStatus(off, 0, 5000)).toBe(off);
    const back = status({ kind: 'work', startMs: 0, seconds: 60 });
    expect(advanceStatus(back, 5000, 0)).toBe(back);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Status } from '../../shared/api/results';
import { H, MIN, T9 } from '../recorder/api/api-test-fixture';
import { translator } from './messages';
import {
  createClockOutReminder,
  createIdlePrompt,
  type IdlePrompt,
  type NotificationCallbacks,
  type NotificationSpec,
  type Requester,
  type ShowNotification,
} from './notifications';
import { routerFixture, type RouterFixture } from './testing/stand-ins';

const t = translator('en');

/** Records every notification shown, with its callbacks, and whether it was closed. */
function notificationCenter() {
  const shown: { spec: NotificationSpec; on: NotificationCallbacks; closed: boolean }[] = [];
  const show: ShowNotification = (spec, on) => {
    const entry = { spec, on, closed: false };
    shown.push(entry);
    return { close: () => (entry.closed = true) };
  };
  return { shown, show, open: () => shown.filter((s) => !s.closed) };
}

/** A requester that goes through the real router and records what was asked. */
function recordingRequester(f: RouterFixture) {
  const asked: { name: string; input: unknown }[] = [];
  const request: Requester = (name, input) => {
    asked.push({ name, input });
    return f.router.call(name, input);
  };
  return { asked, request };
}

describe('the idle prompt', () => {
  let f: RouterFixture;
  let center: ReturnType<typeof notificationCenter>;
  let requests: ReturnType<typeof recordingRequester>;
  let opened: number;
  let prompt: IdlePrompt;

  beforeEach(() => {
    f = routerFixture();
    center = notificationCenter();
    requests = recordingRequester(f);
    opened = 0;
    prompt = createIdlePrompt({ show: center.show, request: requests.request, openWindow: () => opened++, t, log: () => undefined, clock: f.clock });
  });
  afterEach(() => {
    prompt.dispose();
    f.close();
  });

  it('asks about the idle stretch that just ended, with the four answers as actions', async () => {
    prompt.onRecorderEvent({ type: 'idle-end', atMs: T9 + 2 * H, idleMs: 30 * MIN });
    expect(center.shown).toEqual([]);
    // It waits for the recorder's flush before reading the stretch.
    await f.clock.advance(1500);
    await f.settle();
    expect(center.shown).toHaveLength(1);
    expect(center.shown[0]!.spec).toEqual({
      title: 'You were away for 0:30:00',
      body: 'What was that time? Choose an answer, or open Stint to decide later.',
      actions: ['Work', 'Break', 'Call or meeting', 'Discard'],
    });
  });

  it.each([
    [0, 'work'],
    [1, 'break'],
    [2, 'call'],
    [3, 'discard'],
  ] as const)('turns action %i into idle.resolve with choice %s', async (index, choice) => {
    prompt.onRecorderEvent({ type: 'idle-end', atMs: T9 + 2 * H, idleMs: 30 * MIN });
    await f.clock.advance(1500);
    await f.settle();
    center.shown[0]!.on.action(index);
    await f.settle();
    expect(requests.asked.at(-1)).toEqual({ name: 'idle.resolve', input: { idleUuid: 'idle-seeded', choice } });
    // The answer is stored: nothing is pending any more, and the views were told.
    expect(await f.router.call('idle.pending', {})).toEqual({ ok: true, data: [] });
    expect(f.published).toContainEqual({ type: 'changed', what: 'idle' });
  });

  it('opens the window on a click (where the OS shows no buttons) and ignores an action it does not know', async () => {
    prompt.onRecorderEvent({ type: 'idle-end', atMs: T9 + 2 * H, idleMs: 30 * MIN });
    await f.clock.advance(1500);
    await f.settle();
    center.shown[0]!.on.click();
    center.shown[0]!.on.action(7);
    await f.settle();
    expect(opened).toBe(1);
    expect(requests.asked.map((a) => a.name)).toEqual(['idle.pending']);
  });

  it('shows a refused answer as a notification of its own', async () => {
    prompt.onRecorderEvent({ type: 'idle-end', atMs: T9 + 2 * H, idleMs: 30 * MIN });
    await f.clock.advance(1500);
    await f.settle();
    // Answered from the views in the meantime.
    await f.router.call('idle.resolve', { idleUuid: 'idle-seeded', choice: 'work' });
    center.shown[0]!.on.action(1);
    await f.settle();
    expect(center.shown.at(-1)!.spec).toEqual({
      title: 'Stint',
      body: 'This idle stretch was already marked as work. Correct the time in the timesheet instead.',
      actions: [],
    });
  });

  it('closes itself when the stretch is answered elsewhere', async () => {
    prompt.onRecorderEvent({ type: 'idle-end', atMs: T9 + 2 * H, idleMs: 30 * MIN });
    await f.clock.advance(1500);
    await f.settle();
    prompt.onApiEvent({ type: 'changed', what: 'rules' });
    await f.settle();
    expect(center.open()).toHaveLength(1);
    await f.router.call('idle.resolve', { idleUuid: 'idle-seeded', choice: 'discard' });
    prompt.onApiEvent({ type: 'changed', what: 'idle' });
    await f.settle();
    expect(center.open()).toHaveLength(0);
  });

  it('waits while the stretch is still open and asks once it is saved closed', async () => {
    const base = { timeZone: 'UTC', utcOffsetMin: 0 };
    f.store.startRun('live', 1, T9 + 3 * H);
    const session = {
      ...base,
      uuid: 'w2',
      kind: 'work' as const,
      startMs: T9 + 3 * H,
      endMs: T9 + 4 * H,
      startReason: 'clock-in',
      endReason: null,
      open: true,
    };
    const idle = { ...base, uuid: 'idle-live', startMs: T9 + 3 * H + 10 * MIN, endMs: T9 + 3 * H + 40 * MIN };
    f.store.flush({ runId: 'live', lastSeenMs: T9 + 4 * H, activity: [], idle: [{ ...idle, open: true }], sessions: [session] });
    prompt.onRecorderEvent({ type: 'idle-end', atMs: T9 + 4 * H, idleMs: 30 * MIN });
    await f.clock.advance(1500);
    await f.settle();
    expect(center.shown).toEqual([]);
    f.store.flush({ runId: 'live', lastSeenMs: T9 + 4 * H, activity: [], idle: [{ ...idle, open: false }], sessions: [session] });
    await f.clock.advance(3000);
    await f.settle();
    expect(center.shown).toHaveLength(1);
    center.shown[0]!.on.action(2);
    await f.settle();
    expect(requests.asked.at(-1)).toEqual({ name: 'idle.resolve', input: { idleUuid: 'idle-live', choice: 'call' } });
  });

  it('stops trying after the last retry, and does nothing once disposed', async () => {
    prompt.dispose();
    prompt.onRecorderEvent({ type: 'idle-end', atMs: T9 + 2 * H, idleMs: 30 * MIN });
    await f.clock.advance(60_000);
    await f.settle();
    expect(center.shown).toEqual([]);
    expect(requests.asked).toEqual([]);
  });

  it('ignores every other recorder event', async () => {
    prompt.onRecorderEvent({ type: 'idle-start', atMs: T9, sinceMs: T9 });
    prompt.onRecorderEvent({ type: 'focus', atMs: T9, app: 'Slack', title: '#sales' });
    await f.clock.advance(10_000);
    await f.settle();
    expect(requests.asked).toEqual([]);
  });
});

describe('the forgotten clock-out reminder', () => {
  let f: RouterFixture;
  let center: ReturnType<typeof notificationCenter>;
  let requests: ReturnType<typeof recordingRequester>;
  let now: number;
  let enabled: boolean;

  // Monday 2 March 2026 in New York (UTC−5): a session from 09:00 local.
  const zone = 'America/New_York';
  const local = (hour: number, minute = 0) => Date.UTC(2026, 2, 2, hour + 5, minute);
  const statusAt = (session: Status['session']): Status => ({
    recorder: { running: true, pid: 1, lastSeenMs: now, paused: null },
    session,
    window: null,
    idleSinceMs: null,
    today: {
      date: '2026-03-02',
      timeZone: zone,
      trackedSeconds: 0,
      activeSeconds: 0,
      idleSeconds: 0,
      workSeconds: 0,
      timerSeconds: 0,
      breakSeconds: 0,
      manualSeconds: 0,
      claimedIdleSeconds: 0,
      unconfirmedIdleSeconds: 0,
      topApps: [],
    },
  });
  const working = () => statusAt({ kind: 'work', startMs: local(9), seconds: (now - local(9)) / 1000 });

  beforeEach(() => {
    f = routerFixture();
    center = notificationCenter();
    requests = recordingRequester(f);
    enabled = true;
  });
  afterEach(() => f.close());

  const reminder = () =>
    createClockOutReminder({
      show: center.show,
      request: requests.request,
      openWindow: () => undefined,
      t,
      log: () => undefined,
      now: () => now,
      rule: () => (enabled ? { usualEndMinutes: 18 * 60, graceMinutes: 120, minOpenMinutes: 60, snoozeMinutes: 120 } : null),
      locale: 'en-US',
    });

  it('says nothing before the usual end plus grace, then reminds once, then again after the snooze', () => {
    const r = reminder();
    now = local(19, 59);
    r.check(working());
    expect(center.shown).toEqual([]);
    now = local(20, 0);
    r.check(working());
    expect(center.shown).toHaveLength(1);
    expect(center.shown[0]!.spec).toEqual({
      title: 'Still clocked in?',
      body: 'Your session has been running since 9:00 AM (11:00:00). Clock out if you are done for the day.',
      actions: ['Clock out', 'Still working'],
    });
    now = local(21, 59);
    r.check(working());
    expect(center.shown).toHaveLength(1);
    now = local(22, 0);
    r.check(working());
    expect(center.shown).toHaveLength(2);
    expect(center.shown[0]!.closed).toBe(true);
  });

  it('clocks out on "Clock out" through session.act', async () => {
    await f.router.call('session.act', { action: 'start' });
    const r = reminder();
    now = local(20, 30);
    r.check(working());
    center.shown[0]!.on.action(0);
    await f.settle();
    expect(requests.asked.at(-1)).toEqual({ name: 'session.act', input: { action: 'stop' } });
    expect(f.published.at(-1)).toEqual({ type: 'changed', what: 'sessions' });
  });

  it('snoozes from the moment of "Still working"', () => {
    const r = reminder();
    now = local(20, 0);
    r.check(working());
    now = local(21, 0);
    center.shown[0]!.on.action(1);
    now = local(22, 30);
    r.check(working());
    expect(center.shown).toHaveLength(1);
    now = local(23, 0);
    r.check(working());
    expect(center.shown).toHaveLength(2);
  });

  it('closes the reminder when the session ends, and stays quiet when turned off', () => {
    const r = reminder();
    now = local(20, 0);
    r.check(working());
    r.check(statusAt(null));
    expect(center.shown[0]!.closed).toBe(true);
    enabled = false;
    now = local(23, 0);
    r.check(working());
    expect(center.shown).toHaveLength(1);
  });
});

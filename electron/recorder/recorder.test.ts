import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueRecorderCommand } from './recorder-commands';
import { CallsStore } from './store/calls-store';
import { Store } from './store/store';
import { recorderHarness } from './testing/recorder-harness';

const S = 1000;
const MIN = 60 * S;
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

function activity(store: Store) {
  return store.db
    .prepare(
      `SELECT a.start_ms - ${T0} AS start, a.end_ms - ${T0} AS end, app.value AS app, title.value AS title, a.open
       FROM activity a JOIN strings app ON app.id = a.app_id JOIN strings title ON title.id = a.title_id ORDER BY a.start_ms, a.id`,
    )
    .all() as { start: number; end: number; app: string; title: string; open: number }[];
}
function sessions(store: Store) {
  return store.db
    .prepare(`SELECT kind, start_ms - ${T0} AS start, end_ms - ${T0} AS end, start_reason, end_reason, open FROM sessions ORDER BY start_ms, id`)
    .all() as { kind: string; start: number; end: number; start_reason: string; end_reason: string | null; open: number }[];
}
function idleRows(store: Store) {
  return store.db.prepare(`SELECT start_ms - ${T0} AS start, end_ms - ${T0} AS end, open FROM idle ORDER BY start_ms`).all() as {
    start: number;
    end: number;
    open: number;
  }[];
}

describe('Recorder', () => {
  it('turns a second-by-second script into contiguous activity spans, a session and no lost time', async () => {
    const h = recorderHarness();
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    // Samples fall on whole seconds; the rep switches halfway between two, so each switch is seen at the next one.
    await h.clock.advance(10 * S + 500);
    h.windows.set({ app: 'XTerm', title: 'bash' });
    await h.clock.advance(5 * S);
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    await h.clock.advance(3 * S);
    await h.recorder.stop();

    expect(activity(h.store)).toEqual([
      { start: 0, end: 11 * S, app: 'firefox', title: 'Inbox', open: 0 },
      { start: 11 * S, end: 16 * S, app: 'XTerm', title: 'bash', open: 0 },
      { start: 16 * S, end: 18 * S, app: 'firefox', title: 'Inbox', open: 0 },
    ]);
    expect(sessions(h.store)).toEqual([{ kind: 'work', start: 0, end: 18 * S + 500, start_reason: 'first-activity', end_reason: 'quit', open: 0 }]);
    const focus = h.events.filter((e) => e.type === 'focus').map((e) => (e.type === 'focus' ? e.app : ''));
    expect(focus).toEqual(['firefox', 'XTerm', 'firefox']);
  });

  it('records no window as an empty app and keeps the timeline whole', async () => {
    const h = recorderHarness();
    h.recorder.start();
    await h.clock.advance(2 * S + 500);
    h.windows.set({ app: 'code', title: 'x.ts' });
    await h.clock.advance(2 * S);
    await h.recorder.stop();
    expect(activity(h.store).map((r) => [r.app, r.start, r.end])).toEqual([
      ['', 0, 3 * S],
      ['code', 3 * S, 4 * S],
    ]);
  });

  it('back-dates idle to the last input and ends it at the next input, while the session goes on', async () => {
    const h = recorderHarness({ idleThresholdMs: 5 * MIN });
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    await h.clock.advance(60 * S);
    h.idle.input(); // last input at 60 s
    await h.clock.advance(7 * MIN);
    expect(idleRows(h.store)).toEqual([{ start: 60 * S, end: 60 * S + 7 * MIN, open: 1 }]);
    h.idle.input(); // back at 8 min
    await h.clock.advance(2 * S);
    await h.recorder.stop();
    expect(idleRows(h.store)).toEqual([{ start: 60 * S, end: 60 * S + 7 * MIN, open: 0 }]);
    expect(sessions(h.store)).toHaveLength(1);
    expect(h.events.some((e) => e.type === 'idle-start' && e.sinceMs === T0 + 60 * S)).toBe(true);
  });

  it('does not start the automatic session while the rep is away, and never back-dates idle before the start', async () => {
    // The rep has been away for 10 minutes before the recorder started.
    const away = recorderHarness({ idleThresholdMs: 5 * MIN });
    await away.clock.advance(10 * MIN);
    away.windows.set({ app: 'firefox', title: 'Inbox' });
    away.recorder.start();
    await away.clock.advance(30 * S);
    expect(sessions(away.store)).toEqual([]);
    const idle = idleRows(away.store);
    expect(idle[0]!.start).toBe(10 * MIN);
    away.idle.input();
    await away.clock.advance(2 * S);
    expect(sessions(away.store).map((s) => [s.kind, s.start_reason, s.open])).toEqual([['work', 'first-activity', 1]]);
    await away.recorder.stop();
  });

  it('splits the session at a forward clock jump or suspend and counts nothing in the gap', async () => {
    const h = recorderHarness();
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    await h.clock.advance(10 * S);
    h.clock.suspend(2 * 60 * MIN); // lid closed for two hours
    await h.clock.advance(5 * S);
    await h.recorder.stop();

    const s = sessions(h.store);
    expect(s.map((x) => [x.start, x.end, x.start_reason, x.end_reason])).toEqual([
      [0, 10 * S, 'first-activity', 'time-gap'],
      [2 * 60 * MIN + 11 * S, 2 * 60 * MIN + 15 * S, 'resume-after-gap', 'quit'],
    ]);
    const a = activity(h.store);
    expect(a.map((x) => [x.start, x.end])).toEqual([
      [0, 10 * S],
      [2 * 60 * MIN + 11 * S, 2 * 60 * MIN + 15 * S],
    ]);
  });

  it('after the clock is set back, records nothing until time passes what is already recorded', async () => {
    const h = recorderHarness();
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    await h.clock.advance(60 * S);
    h.clock.jumpWall(-30 * S);
    await h.clock.advance(60 * S);
    await h.recorder.stop();
    const spans = activity(h.store);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    const s = sessions(h.store);
    for (let i = 1; i < s.length; i++) expect(s[i]!.start).toBeGreaterThanOrEqual(s[i - 1]!.end);
    // 60 s before the jump and 30 s after the clock caught up again.
    const total = spans.reduce((sum, x) => sum + x.end - x.start, 0);
    expect(total).toBeGreaterThanOrEqual(88 * S);
    expect(total).toBeLessThanOrEqual(90 * S);
  });

  it('ends the session at lock and starts a new one at unlock, recording nothing while locked', async () => {
    const h = recorderHarness();
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    await h.clock.advance(10 * S);
    h.power.emit('lock');
    await h.clock.advance(5 * MIN);
    h.power.emit('unlock');
    await h.clock.advance(10 * S);
    await h.recorder.stop();
    const s = sessions(h.store);
    expect(s.map((x) => [x.end_reason, x.start_reason])).toEqual([
      ['lock', 'first-activity'],
      ['quit', 'resume-after-gap'],
    ]);
    const inLock = activity(h.store).filter((x) => x.end > 10 * S && x.start < 10 * S + 5 * MIN);
    expect(inLock).toEqual([]);
  });

  it('splits records when the time zone changes, each carrying its own zone', async () => {
    const h = recorderHarness({ timeZone: 'Europe/Berlin' });
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    await h.clock.advance(5 * S);
    h.clock.setTimeZone('America/New_York');
    await h.clock.advance(5 * S);
    await h.recorder.stop();
    const zones = h.store.db.prepare('SELECT tz, utc_offset_min FROM activity ORDER BY start_ms').all();
    expect(zones).toEqual([
      { tz: 'Europe/Berlin', utc_offset_min: 60 },
      { tz: 'America/New_York', utc_offset_min: -300 },
    ]);
    expect(sessions(h.store).map((x) => x.end_reason)).toEqual(['zone-change', 'quit']);
  });

  it('applies clock-in/out commands from other processes and refuses ones that make no sense', async () => {
    const h = recorderHarness({ autoSession: false });
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    await h.clock.advance(2 * S);
    expect(sessions(h.store)).toEqual([]);
    const bad = h.store.enqueueCommand(JSON.stringify({ type: 'session', action: 'resume' }), h.clock.now());
    const start = h.store.enqueueCommand(JSON.stringify({ type: 'session', action: 'start' }), h.clock.now());
    await h.clock.advance(1 * S);
    expect(h.store.commandAnswer(bad)!.status).toBe('failed');
    expect(JSON.parse(h.store.commandAnswer(bad)!.result!).error).toMatch(/No session is running/);
    expect(h.store.commandAnswer(start)!.status).toBe('done');
    h.store.enqueueCommand(JSON.stringify({ type: 'session', action: 'break' }), h.clock.now());
    await h.clock.advance(10 * S);
    h.store.enqueueCommand(JSON.stringify({ type: 'session', action: 'resume' }), h.clock.now());
    await h.clock.advance(10 * S);
    h.store.enqueueCommand(JSON.stringify({ type: 'session', action: 'stop' }), h.clock.now());
    await h.clock.advance(3 * S);
    await h.recorder.stop();
    expect(sessions(h.store).map((x) => [x.kind, x.start, x.end, x.end_reason])).toEqual([
      ['work', 3 * S, 4 * S, 'break'],
      ['break', 4 * S, 14 * S, 'resume'],
      ['work', 14 * S, 24 * S, 'clock-out'],
    ]);
  });

  it('passes change notices from other processes on at its next sample, once each, and refuses unknown ones', async () => {
    const h = recorderHarness();
    h.recorder.start();
    await h.clock.advance(1 * S);
    const time = enqueueRecorderCommand(h.store, { type: 'changed', what: 'time' }, h.clock.now());
    const rules = enqueueRecorderCommand(h.store, { type: 'changed', what: 'rules' }, h.clock.now());
    const bad = h.store.enqueueCommand(JSON.stringify({ type: 'changed', what: 'weather' }), h.clock.now());
    expect(h.changes).toEqual([]);
    await h.clock.advance(1 * S);
    expect(h.changes).toEqual(['time', 'rules']);
    expect([time, rules, bad].map((id) => h.store.commandAnswer(id)!.status)).toEqual(['done', 'done', 'failed']);
    await h.clock.advance(3 * S);
    expect(h.changes).toEqual(['time', 'rules']);
    await h.recorder.stop();
  });

  it('stores the first heartbeat at the first sample, whatever the monotonic clock read at start', async () => {
    // performance.now() is a few hundred ms into the process when the recorder starts, and the first
    // flush must not wait a whole interval for it: the first sample is durable as soon as it is taken.
    for (const monoAtStart of [0, 400, 999]) {
      const h = recorderHarness({ pollMs: 1000, flushMs: 1000 });
      await h.clock.advance(monoAtStart);
      h.windows.set({ app: 'firefox', title: 'Inbox' });
      h.recorder.start();
      await h.clock.advance(0);
      expect(activity(h.store)).toEqual([{ start: monoAtStart, end: monoAtStart, app: 'firefox', title: 'Inbox', open: 1 }]);
      expect(sessions(h.store)).toHaveLength(1);
      await h.recorder.stop();
      h.store.close();
    }
  });

  it('keeps the open records durable within one flush interval', async () => {
    const h = recorderHarness({ flushMs: 1000 });
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    await h.clock.advance(37 * S + 500);
    const rows = activity(h.store);
    expect(rows).toHaveLength(1);
    expect(37 * S + 500 - rows[0]!.end).toBeLessThanOrEqual(2 * S);
    expect(sessions(h.store)[0]!.end).toBe(rows[0]!.end);
  });
});

describe('Recorder and calls', () => {
  it('detects a Zoom meeting from its window after two samples and closes it after four without', async () => {
    const h = recorderHarness();
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    await h.clock.advance(5 * S + 500);
    h.windows.set({ app: 'zoom', title: 'Zoom Meeting' });
    await h.clock.advance(20 * S);
    // While the window is open, every process sees the meeting in progress.
    expect(new CallsStore(h.store.db, h.store.deviceId).detectedNow()).toMatchObject({ startMs: T0 + 6 * S, ruleId: expect.stringMatching(/zoom/i) });
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    await h.clock.advance(10 * S);
    expect(new CallsStore(h.store.db, h.store.deviceId).detectedNow()).toBeNull();
    await h.recorder.stop();
    const calls = h.store.db.prepare(`SELECT source, detected_by, start_ms - ${T0} AS start, end_ms - ${T0} AS end, talk_ms, answered FROM calls`).all();
    // First Zoom sample at 6 s; first sample without it at 26 s.
    expect(calls).toEqual([{ source: 'detected', detected_by: expect.stringMatching(/zoom/i), start: 6 * S, end: 26 * S, talk_ms: 20 * S, answered: 1 }]);
    expect(h.events.some((e) => e.type === 'call-detected')).toBe(true);
  });

  it('never counts a call in progress as idle', async () => {
    const h = recorderHarness({ idleThresholdMs: 5 * MIN });
    h.windows.set({ app: 'Aircall', title: 'Aircall' });
    h.recorder.start();
    const calls = new CallsStore(h.store.db, h.store.deviceId);
    calls.act({ type: 'start', atMs: h.clock.now(), direction: 'out', contact: 'Acme' }, 'UTC');
    await h.clock.advance(12 * MIN);
    expect(idleRows(h.store)).toEqual([]);
    calls.act({ type: 'end', atMs: h.clock.now() }, 'UTC');
    // After the call, no input for over 5 minutes is idle again (back-dated to the last input).
    await h.clock.advance(6 * MIN);
    expect(idleRows(h.store).map((r) => r.start)).toEqual([12 * MIN]);
    // The wrap-up reached its 10-minute cap without `wrap`: the recorder closed it.
    await h.clock.advance(5 * MIN);
    await h.recorder.stop();
    const row = h.store.db.prepare('SELECT talk_ms, wrap_ms FROM calls').get();
    expect(row).toEqual({ talk_ms: 12 * MIN, wrap_ms: 10 * MIN });
  });
});

describe('Recorder crash recovery', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('closes what a killed run left open at its last durable heartbeat', async () => {
    dir = mkdtempSync(join(tmpdir(), 'stint-crash-'));
    const dbPath = join(dir, 'stint.db');
    const first = recorderHarness({ dbPath });
    first.windows.set({ app: 'firefox', title: 'Inbox' });
    first.recorder.start();
    await first.clock.advance(20 * S + 300);
    // Killed: no stop(), the connection simply goes away.
    first.store.close();

    const second = recorderHarness({ dbPath, startMs: T0 + 60 * MIN });
    second.windows.set({ app: 'XTerm', title: 'bash' });
    second.recorder.start();
    await second.clock.advance(2 * S);
    await second.recorder.stop();

    const started = second.events.find((e) => e.type === 'started');
    expect(started).toMatchObject({ recovered: { runs: 1, sessions: 1 } });
    const s = sessions(second.store);
    expect(s[0]).toMatchObject({ start: 0, end: 20 * S, end_reason: 'crash', open: 0 });
    expect(activity(second.store)[0]).toMatchObject({ app: 'firefox', end: 20 * S, open: 0 });
    expect(second.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const runs = second.store.db.prepare('SELECT end_reason FROM runs ORDER BY started_ms').pluck().all();
    expect(runs).toEqual(['crash', 'quit']);
  });

  it('adopts a session clocked in while no recorder ran', async () => {
    dir = mkdtempSync(join(tmpdir(), 'stint-adopt-'));
    const dbPath = join(dir, 'stint.db');
    const store = Store.open(dbPath);
    store.writeSessions([
      {
        uuid: 'manual-1',
        kind: 'work',
        startMs: T0 - 30 * MIN,
        endMs: T0 - 30 * MIN,
        timeZone: 'UTC',
        utcOffsetMin: 0,
        startReason: 'clock-in',
        endReason: null,
        open: true,
      },
    ]);
    store.close();
    const h = recorderHarness({ dbPath });
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    await h.clock.advance(5 * S);
    await h.recorder.stop();
    expect(sessions(h.store)).toEqual([{ kind: 'work', start: -30 * MIN, end: 5 * S, start_reason: 'clock-in', end_reason: 'quit', open: 0 }]);
  });
});

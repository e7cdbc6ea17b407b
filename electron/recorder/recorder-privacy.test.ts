import { describe, expect, it } from 'vitest';
import { createHandlers } from './api/handlers';
import { SettingsStore } from './store/settings-store';
import { SyncStore } from './store/sync-store';
import type { Store } from './store/store';
import { recorderHarness } from './testing/recorder-harness';

const S = 1000;
const MIN = 60 * S;
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

function activity(store: Store) {
  return store.db
    .prepare(
      `SELECT a.start_ms - ${T0} AS start, a.end_ms - ${T0} AS end, app.value AS app, a.private FROM activity a
       JOIN strings app ON app.id = a.app_id ORDER BY a.start_ms, a.id`,
    )
    .all() as { start: number; end: number; app: string; private: number }[];
}
function sessions(store: Store) {
  return store.db
    .prepare(`SELECT kind, start_ms - ${T0} AS start, end_ms - ${T0} AS end, start_reason, end_reason, open FROM sessions ORDER BY start_ms`)
    .all() as {
    kind: string;
    start: number;
    end: number;
    start_reason: string;
    end_reason: string | null;
    open: number;
  }[];
}
function outboxKinds(store: Store): string[] {
  return store.db.prepare('SELECT kind FROM outbox ORDER BY seq').pluck().all() as string[];
}

describe('Recorder: clocked out means not recorded', () => {
  it('records no window before clock-in or after clock-out (automatic sessions off)', async () => {
    const h = recorderHarness({ autoSession: false });
    h.windows.set({ app: 'firefox', title: 'YouTube' });
    h.recorder.start();
    await h.clock.advance(10 * S);
    expect(activity(h.store)).toEqual([]);
    expect(h.recorder.applySessionAction('start').ok).toBe(true);
    h.windows.set({ app: 'salesforce', title: 'Pipeline' });
    await h.clock.advance(20 * S);
    expect(h.recorder.applySessionAction('stop').ok).toBe(true);
    h.windows.set({ app: 'firefox', title: 'YouTube after work' });
    await h.clock.advance(30 * S);
    await h.recorder.stop();
    const rows = activity(h.store);
    expect(rows.map((r) => r.app)).toEqual(['salesforce']);
    expect(rows[0]!.start).toBeGreaterThanOrEqual(10 * S);
    expect(rows[0]!.end).toBeLessThanOrEqual(30 * S + 1);
  });

  it('records nothing on a break either', async () => {
    const h = recorderHarness();
    h.windows.set({ app: 'code', title: 'x.ts' });
    h.recorder.start();
    await h.clock.advance(5 * S);
    h.recorder.applySessionAction('break');
    h.windows.set({ app: 'firefox', title: 'YouTube' });
    await h.clock.advance(20 * S);
    await h.recorder.stop();
    expect(activity(h.store).map((r) => r.app)).toEqual(['code']);
  });

  it('with "record outside sessions for my eyes only" keeps that activity private: never queued, never serialized', async () => {
    const h = recorderHarness({ autoSession: false });
    new SettingsStore(h.store.db).set({ recordOutsideSessions: true });
    h.windows.set({ app: 'firefox', title: 'YouTube' });
    h.recorder.start();
    await h.clock.advance(10 * S);
    h.recorder.applySessionAction('start');
    h.windows.set({ app: 'salesforce', title: 'Pipeline' });
    await h.clock.advance(10 * S);
    h.recorder.applySessionAction('stop');
    await h.clock.advance(10 * S);
    await h.recorder.stop();
    const rows = activity(h.store);
    expect(rows.map((r) => [r.app, r.private])).toEqual([
      ['firefox', 1],
      ['salesforce', 0],
      ['salesforce', 1],
    ]);
    // Only the work span leaves the device; the private ones are not even in the outbox.
    expect(outboxKinds(h.store).filter((k) => k === 'activity')).toHaveLength(1);
    const privateUuid = h.store.db.prepare('SELECT uuid FROM activity WHERE private = 1 LIMIT 1').pluck().get() as string;
    expect(new SyncStore(h.store.db).serialize('activity', privateUuid, { titles: true, urls: true })).toBeNull();
  });
});

describe('Recorder: idle policy', () => {
  it('ends the session at the start of an idle stretch nobody answered (prompt after 10 min, pause after 30 more)', async () => {
    const h = recorderHarness({ idleThresholdMs: 5 * MIN });
    h.windows.set({ app: 'code', title: 'x.ts' });
    h.recorder.start();
    await h.clock.advance(60 * S);
    h.idle.input(); // last input at 60 s
    await h.clock.advance(39 * MIN);
    expect(sessions(h.store).map((s) => s.open)).toEqual([1]); // 39 min idle: still asked, not yet paused
    await h.clock.advance(2 * MIN);
    expect(sessions(h.store)).toEqual([{ kind: 'work', start: 0, end: 60 * S, start_reason: 'first-activity', end_reason: 'idle', open: 0 }]);
    expect(activity(h.store).every((a) => a.end <= 60 * S)).toBe(true);
    // Back at the keyboard: automatic sessions start a new session with the first input.
    h.idle.input();
    await h.clock.advance(3 * S);
    expect(sessions(h.store).map((s) => [s.start_reason, s.open])).toEqual([
      ['first-activity', 0],
      ['first-activity', 1],
    ]);
    await h.recorder.stop();
  });

  it('takes its idle times from the settings, and a hand-clocked session stays closed after the idle pause', async () => {
    const h = recorderHarness({ idleThresholdMs: 1 * MIN, autoSession: false });
    new SettingsStore(h.store.db).set({ idlePromptMinutes: 2, idleAutoPauseMinutes: 3 });
    h.windows.set({ app: 'code', title: 'x.ts' });
    h.recorder.start();
    h.recorder.applySessionAction('start');
    await h.clock.advance(10 * S);
    h.idle.input();
    await h.clock.advance(5 * MIN + 5 * S);
    expect(sessions(h.store).map((s) => [s.end - s.start, s.end_reason])).toEqual([[10 * S, 'idle']]);
    h.idle.input();
    await h.clock.advance(10 * S);
    expect(sessions(h.store)).toHaveLength(1);
    await h.recorder.stop();
  });

  it('never asks about idle stretches shorter than the prompt threshold', async () => {
    const h = recorderHarness({ idleThresholdMs: 10 * S });
    h.windows.set({ app: 'code', title: 'x.ts' });
    h.recorder.start();
    const handlers = createHandlers({ store: h.store, dbPath: ':memory:', clock: h.clock, recorder: h.recorder });
    for (let i = 0; i < 5; i++) {
      await h.clock.advance(18 * S); // 8 s idle each time
      h.idle.input();
      await h.clock.advance(2 * S);
    }
    await h.clock.advance(S);
    expect(h.store.db.prepare('SELECT count(*) FROM idle').pluck().get()).toBe(5);
    expect(await handlers['idle.pending']({})).toEqual([]);
    // A stretch as long as the threshold (10 min by default) is asked about.
    await h.clock.advance(11 * MIN);
    h.idle.input();
    await h.clock.advance(2 * S);
    expect(await handlers['idle.pending']({})).toHaveLength(1);
    await h.recorder.stop();
  });

  it("stops the big timer's figure at the start of the idle stretch while the Work figure counts unanswered idle", async () => {
    const h = recorderHarness({ idleThresholdMs: 1 * MIN });
    h.windows.set({ app: 'code', title: 'x.ts' });
    h.recorder.start();
    const handlers = createHandlers({ store: h.store, dbPath: ':memory:', clock: h.clock, recorder: h.recorder });
    await h.clock.advance(5 * MIN);
    h.idle.input(); // last input at 5 min
    await h.clock.advance(3 * MIN);
    const idle = await handlers['status.get']({});
    expect(idle.idleSinceMs).toBe(T0 + 5 * MIN);
    expect(idle.today.timerSeconds).toBe(5 * 60);
    expect(idle.today.workSeconds).toBeGreaterThanOrEqual(8 * 60 - 1);
    h.idle.input();
    await h.clock.advance(2 * S);
    const back = await handlers['status.get']({});
    expect(back.idleSinceMs).toBeNull();
    expect(back.today.timerSeconds).toBe(back.today.workSeconds);
    await h.recorder.stop();
  });
});

import { describe, expect, it } from 'vitest';
import { readStatus } from './reports/status';
import { DisplayLostError } from './sources/source-errors';
import type { Store } from './store/store';
import { recorderHarness } from './testing/recorder-harness';

const S = 1000;
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

function activity(store: Store) {
  return store.db
    .prepare(
      `SELECT a.start_ms - ${T0} AS start, a.end_ms - ${T0} AS end, app.value AS app, a.open
       FROM activity a JOIN strings app ON app.id = a.app_id ORDER BY a.start_ms, a.id`,
    )
    .all() as { start: number; end: number; app: string; open: number }[];
}
function sessions(store: Store) {
  return store.db
    .prepare(`SELECT start_ms - ${T0} AS start, end_ms - ${T0} AS end, start_reason, end_reason, open FROM sessions ORDER BY start_ms, id`)
    .all() as { start: number; end: number; start_reason: string; end_reason: string | null; open: number }[];
}
const paused = (h: ReturnType<typeof recorderHarness>) => readStatus(h.store.db, h.clock.now(), 'UTC', { pid: 1 }).recorder.paused;

describe('Recorder when a source fails', () => {
  it('ends the span and the session at the last good sample, records nothing while the display is lost, and resumes when it is back', async () => {
    const h = recorderHarness();
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    await h.clock.advance(10 * S + 500);
    const gone = new DisplayLostError('The connection to the X server at :0 was lost');
    h.windows.failure = gone;
    h.idle.failure = gone;
    await h.clock.advance(60 * S);
    // The last good sample was at 10 s; the one at 11 s failed.
    expect(paused(h)).toEqual({ reason: 'display-lost', sinceMs: T0 + 10 * S });
    expect(activity(h.store)).toEqual([{ start: 0, end: 10 * S, app: 'firefox', open: 0 }]);
    expect(sessions(h.store)).toEqual([{ start: 0, end: 10 * S, start_reason: 'first-activity', end_reason: 'display-lost', open: 0 }]);
    // The sources were tried at every poll, and one line says the display is lost.
    expect(h.windows.reads).toBeGreaterThanOrEqual(70);
    expect(h.events.filter((e) => e.type === 'paused')).toEqual([
      { type: 'paused', atMs: T0 + 10 * S, reason: 'display-lost', detail: 'The connection to the X server at :0 was lost' },
    ]);

    h.windows.failure = null;
    h.idle.failure = null;
    h.windows.set({ app: 'Crm', title: 'Deals' });
    await h.clock.advance(5 * S);
    expect(paused(h)).toBeNull();
    await h.recorder.stop();

    expect(activity(h.store)).toEqual([
      { start: 0, end: 10 * S, app: 'firefox', open: 0 },
      { start: 71 * S, end: 75 * S, app: 'Crm', open: 0 },
    ]);
    expect(sessions(h.store)).toEqual([
      { start: 0, end: 10 * S, start_reason: 'first-activity', end_reason: 'display-lost', open: 0 },
      { start: 71 * S, end: 75 * S + 500, start_reason: 'resume-after-gap', end_reason: 'quit', open: 0 },
    ]);
    expect(h.events.filter((e) => e.type === 'gap')).toEqual([{ type: 'gap', fromMs: T0 + 10 * S, toMs: T0 + 71 * S, reason: 'display-lost' }]);
  });

  it('pauses when only the idle time fails: a failed read is not "no input"', async () => {
    const h = recorderHarness();
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    await h.clock.advance(3 * S + 500);
    h.idle.failure = new Error('powerMonitor did not answer');
    await h.clock.advance(10 * S);
    expect(paused(h)).toEqual({ reason: 'source-failed', sinceMs: T0 + 3 * S });
    expect(activity(h.store)).toEqual([{ start: 0, end: 3 * S, app: 'firefox', open: 0 }]);
    h.idle.failure = null;
    await h.clock.advance(2 * S);
    await h.recorder.stop();
    expect(sessions(h.store).map((s) => [s.start_reason, s.end_reason])).toEqual([
      ['first-activity', 'source-failed'],
      ['resume-after-gap', 'quit'],
    ]);
  });

  it('stays paused across a lock and unlock while the display is still lost', async () => {
    const h = recorderHarness();
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    await h.clock.advance(2 * S + 500);
    h.windows.failure = new DisplayLostError('gone');
    await h.clock.advance(3 * S);
    h.power.emit('lock');
    h.power.emit('unlock');
    await h.clock.advance(3 * S);
    expect(paused(h)).toEqual({ reason: 'display-lost', sinceMs: T0 + 2 * S });
    expect(h.events.filter((e) => e.type === 'paused' || e.type === 'gap')).toHaveLength(1);
    await h.recorder.stop();
    expect(activity(h.store)).toEqual([{ start: 0, end: 2 * S, app: 'firefox', open: 0 }]);
  });

  it('lets the rep clock out while the display is lost, and then reopens no session when it is back', async () => {
    const h = recorderHarness();
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    await h.clock.advance(2 * S + 500);
    h.windows.failure = new DisplayLostError('gone');
    await h.clock.advance(3 * S);
    expect(h.recorder.applySessionAction('stop')).toEqual({ ok: true, state: 'off' });
    h.windows.failure = null;
    await h.clock.advance(3 * S);
    await h.recorder.stop();
    expect(sessions(h.store).map((s) => [s.start_reason, s.end_reason])).toEqual([['first-activity', 'display-lost']]);
  });

  it('says in the status that a locked screen pauses the recorder', async () => {
    const h = recorderHarness();
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    await h.clock.advance(2 * S);
    h.power.emit('lock');
    expect(paused(h)).toEqual({ reason: 'lock', sinceMs: T0 + 2 * S });
    h.power.emit('unlock');
    await h.clock.advance(2 * S);
    expect(paused(h)).toBeNull();
    await h.recorder.stop();
  });
});

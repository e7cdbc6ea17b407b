import { describe, expect, it } from 'vitest';
import { recorderHarness } from '../testing/recorder-harness';
import { Store, type ActivityWrite } from './store';

const S = 1000;
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

function spans(store: Store) {
  return store.db
    .prepare(
      `SELECT a.start_ms - ${T0} AS start, a.end_ms - ${T0} AS end, app.value AS app, a.open FROM activity a JOIN strings app ON app.id = a.app_id ORDER BY a.start_ms`,
    )
    .all() as { start: number; end: number; app: string; open: number }[];
}

function write(uuid: string, startMs: number, endMs: number, open: boolean): ActivityWrite {
  return { uuid, startMs, endMs, timeZone: 'UTC', utcOffsetMin: 0, app: 'firefox', title: 'Inbox', open };
}

describe('zero-length activity spans', () => {
  it('are never stored: a window seen only at the last sample before quitting leaves no row', async () => {
    const h = recorderHarness();
    h.windows.set({ app: 'firefox', title: 'Inbox' });
    h.recorder.start();
    await h.clock.advance(3 * S + 500);
    h.windows.set({ app: 'XTerm', title: 'bash' });
    // The sample at 4 s sees XTerm and its open span (4 s to 4 s) is flushed; quitting closes it where it began.
    await h.clock.advance(S);
    expect(spans(h.store).map((r) => r.app)).toEqual(['firefox', 'XTerm']);
    await h.recorder.stop();
    expect(spans(h.store)).toEqual([{ start: 0, end: 4 * S, app: 'firefox', open: 0 }]);
    expect(h.store.db.prepare('SELECT count(*) FROM outbox WHERE kind = ?').pluck().get('activity')).toBe(1);
  });

  it('are never stored by a bulk writer, and a longer span closed in the same flush is', () => {
    const store = Store.open(':memory:');
    store.startRun('run', 1, T0);
    store.flush({
      runId: 'run',
      lastSeenMs: T0 + 5 * S,
      activity: [write('a', T0, T0 + 5 * S, false), write('b', T0 + 5 * S, T0 + 5 * S, false)],
      idle: [],
      sessions: [],
    });
    expect(spans(store)).toEqual([{ start: 0, end: 5 * S, app: 'firefox', open: 0 }]);
    store.close();
  });

  it('are removed when a killed run left one open, and longer open spans are closed as before', () => {
    const store = Store.open(':memory:');
    store.startRun('killed', 1, T0);
    store.flush({
      runId: 'killed',
      lastSeenMs: T0 + 7 * S,
      activity: [write('a', T0, T0 + 7 * S, false), write('b', T0 + 7 * S, T0 + 7 * S, true)],
      idle: [],
      sessions: [],
    });
    store.startRun('next', 2, T0 + 60 * S);
    store.recoverInterruptedRuns('next');
    expect(spans(store)).toEqual([{ start: 0, end: 7 * S, app: 'firefox', open: 0 }]);
    store.close();
  });
});

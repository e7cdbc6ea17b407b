import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiToken } from '../store/api-token';
import { recorderHarness } from '../testing/recorder-harness';
import { writeDefaultViews } from './api-test-fixture';
import { createHandlers } from './handlers';
import { startLocalServer, type LocalServer } from './local-server';
import { offthreadDispatcher, startReadPools, type ReadPools } from './offthread-dispatch';

const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));
const S = 1000;
const T0 = Date.UTC(2026, 2, 2, 9);
const CLIENTS = 50;
const SAMPLES = 20;

/**
 * Issue 11: the recorder never waits for a report. The real local server of `stint track`, its recorder
 * on a fake clock, and 50 views asking at once for a report that takes a while each.
 */
describe('the recorder under 50 concurrent report requests', () => {
  let dir: string;
  let server: LocalServer | null = null;
  let pools: ReadPools | null = null;
  afterEach(async () => {
    await server?.close();
    await pools?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every heartbeat while the reports are still being answered, and answers them all', async () => {
    dir = mkdtempSync(join(tmpdir(), 'stint-offthread-load-'));
    const dbPath = join(dir, 'stint.db');
    const viewsDir = join(dir, 'views');
    mkdirSync(viewsDir);
    writeDefaultViews(viewsDir);
    const h = recorderHarness({ dbPath, startMs: T0 });
    pools = startReadPools({ distDir: DIST, dbPath, recorderPid: process.pid, clock: h.clock, log: (line) => expect.fail(line) });
    const handlers = createHandlers({ store: h.store, dbPath, clock: h.clock, recorder: h.recorder });
    const offthread = offthreadDispatcher(handlers, pools);
    // Requests the server has handed to dispatch, and those dispatch has answered.
    let started = 0;
    let finished = 0;
    server = await startLocalServer({
      handlers,
      dispatch: (name, input) => {
        started += 1;
        return offthread(name, input).finally(() => (finished += 1));
      },
      clock: h.clock,
      token: apiToken(h.store.db),
      viewsDir,
      port: 0,
      log: (line) => expect.fail(line),
    });
    h.windows.set({ app: 'Google-chrome', title: 'Pipeline review - Salesforce' });
    h.recorder.start();
    await h.clock.advance(S);

    const token = apiToken(h.store.db);
    // Two years of timesheet each: nothing cached, some tens of milliseconds apiece.
    const requests = Array.from({ length: CLIENTS }, () =>
      fetch(`${server!.url}api/timesheet.get`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: JSON.stringify({ from: '2024-03-03', to: '2026-03-02' }),
      }).then(async (res) => ({ status: res.status, ok: ((await res.json()) as { ok: boolean }).ok })),
    );
    // Once all of them are with dispatch, the recorder samples on.
    await vi.waitFor(() => expect(started).toBe(CLIENTS), { timeout: 30_000 });
    for (let i = 0; i < SAMPLES; i++) await h.clock.advance(S);

    // Every sample was flushed: the recorder's run and its one window span reach the last sample.
    const lastSample = T0 + (SAMPLES + 1) * S;
    const run = h.store.db.prepare('SELECT last_seen_ms FROM runs WHERE id = ?').pluck().get(h.recorder.runId);
    const spans = h.store.db.prepare('SELECT start_ms, end_ms FROM activity ORDER BY start_ms').raw().all();
    expect({ run, spans }).toEqual({ run: lastSample, spans: [[T0, lastSample]] });
    // ...while reports were still running: the recorder did not wait for them.
    expect(finished).toBeLessThan(CLIENTS);

    expect(await Promise.all(requests)).toEqual(Array.from({ length: CLIENTS }, () => ({ status: 200, ok: true })));
    await h.recorder.stop();
    h.store.close();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult, RequestName } from '../../shared/api/contract';
import type { Status } from '../../shared/api/results';
import { startTestServer, type TestServer } from '../recorder/api/api-test-fixture';
import { forkHost, type ForkedHost } from '../recorder/host/testing/forked-host';
import { REQUEST_CHANNEL } from '../preload/ipc-channels';
import { createIpcRouter, type IpcRouter } from './ipc-router';
import type { Requester } from './notifications';
import { createStatusFeed, type StatusFeed } from './status-feed';
import { FakeIpcMain } from './testing/stand-ins';

/**
 * The main process's side as the app wires it (IPC router → host client → the real recorder host bundle in
 * a child process) with the tray's status feed on top. A busy host is made deterministic by stopping its
 * process (SIGSTOP) right after it is handed a year's report: nothing it does can then answer anything.
 */
describe.skipIf(process.platform === 'win32')('the tray while the recorder host is busy with a long report', () => {
  let t: TestServer;
  let host: ForkedHost;
  let ipc: FakeIpcMain;
  let router: IpcRouter;
  let nowMs: number;
  let asked: RequestName[];
  let rendered: { status: Status | null; nowMs: number }[];
  let statuses: Status[];
  let feed: StatusFeed;

  beforeEach(async () => {
    t = await startTestServer();
    const env = { ...process.env };
    delete env.DISPLAY;
    host = forkHost(t.dbPath, env);
    ipc = new FakeIpcMain();
    router = createIpcRouter({ ipcMain: ipc, request: host.client.request, log: () => undefined });
    nowMs = Date.now();
    asked = [];
    rendered = [];
    statuses = [];
    const request: Requester = (name, input) => {
      asked.push(name);
      return router.call(name, input);
    };
    feed = createStatusFeed({
      request,
      now: () => nowMs,
      viewsVisible: () => true,
      onStatus: (status) => statuses.push(status),
      render: (status, _calls, at) => rendered.push({ status, nowMs: at }),
      log: () => undefined,
    });
    await host.client.ready;
  });
  afterEach(async () => {
    host.child.kill('SIGCONT');
    host.child.kill('SIGKILL');
    await host.exited;
    router.close();
    await t.stop();
  });

  const answered = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => (statuses.length >= count ? resolve() : setImmediate(check));
      check();
    });

  it('keeps the tray’s timer running, and the main process answering, until the host is free again', async () => {
    expect(await router.call('session.act', { action: 'start' })).toEqual({ ok: true, data: { state: 'working' } });
    feed.tick();
    await answered(1);
    const first = rendered.at(-1)!;
    expect(first.status?.session).toMatchObject({ kind: 'work' });
    const seconds = first.status!.session!.seconds;

    const report: Promise<ApiResult<unknown>> = router.call('report.timeUse', { from: '2025-12-01', to: '2026-11-30', by: 'app', timeZone: 'UTC' });
    host.child.kill('SIGSTOP');

    // The next ticks start one read, which waits behind the report, and draw the tray at once, moved on by the clock.
    nowMs += 5000;
    feed.markDirty();
    feed.tick();
    nowMs += 1000;
    feed.tick();
    expect(rendered.slice(-2).map((r) => r.status?.session?.seconds)).toEqual([seconds + 5, seconds + 6]);
    expect(asked.filter((name) => name === 'status.get')).toHaveLength(2);
    // The main process itself still answers: a request from a foreign page is refused without the host.
    expect(await ipc.invoke(REQUEST_CHANNEL, 'https://evil.example/', 'status.get', {})).toEqual({
      ok: false,
      error: 'Requests are accepted from Stint’s own pages only.',
    });
    expect(statuses).toHaveLength(1);

    host.child.kill('SIGCONT');
    expect(await report).toMatchObject({ ok: true, data: { from: '2025-12-01', to: '2026-11-30' } });
    await answered(2);
    // The fresh status, read when the read started (a second before this clock), is what the tray shows now.
    expect(rendered.at(-1)!.status?.session?.seconds).toBe(statuses[1]!.session!.seconds + 1);
  });
});

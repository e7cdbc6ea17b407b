import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/fake-clock';
import { Store } from '../store/store';
import { seedWorkday, T9, DAY, H } from './api-test-fixture';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { offthreadDispatcher, startReadPools, type ReadPools } from './offthread-dispatch';

/** The bundles the global setup built: the read worker is dist/read-worker.cjs. */
const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));

describe('reads on the read workers', () => {
  let dir: string;
  let dbPath: string;
  let store: Store;
  let clock: FakeClock;
  let pools: ReadPools;
  const logged: string[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stint-read-pool-'));
    dbPath = join(dir, 'stint.db');
    store = Store.open(dbPath);
    seedWorkday(store);
    clock = new FakeClock(T9 + 4 * H, 'UTC');
    logged.length = 0;
  });
  afterEach(async () => {
    await pools.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answer as the recorder’s thread does, refuse the same input, and leave writes on the recorder’s thread', async () => {
    pools = startReadPools({ distDir: DIST, dbPath, recorderPid: null, clock, log: (line) => logged.push(line) });
    const handlers = createHandlers({ store, dbPath, clock, recorder: null });
    const offthread = offthreadDispatcher(handlers, pools);
    const here = (name: string, input: unknown) => dispatch(handlers, name, input);
    for (const [name, input] of [
      ['status.get', {}],
      ['report.timeUse', { from: DAY, to: DAY, by: 'app' }],
      ['timeline.get', { date: DAY }],
      ['timesheet.get', { from: DAY, to: DAY }],
      ['report.calls', { from: DAY, to: DAY, byDay: true }],
      ['report.timeUse', { from: DAY, to: '2026-02-30', by: 'app' }],
      ['status.get', { extra: 1 }],
    ] as const) {
      expect(await offthread(name, input), name).toEqual(await here(name, input));
    }
    // A write answers here, and a read after it on a worker sees it.
    const added = await offthread('time.add', { kind: 'work', startMs: T9 + 3 * H, endMs: T9 + 4 * H, reason: 'call notes' });
    expect(added).toMatchObject({ status: 200, changed: 'time' });
    expect(await offthread('time.list', { from: DAY, to: DAY })).toEqual(await here('time.list', { from: DAY, to: DAY }));
    expect(logged).toEqual([]);
  });

  it('cancels a read that runs past the deadline with a clear error, and answers the next one on a new worker', async () => {
    pools = startReadPools({ distDir: DIST, dbPath, recorderPid: null, clock, deadlineMs: 30_000, log: (line) => logged.push(line) });
    const offthread = offthreadDispatcher(createHandlers({ store, dbPath, clock, recorder: null }), pools);
    // Ten years of timesheet: far longer than the worker's start and the clock's step below.
    const long = offthread('timesheet.get', { from: '2016-04-01', to: '2026-03-02' });
    await clock.advance(30_000);
    expect(await long).toEqual({
      status: 503,
      body: { ok: false, error: 'The request took longer than 30 s and was cancelled. Ask for a shorter range.', code: 'request-cancelled' },
      changed: null,
    });
    expect(await offthread('report.timeUse', { from: DAY, to: DAY, by: 'app' })).toMatchObject({ status: 200, body: { ok: true } });
    expect(logged).toEqual([]);
  });

  it('answers a failure, not a hang, when no worker can start', async () => {
    pools = startReadPools({ distDir: join(dir, 'no-dist'), dbPath, recorderPid: null, clock, log: (line) => logged.push(line) });
    const offthread = offthreadDispatcher(createHandlers({ store, dbPath, clock, recorder: null }), pools);
    const answer = await offthread('report.timeUse', { from: DAY, to: DAY, by: 'app' });
    expect(answer).toMatchObject({ status: 500, body: { ok: false, error: expect.stringMatching(/^Internal error \(id [0-9a-f]{8}\)\.$/) } });
    expect(answer.status === 500 && String(answer.failure.cause)).toMatch(/read-worker\.cjs/);
  });

  it('shares one status read among the requests that arrive while it runs, but not across a change', async () => {
    pools = startReadPools({ distDir: DIST, dbPath, recorderPid: null, clock, log: (line) => logged.push(line) });
    const offthread = offthreadDispatcher(createHandlers({ store, dbPath, clock, recorder: null }), pools);
    const before = Array.from({ length: 20 }, () => offthread('status.get', {}));
    const change = offthread('session.act', { action: 'start' });
    const after = Array.from({ length: 20 }, () => offthread('status.get', {}));
    expect(await change).toMatchObject({ status: 200, changed: 'sessions' });
    const [first, second] = [await Promise.all(before), await Promise.all(after)];
    // One read for those before the change, one that starts after it for the rest: each the same answer object.
    expect([new Set(first).size, new Set(second).size]).toEqual([1, 1]);
    expect(second[0]).not.toBe(first[0]);
    expect(second[0]).toMatchObject({ status: 200, body: { data: { session: { kind: 'work' } } } });
  });
});

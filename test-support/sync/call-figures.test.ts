/*
 * The server counts a rep's calls as the device does: a device with 5 counted calls (4 answered, AHT 450 s) and a
 * detected call the rep dismissed pushes them over loopback HTTP, and Team now, the rep's detail and the team report
 * show the device's figures. Both read calls through shared/calls/counted-calls.ts, in the outbox's own shape.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestInput, RequestName, ResponseMap } from '../../shared/api/contract';
import type { CallRecord } from '../../shared/calls/types';
import type { RepDetail, TeamNow } from '../../shared/team/team-api';
import { dispatch } from '../../electron/recorder/api/dispatch';
import { createHandlers } from '../../electron/recorder/api/handlers';
import { FakeClock } from '../../electron/recorder/clock/fake-clock';
import { CallsStore } from '../../electron/recorder/store/calls-store';
import { Store } from '../../electron/recorder/store/store';
import { enrollmentCode } from '../../server/admin';
import type { TeamReport } from '../../server/reports/team-report';
import { DIALECTS } from '../../server/test-support/test-db';
import { createHarness, PEOPLE, type Harness } from '../../server/test-support/harness';

const NOW = Date.UTC(2026, 2, 4, 17, 0, 0);
const DAY = '2026-03-04';
const H = 3_600_000;

/** Answered calls whose handle times are 300, 400, 500 and 600 s (AHT 450 s), one unanswered, one detection. */
function call(startMs: number, talkS: number, holdS: number, wrapS: number, source: CallRecord['source'] = 'manual'): CallRecord {
  const endMs = startMs + (talkS + holdS) * 1000;
  return {
    startMs,
    endMs,
    wrapEndMs: endMs + wrapS * 1000,
    answered: talkS > 0,
    talkMs: talkS * 1000,
    holdMs: holdS * 1000,
    wrapMs: wrapS * 1000,
    direction: 'out',
    source,
  };
}

describe.each(DIALECTS)('call figures on the server equal the device’s (%s)', (dialect) => {
  let h: Harness;
  let url: string;
  let dir: string;
  let store: Store;
  const base = Date.UTC(2026, 2, 4, 9, 0, 0);
  const request = async <N extends RequestName>(handlers: ReturnType<typeof createHandlers>, name: N, input: RequestInput<N>): Promise<ResponseMap[N]> => {
    const r = await dispatch(handlers, name, input);
    if (!r.body.ok) throw new Error(`${name}: ${r.body.error}`);
    return r.body.data as ResponseMap[N];
  };

  beforeAll(async () => {
    h = await createHarness(dialect);
    h.clock.now = NOW;
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'stint-call-figures-'));
    store = Store.open(join(dir, 'stint.db'));
  });
  afterAll(async () => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
    await h.close();
  });

  it('5 calls, 4 answered, AHT 450 s on the device, the same on Team now, the rep’s detail and the team report', async () => {
    const clock = new FakeClock(NOW, 'UTC');
    const handlers = createHandlers({ store, dbPath: join(dir, 'stint.db'), clock, recorder: null });
    const calls = new CallsStore(store.db, store.deviceId);
    calls.insert(call(base, 240, 30, 30), 'UTC', NOW);
    calls.insert(call(base + H, 330, 40, 30), 'UTC', NOW);
    calls.insert(call(base + 2 * H, 420, 20, 60), 'UTC', NOW);
    calls.insert(call(base + 3 * H, 500, 40, 60), 'UTC', NOW);
    calls.insert(call(base + 4 * H, 0, 0, 0), 'UTC', NOW);
    // Detected and dismissed by the rep: not a call, on either side.
    const detected = calls.insert(call(base + 5 * H, 900, 0, 0, 'detected'), 'UTC', NOW, { detectedBy: 'zoom' });
    await request(handlers, 'calls.review', { uuid: detected, action: 'dismiss' });

    const device = await request(handlers, 'report.calls', { from: DAY, to: DAY, timeZone: 'UTC', scope: 'mine' });
    expect(device).toMatchObject({ calls: 5, answered: 4, ahtSeconds: 450 });

    await request(handlers, 'sync.enroll', { server: url, code: (await enrollmentCode(h.services, PEOPLE.rep.email)).code });
    expect(await request(handlers, 'sync.now', {})).toMatchObject({ pushed: 7, pending: 0, error: null });

    const manager = await h.login('manager');
    const now = await h.request({ method: 'GET', url: '/api/team/now?team=A', session: manager });
    expect(now.statusCode, now.body).toBe(200);
    const row = (now.json() as TeamNow).rows.find((r) => r.email === PEOPLE.rep.email);
    expect(row?.today).toMatchObject({ date: DAY, calls: 5, answeredCalls: 4, ahtSeconds: 450 });

    const detail = await h.request({ method: 'GET', url: `/api/team/reps/${h.ids.rep}`, session: manager });
    expect(detail.statusCode, detail.body).toBe(200);
    expect((detail.json() as RepDetail).rep.today).toMatchObject({ calls: 5, answeredCalls: 4, ahtSeconds: 450 });

    const report = await h.request({ method: 'GET', url: `/api/reports/team?from=${DAY}&to=${DAY}&team=A`, session: manager });
    expect(report.statusCode, report.body).toBe(200);
    const rep = (report.json() as TeamReport).reps.find((r) => r.email === PEOPLE.rep.email);
    expect(rep?.calls).toMatchObject({ calls: device.calls, answered: device.answered, ahtSeconds: device.ahtSeconds });
    expect(rep?.calls.medianHandleSeconds).toBe(device.medianHandleSeconds);
  });
});

/*
 * A rep with two enrolled computers submits a week from either (issue 14 §1), through the device's own code
 * paths against the real team server over loopback HTTP: the laptop reads the desk's synced records of the
 * week, computes the week over both with the shared code, and the server takes it — the figures it checks,
 * not the laptop's share. A device whose figures really differ (here: a record lost on the way) is still
 * refused with both figures. The desk's records stay off the laptop's tables; locks still hold on both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandlers, ApiResult, RequestInput, RequestName, ResponseMap } from '../../shared/api/contract';
import { weekTotals } from '../../shared/payroll/week';
import { DEFAULT_POLICY, WEEK_RECORDS_RESULT_SCHEMA } from '../../shared/sync/contract';
import { dispatch } from '../../electron/recorder/api/dispatch';
import { createHandlers } from '../../electron/recorder/api/handlers';
import { FakeClock } from '../../electron/recorder/clock/fake-clock';
import { Store } from '../../electron/recorder/store/store';
import { fetchHttp, type SyncHttp } from '../../electron/recorder/sync/sync-client';
import { enrollmentCode } from '../../server/admin';
import { createHarness, PEOPLE, type Harness } from '../../server/test-support/harness';
import { runCliAsync } from '../run-cli';

const HOUR = 3_600_000;
const H = 3600;
const MONDAY = Date.UTC(2026, 2, 2); // 2026-03-02
const NOW = MONDAY + 9 * 24 * HOUR; // the next Wednesday
const at = (day: number, hour: number) => MONDAY + day * 24 * HOUR + hour * HOUR;

interface Device {
  dir: string;
  db: string;
  store: Store;
  handlers: ApiHandlers;
}

describe('a rep with two computers submits the week from either', () => {
  let h: Harness;
  let url: string;
  let laptop: Device;
  let desk: Device;

  const open = async (name: string, syncHttp?: SyncHttp): Promise<Device> => {
    const dir = mkdtempSync(join(tmpdir(), `stint-${name}-`));
    const db = join(dir, 'stint.db');
    const store = Store.open(db);
    const handlers = createHandlers({ store, dbPath: db, clock: new FakeClock(NOW, 'UTC'), recorder: null, ...(syncHttp ? { syncHttp } : {}) });
    return { dir, db, store, handlers };
  };
  const request = async <N extends RequestName>(d: Device, name: N, input: RequestInput<N>): Promise<ResponseMap[N]> => {
    const r = await dispatch(d.handlers, name, input);
    if (!r.body.ok) throw new Error(`${name}: ${r.body.error}`);
    return r.body.data as ResponseMap[N];
  };
  const refusal = async <N extends RequestName>(d: Device, name: N, input: RequestInput<N>) => {
    const r = await dispatch(d.handlers, name, input);
    if (r.body.ok) throw new Error(`${name} was not refused`);
    return r.body as ApiResult<never> & { ok: false };
  };
  const add = (d: Device, day: number, from: number, to: number) =>
    request(d, 'time.add', { kind: 'work', startMs: at(day, from), endMs: at(day, to), reason: 'visit' });
  const worked = (figures: { days: { workedSeconds: number }[] }) => figures.days.map((d) => d.workedSeconds / H);

  beforeAll(async () => {
    h = await createHarness('sqlite');
    h.clock.now = NOW;
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    const admin = await h.login('admin');
    const flsa = { ...DEFAULT_POLICY, overtimeRules: 'flsa', weekStart: 'mon' };
    expect((await h.request({ method: 'PUT', url: '/api/policy', session: admin, payload: { team: 'A', policy: flsa } })).statusCode).toBe(200);
    laptop = await open('laptop');
    desk = await open('desk');
    for (const d of [laptop, desk]) await request(d, 'sync.enroll', { server: url, code: (await enrollmentCode(h.services, PEOPLE.rep.email)).code });
    // Monday both computers ran 12:00–13:00: one hour, not two. 8 + 8 + 10 + 8 + 9 = 43 h, 3 h over 40.
    await add(laptop, 0, 9, 13);
    await add(laptop, 1, 9, 17);
    await add(laptop, 3, 9, 17);
    await add(desk, 0, 12, 17);
    await add(desk, 2, 9, 19);
    await add(desk, 4, 9, 18);
    for (const d of [laptop, desk]) {
      await request(d, 'sync.now', {});
      expect((await request(d, 'sync.status', {})).pending).toBe(0);
    }
  });
  afterAll(async () => {
    for (const d of [laptop, desk]) {
      d.store.close();
      rmSync(d.dir, { recursive: true, force: true });
    }
    await h.close();
  });

  it('refuses, with both figures, a week computed from a record short of what the server holds', async () => {
    // The laptop's network loses the desk's Wednesday on the way: its figures really differ from the server's.
    const lossy: SyncHttp = {
      async request(method, target, options) {
        const answer = await fetchHttp.request(method, target, options);
        if (!target.includes('/api/sync/week-records') || answer.status !== 200) return answer;
        const body = WEEK_RECORDS_RESULT_SCHEMA.parse(answer.body);
        return { status: 200, body: { ...body, records: body.records.filter((r) => r.record.kind !== 'correction' || r.record.startMs !== at(2, 9)) } };
      },
    };
    const lossyLaptop: Device = {
      ...laptop,
      handlers: createHandlers({ store: laptop.store, dbPath: laptop.db, clock: new FakeClock(NOW, 'UTC'), recorder: null, syncHttp: lossy }),
    };
    const refused = await refusal(lossyLaptop, 'timesheet.submit', { week: '2026-03-04' });
    expect(refused.code).toBe('week-figures-differ');
    expect(refused.error).toMatch(
      /^The server computes the week of 2026-03-02 differently from this device \(2026-03-04 workedSeconds: device 0 s, server 36000 s/,
    );
    expect((await request(laptop, 'timesheet.weeks', { refresh: true })).weeks).toEqual([]);
  });

  it('submits from the laptop the week over both computers, which the server takes', { timeout: 60_000 }, async () => {
    // The laptop alone holds 4 + 8 + 0 + 8 h: what it shows as its own, and keeps showing.
    expect(worked((await request(laptop, 'timesheet.week', { week: '2026-03-02' })).figures)).toEqual([4, 8, 0, 8, 0, 0, 0]);

    const cli = await runCliAsync(['timesheet', 'submit', '--week', '2026-03-04', '--json', '--db', laptop.db], { TZ: 'UTC' });
    expect(cli.stderr).toBe('');
    const submitted = JSON.parse(cli.stdout) as ResponseMap['timesheet.submit'];
    expect(submitted.state.status).toBe('submitted');
    expect(submitted.otherDevices).toBe(1);
    expect(worked(submitted.figures)).toEqual([8, 8, 10, 8, 9, 0, 0]);
    expect([weekTotals(submitted.figures).regularSeconds, weekTotals(submitted.figures).overtimeSeconds]).toEqual([40 * H, 3 * H]);

    // What the server holds as submitted is what the laptop sent.
    const session = await h.login('manager');
    const list = await h.request({ method: 'GET', url: '/api/approvals?week=2026-03-02&team=A', session });
    expect(list.json().weeks.find((w: { email: string }) => w.email === PEOPLE.rep.email)).toMatchObject({ status: 'submitted' });

    // The desk's records were used in memory only: the laptop's own entries are its three.
    expect((await request(laptop, 'time.list', { from: '2026-03-02', to: '2026-03-08' })).length).toBe(3);
    expect((await request(laptop, 'sync.status', {})).pending).toBe(0);

    // The desk submits the same week again (nothing changed) and it is taken too: either computer can.
    expect((await request(desk, 'timesheet.submit', { week: '2026-03-02' })).figures).toEqual(submitted.figures);
  });

  it('the words of `stint timesheet submit` say the other computer counted', { timeout: 60_000 }, async () => {
    const cli = await runCliAsync(['timesheet', 'submit', '--week', '2026-03-02', '--db', desk.db], { TZ: 'UTC' });
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toMatch(/^Submitted the week of 2026-03-02 \(43:00:00 worked, 3:00:00 overtime, with the time of your other computer\)\./);
  });

  it('locks the approved week on both computers', async () => {
    const session = await h.login('manager');
    const res = await h.request({
      method: 'POST',
      url: '/api/approvals/approve',
      session,
      payload: { user: PEOPLE.rep.email, week: '2026-03-02', comment: null },
    });
    expect(res.statusCode, res.body).toBe(200);
    for (const d of [laptop, desk]) {
      await request(d, 'timesheet.weeks', { refresh: true });
      expect((await refusal(d, 'time.add', { kind: 'work', startMs: at(5, 9), endMs: at(5, 10), reason: 'x' })).code).toBe('week-locked');
    }
  });
});

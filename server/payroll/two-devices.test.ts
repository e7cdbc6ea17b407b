/**
 * One rep, two enrolled computers (a laptop and a desk PC), one week, against SQLite and PostgreSQL: the
 * submitted and approved week and the payroll export are the rep's time once — the union of what both
 * pushed — never a device's share counted twice (an hour both recorded, a batch sent again after a lost
 * answer). A device reads the other's records of the week (GET /api/sync/week-records) and submits the week
 * over both, which the server takes; one that submits only its own share, or figures a second off, is refused
 * with both figures, not taken as the week. Another rep's device reads none of this rep's records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeWeek, payRulesOf, timeRecordsFromSync, type WeekFigures } from '../../shared/payroll/week';
import { DEFAULT_POLICY, WEEK_RECORDS_RESULT_SCHEMA, type Policy, type SyncRecord } from '../../shared/sync/contract';
import { createHarness, PEOPLE, type Harness, type Session } from '../test-support/harness';
import { pushBody, session } from '../test-support/records';
import { DIALECTS } from '../test-support/test-db';

const FLSA: Policy = { ...DEFAULT_POLICY, overtimeRules: 'flsa', weekStart: 'mon' };
const WEEK = '2026-03-02';
const at = (date: string, hour: number) => Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
const H = 3600;

// Monday both computers ran 12:00–13:00: one hour, not two. 8 + 8 + 10 + 8 + 9 = 43 h, 3 h over 40.
const LAPTOP: SyncRecord[] = [
  session(1, at('2026-03-02', 9), 4, 'l-mon'),
  session(2, at('2026-03-03', 9), 8, 'l-tue'),
  session(3, at('2026-03-05', 9), 8, 'l-thu'),
];
const DESK: SyncRecord[] = [
  session(1, at('2026-03-02', 12), 5, 'd-mon'),
  session(2, at('2026-03-04', 9), 10, 'd-wed'),
  session(3, at('2026-03-06', 9), 9, 'd-fri'),
];

describe.each(DIALECTS)('two devices of one rep (%s)', (dialect) => {
  let h: Harness;
  let admin: Session;
  let laptop: { deviceId: string; token: string };
  let desk: { deviceId: string; token: string };

  /** The week from records of the given devices, as a device holding them would compute it. */
  const weekOf = (parts: { deviceId: string; records: SyncRecord[] }[]): WeekFigures =>
    computeWeek(
      timeRecordsFromSync(parts.flatMap((p) => p.records.map((record) => ({ record, deviceId: p.deviceId })))),
      WEEK,
      payRulesOf(FLSA),
      h.clock.now,
      'UTC',
    );
  const push = async (device: { deviceId: string; token: string }, batch: SyncRecord[]) => {
    const res = await h.request({ method: 'POST', url: '/api/sync/push', token: device.token, payload: pushBody(device.deviceId, batch) });
    expect(res.statusCode).toBe(200);
  };
  /** What a device reads before it submits: the records of the rep's other devices the server holds for the week. */
  const otherRecords = async (device: { token: string }) => {
    const res = await h.request({ method: 'GET', url: `/api/sync/week-records?week=${WEEK}`, token: device.token });
    expect(res.statusCode, res.body).toBe(200);
    return WEEK_RECORDS_RESULT_SCHEMA.parse(res.json()).records;
  };
  const submit = (device: { deviceId: string; token: string }, figures: WeekFigures) =>
    h.request({ method: 'POST', url: '/api/timesheets/submit', token: device.token, payload: { deviceId: device.deviceId, policyVersion: 1, figures } });

  beforeAll(async () => {
    h = await createHarness(dialect);
    h.clock.now = at('2026-03-09', 12);
    admin = await h.login('admin');
    expect((await h.request({ method: 'PUT', url: '/api/policy', session: admin, payload: { team: 'A', policy: FLSA } })).statusCode).toBe(200);
    laptop = await h.enroll('rep');
    desk = await h.enroll('rep');
    await push(laptop, LAPTOP);
    await push(desk, DESK);
    // The laptop never heard the answer to its first push and sends the same batch again.
    await push(laptop, LAPTOP);
    const pay = { payType: 'hourly', regularRateCents: 2000, adpFileNumber: '000777' };
    expect((await h.request({ method: 'PUT', url: `/api/pay/${PEOPLE.rep.email}`, session: admin, payload: pay })).statusCode).toBe(200);
  });
  afterAll(() => h.close());

  it('refuses a week submitted from one device’s records alone, naming both figures', async () => {
    const res = await submit(laptop, weekOf([{ deviceId: laptop.deviceId, records: LAPTOP }]));
    expect([res.statusCode, res.json().error]).toEqual([409, 'figures-differ']);
    expect(res.json().server.days.map((d: { workedSeconds: number }) => d.workedSeconds / H)).toEqual([8, 8, 10, 8, 9, 0, 0]);
  });

  it('gives a device the records of the rep’s other device only, and no other rep’s device any of them', async () => {
    const fromLaptop = await otherRecords(laptop);
    expect(fromLaptop.every((r) => r.deviceId === desk.deviceId)).toBe(true);
    expect(fromLaptop.map((r) => r.record.uuid).sort()).toEqual(DESK.map((r) => r.uuid).sort());
    expect((await otherRecords(desk)).map((r) => r.record.uuid).sort()).toEqual(LAPTOP.map((r) => r.uuid).sort());

    const stranger = await h.enroll('otherRep');
    expect(await otherRecords(stranger)).toEqual([]);
    // No way to name someone else: the query takes the week alone.
    const named = await h.request({ method: 'GET', url: `/api/sync/week-records?week=${WEEK}&user=${PEOPLE.rep.email}`, token: stranger.token });
    expect([named.statusCode, named.json().error]).toEqual([400, 'invalid-input']);
    expect((await h.request({ method: 'GET', url: `/api/sync/week-records?week=${WEEK}`, session: admin })).statusCode).toBe(401);
  });

  it('refuses figures a second off the week of both devices, naming both figures', async () => {
    const others = await otherRecords(laptop);
    const both = weekOf([{ deviceId: laptop.deviceId, records: LAPTOP }, ...others.map((o) => ({ deviceId: o.deviceId, records: [o.record] }))]);
    const off = { ...both, days: both.days.map((d, i) => (i === 2 ? { ...d, workedSeconds: d.workedSeconds + 1 } : d)) };
    const res = await submit(laptop, off);
    expect([res.statusCode, res.json().error]).toEqual([409, 'figures-differ']);
    expect(res.json().device.days[2].workedSeconds).toBe(10 * H + 1);
    expect(res.json().server.days[2].workedSeconds).toBe(10 * H);
    expect(res.json().differences).toEqual([{ date: '2026-03-04', field: 'workedSeconds', before: 10 * H + 1, after: 10 * H }]);
  });

  it('takes the week the laptop computes over its records and the desk’s, approves it, and exports the sum with nothing doubled', async () => {
    // What the device does before submitting: its own records and the other device's, with the shared code.
    const others = await otherRecords(laptop);
    const both = weekOf([{ deviceId: laptop.deviceId, records: LAPTOP }, ...others.map((o) => ({ deviceId: o.deviceId, records: [o.record] }))]);
    expect(both.days.map((d) => d.workedSeconds / H)).toEqual([8, 8, 10, 8, 9, 0, 0]);
    const submitted = await submit(laptop, both);
    expect(submitted.statusCode, submitted.body).toBe(201);
    const approved = await h.request({
      method: 'POST',
      url: '/api/approvals/approve',
      session: admin,
      payload: { user: PEOPLE.rep.email, week: WEEK, comment: null },
    });
    expect(approved.json().week).toMatchObject({ status: 'approved', locked: true });

    const list = await h.request({ method: 'GET', url: `/api/approvals?week=${WEEK}&team=A`, session: admin });
    const row = list.json().weeks.find((w: { email: string }) => w.email === PEOPLE.rep.email);
    expect(row).toMatchObject({ status: 'approved' });

    const res = await h.request({
      method: 'POST',
      url: '/api/exports/payroll',
      session: admin,
      payload: { from: WEEK, to: '2026-03-08', format: 'csv', team: 'A' },
    });
    expect(res.statusCode).toBe(201);
    const rows = (res.json().file.text as string)
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    const hours = (code: string) => rows.filter((r) => r[4] === code).reduce((sum, r) => sum + Number(r[5]), 0);
    expect(rows.every((r) => r[1] === PEOPLE.rep.email)).toBe(true);
    expect([hours('REG'), hours('OT'), hours('DT')]).toEqual([40, 3, 0]);
    // Each day once, as approved.
    expect(rows.filter((r) => r[4] === 'REG').map((r) => [r[3], Number(r[5])])).toEqual([
      ['2026-03-02', 8],
      ['2026-03-03', 8],
      ['2026-03-04', 10],
      ['2026-03-05', 8],
      ['2026-03-06', 6],
    ]);
    expect(res.json().totals).toEqual({ REG: 40 * H, OT: 3 * H, DT: 0 });
  });
});

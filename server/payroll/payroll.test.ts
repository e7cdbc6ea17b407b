/**
 * Approvals and payroll over a fixture team, against SQLite and PostgreSQL: team West (California
 * overtime) with Ana (a DST week worked all seven days: daily overtime, double time and the seventh-day
 * rule), "=Bob Formula" (a formula-like name), Cy (no ADP file number) and Dee (worked, never submitted).
 * The export files are compared with hand-worked expected files in ./fixtures.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeWeek, payRulesOf, timeRecordsFromSync, type WeekFigures } from '../../shared/payroll/week';
import { DEFAULT_POLICY, type Policy, type SyncRecord } from '../../shared/sync/contract';
import { createUser, enrollmentCode } from '../admin';
import { createHarness, type Harness, type Session } from '../test-support/harness';
import { pushBody } from '../test-support/records';
import { DIALECTS } from '../test-support/test-db';
import { WeeksStore } from '../store/weeks-store';

const WEST: Policy = { ...DEFAULT_POLICY, overtimeRules: 'california', weekStart: 'mon' };
const LA = 'America/Los_Angeles';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** A work session in Los Angeles from a local date and time, for `hours` real hours. */
function work(seq: number, date: string, time: string, hours: number): SyncRecord {
  // PST (−08:00) until 2026-03-08 02:00, which is PDT (−07:00): every start here is before the change.
  const startMs = Date.parse(`${date}T${time}:00-08:00`);
  return {
    seq,
    uuid: `w-${date}-${time}-${seq}`,
    kind: 'session',
    sessionKind: 'work',
    source: 'recorded',
    startMs,
    endMs: startMs + hours * 3600_000,
    timeZone: LA,
    utcOffsetMin: -480,
  };
}

const ANA: SyncRecord[] = [
  work(1, '2026-03-02', '08:00', 10),
  work(2, '2026-03-03', '07:00', 13),
  work(3, '2026-03-04', '09:00', 8),
  work(4, '2026-03-05', '09:00', 8),
  work(5, '2026-03-06', '09:00', 8),
  work(6, '2026-03-07', '09:00', 4),
  // Sunday of the DST change: 00:00 PST to 09:00 PDT is 8 real hours.
  work(7, '2026-03-08', '00:00', 8),
];
const BOB: SyncRecord[] = [work(1, '2026-03-02', '09:00', 9), work(2, '2026-03-03', '09:00', 7.5)];
const CY: SyncRecord[] = [work(1, '2026-03-02', '09:00', 8)];
const DEE: SyncRecord[] = [work(1, '2026-03-02', '09:00', 3)];

const OPTIONS = {
  adp: { coCode: 'WXY', batchId: 'STINT0302' },
  paychex: { clientId: '70012345' },
  iif: { companyName: 'Acme Sales', companyCreateTime: '1234567890' },
};

describe.each(DIALECTS)('approvals and payroll exports (%s)', (dialect) => {
  let h: Harness;
  let admin: Session;
  let manager: Session;
  const devices = new Map<string, { deviceId: string; token: string; records: SyncRecord[] }>();

  /** The week as the rep's device computes it from its own records. */
  const deviceWeek = (email: string, date = '2026-03-02'): WeekFigures => {
    const d = devices.get(email)!;
    return computeWeek(timeRecordsFromSync(d.records.map((record) => ({ record, deviceId: d.deviceId }))), date, payRulesOf(WEST), h.clock.now, 'UTC');
  };
  const push = async (email: string, batch: SyncRecord[]) => {
    const d = devices.get(email)!;
    d.records.push(...batch);
    const res = await h.request({ method: 'POST', url: '/api/sync/push', token: d.token, payload: pushBody(d.deviceId, batch) });
    expect(res.statusCode).toBe(200);
  };
  const submit = (email: string, figures = deviceWeek(email), policyVersion = 1) => {
    const d = devices.get(email)!;
    return h.request({ method: 'POST', url: '/api/timesheets/submit', token: d.token, payload: { deviceId: d.deviceId, policyVersion, figures } });
  };
  const decide = (session: Session, decision: 'approve' | 'reject' | 'reopen', email: string, comment: string | null = null, week = '2026-03-04') =>
    h.request({ method: 'POST', url: `/api/approvals/${decision}`, session, payload: { user: email, week, comment } });
  const exportFile = (format: string, partial = true) =>
    h.request({
      method: 'POST',
      url: '/api/exports/payroll',
      session: admin,
      payload: { from: '2026-03-02', to: '2026-03-08', format, team: 'West', partial, ...OPTIONS },
    });

  beforeAll(async () => {
    h = await createHarness(dialect);
    admin = await h.login('admin');
    await createUser(h.services, { email: 'west.boss@example.com', name: 'West Boss', role: 'manager', team: 'West', password: 'correct horse battery' });
    const people = [
      {
        email: 'ana@example.com',
        name: 'Ana Reyes',
        records: ANA,
        pay: {
          payType: 'hourly',
          regularRateCents: 2500,
          adpFileNumber: '000101',
          gustoEmployeeId: 'A1B2C3',
          quickbooksName: 'Reyes, Ana',
          paychexWorkerId: 'W1001',
        },
      },
      {
        email: 'bob@example.com',
        name: '=Bob Formula',
        records: BOB,
        pay: {
          payType: 'salaried-non-exempt',
          regularRateCents: 3000,
          adpFileNumber: '000102',
          gustoEmployeeId: 'B2C3D4',
          quickbooksName: '=Bob Formula',
          paychexWorkerId: 'W1002',
        },
      },
      {
        email: 'cy@example.com',
        name: 'Cy Noadp',
        records: CY,
        pay: { payType: 'hourly', regularRateCents: 2000, gustoEmployeeId: 'C3D4E5', quickbooksName: 'Noadp, Cy', paychexWorkerId: 'W1003' },
      },
      { email: 'dee@example.com', name: 'Dee Late', records: DEE, pay: { payType: 'hourly', regularRateCents: 2000 } },
    ];
    const res = await h.request({ method: 'PUT', url: '/api/policy', session: admin, payload: { team: 'West', policy: WEST } });
    expect(res.statusCode).toBe(200);
    for (const p of people) {
      await createUser(h.services, { email: p.email, name: p.name, role: 'rep', team: 'West', password: null });
      const { code } = await enrollmentCode(h.services, p.email);
      const enrolled = (await h.request({ method: 'POST', url: '/api/devices/enroll', payload: { code } })).json() as { deviceId: string; token: string };
      devices.set(p.email, { ...enrolled, records: [] });
      await push(p.email, p.records);
      const put = await h.request({ method: 'PUT', url: `/api/pay/${p.email}`, session: admin, payload: p.pay });
      expect(put.statusCode).toBe(200);
    }
    manager = await (async () => {
      const login = await h.request({ method: 'POST', url: '/api/login', payload: { email: 'west.boss@example.com', password: 'correct horse battery' } });
      return {
        cookie: `stint_session=${login.cookies.find((c) => c.name === 'stint_session')!.value}`,
        csrf: (login.json() as { csrfToken: string }).csrfToken,
      };
    })();
  });
  afterAll(() => h.close());

  it("computes Ana's DST week under California rules: daily overtime, double time and the seventh day", () => {
    const week = deviceWeek('ana@example.com');
    expect(week.days.map((d) => [d.date, d.workedSeconds / 3600, d.regularSeconds / 3600, d.overtimeSeconds / 3600, d.doubleTimeSeconds / 3600])).toEqual([
      ['2026-03-02', 10, 8, 2, 0],
      ['2026-03-03', 13, 8, 4, 1],
      ['2026-03-04', 8, 8, 0, 0],
      ['2026-03-05', 8, 8, 0, 0],
      ['2026-03-06', 8, 8, 0, 0],
      // Past 40 straight-time hours: the Saturday is overtime.
      ['2026-03-07', 4, 0, 4, 0],
      // The seventh consecutive day: its first 8 hours at 1.5×; 23-hour day, 8 real hours worked.
      ['2026-03-08', 8, 0, 8, 0],
    ]);
  });

  it('refuses a submission whose figures differ from the server by a second, with both figures', async () => {
    const figures = deviceWeek('ana@example.com');
    const off = {
      ...figures,
      days: figures.days.map((d, i) => (i === 1 ? { ...d, workedSeconds: d.workedSeconds + 1, overtimeSeconds: d.overtimeSeconds + 1 } : d)),
    };
    const res = await submit('ana@example.com', off);
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body.error).toBe('figures-differ');
    expect(body.device).toEqual(off);
    expect(body.server).toEqual(figures);
    expect(body.differences).toEqual([
      { date: '2026-03-03', field: 'workedSeconds', before: 13 * 3600 + 1, after: 13 * 3600 },
      { date: '2026-03-03', field: 'overtimeSeconds', before: 4 * 3600 + 1, after: 4 * 3600 },
    ]);
    expect(await new WeeksStore(h.store.db).get(h.ids.admin, '2026-03-02')).toBeUndefined();
  });

  it('rejects with a comment the device reads, takes a corrected submission, approves and locks the week', async () => {
    for (const email of ['ana@example.com', 'bob@example.com', 'cy@example.com']) expect((await submit(email)).statusCode).toBe(201);
    const noComment = await decide(manager, 'reject', 'bob@example.com');
    expect([noComment.statusCode, noComment.json().error]).toEqual([400, 'comment-required']);
    expect((await decide(manager, 'reject', 'bob@example.com', 'Tuesday lacks the client visit.')).statusCode).toBe(200);
    const bob = devices.get('bob@example.com')!;
    const states = await h.request({ method: 'GET', url: '/api/timesheets/weeks?from=2026-03-01', token: bob.token });
    expect(states.json().weeks).toEqual([
      expect.objectContaining({
        weekStart: '2026-03-02',
        status: 'rejected',
        locked: false,
        comment: 'Tuesday lacks the client visit.',
        decidedBy: 'west.boss@example.com',
      }),
    ]);
    expect((await submit('bob@example.com')).statusCode).toBe(201);
    for (const email of ['ana@example.com', 'bob@example.com', 'cy@example.com']) expect((await decide(manager, 'approve', email)).statusCode).toBe(200);
    const locked = await submit('ana@example.com');
    expect([locked.statusCode, locked.json().error]).toEqual([409, 'week-locked']);
    const list = await h.request({ method: 'GET', url: '/api/approvals?week=2026-03-05&team=West', session: manager });
    expect(list.json().weeks.map((w: { email: string; status: string }) => [w.email, w.status])).toEqual([
      ['ana@example.com', 'approved'],
      ['bob@example.com', 'approved'],
      ['cy@example.com', 'approved'],
      ['dee@example.com', 'not-submitted'],
    ]);
  });

  it.each([
    ['csv', 'west-week.csv'],
    ['gusto', 'west-week.gusto.csv'],
    ['iif', 'west-week.iif'],
    ['adp', 'west-week.adp.csv'],
    ['paychex', 'west-week.paychex.csv'],
  ])('exports %s exactly as the hand-worked file, listing who is left out', async (format, file) => {
    const refused = await exportFile(format, false);
    expect(refused.statusCode).toBe(409);
    const res = await exportFile(format);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.file.text).toBe(fixture(file));
    const problems = body.problems.map((p: { email: string; kind: string; status: string | null }) => [p.email, p.kind, p.status]);
    expect(problems).toEqual([...(format === 'adp' ? [['cy@example.com', 'missing-id', null]] : []), ['dee@example.com', 'unapproved', 'not-submitted']]);
  });

  it('marks exported periods: exporting again says so and shows what changed', async () => {
    const again = (await exportFile('csv')).json();
    expect(again.previous.length).toBeGreaterThanOrEqual(5);
    expect(again.changes).toEqual([]);
    // Ana's laptop was offline: an hour on Thursday evening arrives after approval.
    await push('ana@example.com', [work(8, '2026-03-05', '17:00', 1)]);
    const list = (await h.request({ method: 'GET', url: '/api/approvals', session: manager })).json();
    expect(list.weeks).toEqual([
      expect.objectContaining({
        email: 'ana@example.com',
        status: 'changed',
        differences: [
          { date: '2026-03-05', field: 'workedSeconds', before: 8 * 3600, after: 9 * 3600 },
          { date: '2026-03-05', field: 'overtimeSeconds', before: 0, after: 3600 },
        ],
      }),
    ]);
    const blocked = await exportFile('csv', false);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().problems).toContainEqual(expect.objectContaining({ email: 'ana@example.com', kind: 'unapproved', status: 'changed' }));
    expect(blocked.json().file).toBeNull();
    expect((await decide(manager, 'approve', 'ana@example.com')).statusCode).toBe(200);
    const after = (await exportFile('csv')).json();
    expect(after.changes).toEqual([{ email: 'ana@example.com', date: '2026-03-05', code: 'OT', beforeSeconds: 0, afterSeconds: 3600 }]);
  });

  it('reopens only with a reason, and audits every decision with before and after', async () => {
    const noReason = await decide(manager, 'reopen', 'cy@example.com');
    expect([noReason.statusCode, noReason.json().error]).toEqual([400, 'comment-required']);
    expect((await decide(manager, 'reopen', 'cy@example.com', 'Monday was a holiday.')).json().week).toMatchObject({ status: 'reopened', locked: false });
    expect((await submit('cy@example.com')).statusCode).toBe(201);
    const self = await decide(admin, 'approve', 'cy@example.com', null);
    expect(self.statusCode).toBe(200);
    const audit = await h.request({ method: 'GET', url: '/api/audit?from=2026-03-01&to=2026-03-31&action=week.', session: admin });
    const actions = audit.json().entries.map((e: { action: string }) => e.action);
    for (const a of ['week.submit', 'week.reject', 'week.approve', 'week.changed', 'week.reopen']) expect(actions).toContain(a);
    const csv = await h.request({ method: 'GET', url: '/api/audit?from=2026-03-01&to=2026-03-31&action=payroll.&format=csv', session: admin });
    expect(csv.body.split('\r\n')[0]).toBe('id,at,actor,action,subject,detail');
    expect(csv.body).toContain('payroll.export');
    const rep = await h.request({ method: 'GET', url: '/api/timesheets/week.csv?week=2026-03-02&user=cy@example.com', session: manager });
    expect(rep.body).toBe('employee,employee_id,workweek,date,pay_code,hours,rate\r\nCy Noadp,cy@example.com,2026-03-02,2026-03-02,REG,8.00,20.00\r\n');
  });
});

/**
 * What the web app's Payroll and Pay data pages read, against SQLite and PostgreSQL: the validation of a
 * pay period before anything is exported (GET /api/exports/payroll: the export's own code told to validate
 * only), and every rep's pay data at once (GET /api/pay). Answers are checked with the shared schemas the
 * page parses them with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAY_LIST_SCHEMA, PAYROLL_EXPORT_SCHEMA, PAYROLL_PREVIEW_SCHEMA } from '../../shared/payroll/payroll-api';
import { computeWeek, payRulesOf, timeRecordsFromSync } from '../../shared/payroll/week';
import { DEFAULT_POLICY, type SyncRecord } from '../../shared/sync/contract';
import { createHarness, PEOPLE, type Harness, type Session } from '../test-support/harness';
import { pushBody, session } from '../test-support/records';
import { DIALECTS } from '../test-support/test-db';

const WEEK = '2026-03-02';
const at = (date: string, hour: number) => Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
const REP_A: SyncRecord[] = [session(1, at('2026-03-02', 9), 8, 'a-mon'), session(2, at('2026-03-03', 9), 7.5, 'a-tue')];
const REP_B: SyncRecord[] = [session(1, at('2026-03-04', 9), 6, 'b-wed')];
const preview = (query: string) => `/api/exports/payroll?from=${WEEK}&to=2026-03-08&${query}`;

describe.each(DIALECTS)('the payroll page’s validation and pay list (%s)', (dialect) => {
  let h: Harness;
  let admin: Session;
  let repA: { deviceId: string; token: string };

  beforeAll(async () => {
    h = await createHarness(dialect);
    h.clock.now = at('2026-03-09', 12);
    admin = await h.login('admin');
    repA = await h.enroll('rep');
    const repB = await h.enroll('otherRep');
    for (const [device, batch] of [
      [repA, REP_A],
      [repB, REP_B],
    ] as const)
      expect((await h.request({ method: 'POST', url: '/api/sync/push', token: device.token, payload: pushBody(device.deviceId, batch) })).statusCode).toBe(200);
    const figures = computeWeek(
      timeRecordsFromSync(REP_A.map((record) => ({ record, deviceId: repA.deviceId }))),
      WEEK,
      payRulesOf(DEFAULT_POLICY),
      h.clock.now,
      'UTC',
    );
    expect(
      (await h.request({ method: 'POST', url: '/api/timesheets/submit', token: repA.token, payload: { deviceId: repA.deviceId, policyVersion: 0, figures } }))
        .statusCode,
    ).toBe(201);
    const approve = await h.request({
      method: 'POST',
      url: '/api/approvals/approve',
      session: admin,
      payload: { user: PEOPLE.rep.email, week: WEEK, comment: null },
    });
    expect(approve.statusCode).toBe(200);
  });
  afterAll(() => h.close());

  it('lists the rep with an unapproved week and the rep without the format’s id, and marks nothing', async () => {
    const res = await h.request({ method: 'GET', url: preview('format=adp&coCode=WXY&batchId=B1'), session: admin });
    expect(res.statusCode).toBe(200);
    const body = PAYROLL_PREVIEW_SCHEMA.parse(res.json());
    expect(body.ok).toBe(false);
    expect(body.missingOptions).toEqual([]);
    expect(body.problems).toEqual([
      { email: PEOPLE.rep.email, name: 'rep', kind: 'missing-id', weekStart: null, status: null },
      { email: PEOPLE.otherRep.email, name: 'otherRep', kind: 'unapproved', weekStart: WEEK, status: 'not-submitted' },
    ]);
    expect(body.previous).toEqual([]);
    const audit = await h.request({ method: 'GET', url: '/api/audit?from=2026-03-01&to=2026-03-31&action=payroll.', session: admin });
    expect(audit.json().entries).toEqual([]);
  });

  it('says which options a format still needs instead of refusing', async () => {
    const body = PAYROLL_PREVIEW_SCHEMA.parse((await h.request({ method: 'GET', url: preview('format=paychex&team=A'), session: admin })).json());
    expect(body.missingOptions).toEqual(['clientId']);
    expect(body.ok).toBe(false);
  });

  it('is ready for one team once its weeks are approved and ids present; after an export it says so, with what changed', async () => {
    const ready = PAYROLL_PREVIEW_SCHEMA.parse((await h.request({ method: 'GET', url: preview('format=csv&team=A'), session: admin })).json());
    expect(ready).toMatchObject({ ok: true, problems: [], employees: 1, totals: { REG: 15.5 * 3600, OT: 0, DT: 0 }, previous: [], changes: [] });
    const exported = await h.request({
      method: 'POST',
      url: '/api/exports/payroll',
      session: admin,
      payload: { from: WEEK, to: '2026-03-08', format: 'csv', team: 'A' },
    });
    expect(exported.statusCode).toBe(201);
    const file = PAYROLL_EXPORT_SCHEMA.parse(exported.json());
    const again = PAYROLL_PREVIEW_SCHEMA.parse((await h.request({ method: 'GET', url: preview('format=csv&team=A'), session: admin })).json());
    expect(again.previous).toEqual([
      expect.objectContaining({ id: file.exportId, from: WEEK, to: '2026-03-08', format: 'csv', createdBy: PEOPLE.admin.email }),
    ]);
    expect(again.changes).toEqual([]);
  });

  it('refuses everyone but admins, and a period longer than two months', async () => {
    for (const person of ['manager', 'rep'] as const) {
      const res = await h.request({ method: 'GET', url: preview('format=csv'), session: await h.login(person) });
      expect(res.statusCode).toBe(403);
    }
    expect((await h.request({ method: 'GET', url: preview('format=csv'), token: repA.token })).statusCode).toBe(401);
    const long = await h.request({ method: 'GET', url: `/api/exports/payroll?from=2026-01-01&to=2026-06-01&format=csv`, session: admin });
    expect(long.statusCode).toBe(400);
  });

  it('lists every rep with their pay data, null where never set', async () => {
    await h.request({ method: 'PUT', url: `/api/pay/${PEOPLE.otherRep.email}`, session: admin, payload: { payType: 'exempt', paychexWorkerId: 'W9' } });
    const res = await h.request({ method: 'GET', url: '/api/pay', session: admin });
    const { users } = PAY_LIST_SCHEMA.parse(res.json());
    expect(users.map((u) => [u.email, u.team, u.profile?.payType ?? null, u.profile?.paychexWorkerId ?? null])).toEqual([
      [PEOPLE.rep.email, 'A', null, null],
      [PEOPLE.otherRep.email, 'B', 'exempt', 'W9'],
    ]);
    expect((await h.request({ method: 'GET', url: '/api/pay', session: await h.login('manager') })).statusCode).toBe(403);
  });
});

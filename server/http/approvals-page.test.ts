/**
 * What the web app's Approvals and Audit log pages read, against SQLite and PostgreSQL: the approval list
 * with each day's figures (parsed with the shared contract the page uses), and the audit log by user, as
 * JSON and as a CSV download.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVALS_SCHEMA, AUDIT_SCHEMA, auditSummary, DECISION_SCHEMA } from '../../shared/payroll/approvals-api';
import { computeWeek, payRulesOf, timeRecordsFromSync } from '../../shared/payroll/week';
import { POLICY_SCHEMA, type SyncRecord } from '../../shared/sync/contract';
import { createHarness, PEOPLE, T0, type Harness, type Session } from '../test-support/harness';
import { manual, pushBody, session } from '../test-support/records';
import { DIALECTS } from '../test-support/test-db';

const H = 3600_000;

describe.each(DIALECTS)('the approvals and audit pages’ API (%s)', (dialect) => {
  let h: Harness;
  let admin: Session;
  let manager: Session;
  let device: { deviceId: string; token: string };
  const records: SyncRecord[] = [session(1, T0, 9), manual(2, T0 + 24 * H, 2)];

  const submit = async () => {
    const pulled = (await h.request({ method: 'GET', url: '/api/policy', token: device.token })).json() as { version: number; policy: unknown };
    const figures = computeWeek(
      timeRecordsFromSync(records.map((record) => ({ record, deviceId: device.deviceId }))),
      '2026-03-02',
      payRulesOf(POLICY_SCHEMA.parse(pulled.policy)),
      h.clock.now,
      'UTC',
    );
    return h.request({
      method: 'POST',
      url: '/api/timesheets/submit',
      token: device.token,
      payload: { deviceId: device.deviceId, policyVersion: pulled.version, figures },
    });
  };

  beforeAll(async () => {
    h = await createHarness(dialect);
    // Wednesday of the week worked: the records are closed, the week not over.
    h.clock.now = T0 + 2 * 24 * H;
    admin = await h.login('admin');
    manager = await h.login('manager');
    device = await h.enroll('rep');
    expect((await h.request({ method: 'POST', url: '/api/sync/push', token: device.token, payload: pushBody(device.deviceId, records) })).statusCode).toBe(200);
  });
  afterAll(() => h?.close());

  it("lists each rep's week with the server's figures per day, in the shared contract", async () => {
    expect((await submit()).statusCode).toBe(201);
    const res = await h.request({ method: 'GET', url: '/api/approvals?week=2026-03-04', session: manager });
    expect(res.statusCode).toBe(200);
    const { weeks } = APPROVALS_SCHEMA.parse(res.json());
    expect(weeks.map((w) => [w.email, w.status])).toEqual([[PEOPLE.rep.email, 'submitted']]);
    const week = weeks[0]!;
    expect(week.days).toHaveLength(7);
    expect(week.days![0]).toMatchObject({ date: '2026-03-02', workedSeconds: 9 * 3600 });
    expect(week.days![1]).toMatchObject({ date: '2026-03-03', workedSeconds: 2 * 3600, manualSeconds: 2 * 3600 });
    expect(week.totals?.workedSeconds).toBe(11 * 3600);

    const all = APPROVALS_SCHEMA.parse((await h.request({ method: 'GET', url: '/api/approvals?week=2026-03-04', session: admin })).json());
    const other = all.weeks.find((w) => w.email === PEOPLE.otherRep.email)!;
    expect([other.status, other.days, other.totals]).toEqual(['not-submitted', null, null]);
  });

  it('filters the audit log by user (what they did and what was done to them) and downloads it as CSV', async () => {
    const rejected = await h.request({
      method: 'POST',
      url: '/api/approvals/reject',
      session: manager,
      payload: { user: PEOPLE.rep.email, week: '2026-03-02', comment: 'Tuesday?' },
    });
    expect(DECISION_SCHEMA.parse(rejected.json()).week.status).toBe('rejected');
    const query = 'from=2026-03-01&to=2026-03-31';
    const ofRep = AUDIT_SCHEMA.parse((await h.request({ method: 'GET', url: `/api/audit?${query}&user=${PEOPLE.rep.email}`, session: admin })).json());
    expect(ofRep.entries.map((e) => [e.action, e.actor])).toEqual([
      ['user.create', null],
      ['week.submit', PEOPLE.rep.email],
      ['week.reject', PEOPLE.manager.email],
    ]);
    const submitted = auditSummary(ofRep.entries[1]!.detail);
    expect(submitted).toMatchObject({ email: PEOPLE.rep.email, weekStart: '2026-03-02', before: null });
    expect(submitted.after?.totals?.workedSeconds).toBe(11 * 3600);
    const reject = auditSummary(ofRep.entries[2]!.detail);
    expect(reject).toMatchObject({ comment: 'Tuesday?', before: { status: 'submitted' }, after: { status: 'rejected', totals: null } });
    expect(reject.before?.totals?.workedSeconds).toBe(11 * 3600);

    const ofManager = AUDIT_SCHEMA.parse((await h.request({ method: 'GET', url: `/api/audit?${query}&user=${PEOPLE.manager.email}`, session: admin })).json());
    expect(ofManager.entries.map((e) => e.action)).toEqual(['user.create', 'week.reject']);
    const ofOther = AUDIT_SCHEMA.parse(
      (await h.request({ method: 'GET', url: `/api/audit?${query}&user=${PEOPLE.otherRep.email}&action=week.`, session: admin })).json(),
    );
    expect(ofOther.entries).toEqual([]);
    const unknown = await h.request({ method: 'GET', url: `/api/audit?${query}&user=nobody@example.com`, session: admin });
    expect(unknown.statusCode).toBe(404);

    const csv = await h.request({ method: 'GET', url: `/api/audit?${query}&user=${PEOPLE.rep.email}&format=csv`, session: admin });
    expect(csv.headers['content-disposition']).toBe('attachment; filename="stint-audit-2026-03-01-2026-03-31.csv"');
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain('week.reject');
  });
});

/** GET /api/reports/team: a manager's own team as JSON and as CSV (the same figures); another team's manager and reps are refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, T0, type Harness } from '../test-support/harness';
import { pushBody, session } from '../test-support/records';
import { teamReportCsv, type TeamReport } from '../reports/team-report';

describe.each(['sqlite', 'postgres'] as const)('team report route (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
    const device = await h.enroll('rep');
    const call = {
      seq: 3,
      uuid: 'call-1',
      kind: 'call',
      startMs: T0 + 3_600_000,
      endMs: T0 + 3_900_000,
      data: { source: 'manual', answered: 1, talk_ms: 200_000, hold_ms: 10_000, wrap_ms: 30_000 },
    };
    const activity = { seq: 2, uuid: 'act-1', kind: 'activity', startMs: T0, endMs: T0 + 1_800_000, timeZone: 'UTC', utcOffsetMin: 0, app: '=cmd|calc' };
    const res = await h.request({
      method: 'POST',
      url: '/api/sync/push',
      token: device.token,
      payload: pushBody(device.deviceId, [session(1, T0, 2), activity, call] as never),
    });
    expect(res.statusCode).toBe(200);
  });
  afterAll(async () => h?.close());

  it("answers the manager's team as JSON, and each table as the same figures in CSV", async () => {
    const s = await h.login('manager');
    const json = await h.request({ method: 'GET', url: '/api/reports/team?from=2026-03-02&to=2026-03-02&team=A', session: s });
    expect(json.statusCode).toBe(200);
    const report = json.json() as TeamReport;
    expect(report.reps.map((r) => r.email)).toEqual(['rep.a@example.com']);
    expect(report.reps[0]!.calls.answered).toBe(1);
    expect(report.reps[0]!.apps).toEqual([{ app: '=cmd|calc', seconds: 1800 }]);
    const csv = await h.request({ method: 'GET', url: '/api/reports/team?from=2026-03-02&to=2026-03-02&team=A&format=csv&table=apps', session: s });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('team-apps-2026-03-02-2026-03-02.csv');
    expect(csv.body).toBe(teamReportCsv(report, 'apps'));
    expect(csv.body).toContain("'=cmd|calc");
  });

  it('narrows the report to one rep of the team with `user`', async () => {
    const s = await h.login('manager');
    const one = await h.request({ method: 'GET', url: '/api/reports/team?from=2026-03-02&to=2026-03-02&team=A&user=rep.a@example.com', session: s });
    expect(one.statusCode).toBe(200);
    expect((one.json() as TeamReport).reps.map((r) => r.email)).toEqual(['rep.a@example.com']);
    const other = await h.request({ method: 'GET', url: '/api/reports/team?from=2026-03-02&to=2026-03-02&user=rep.b@example.com', session: s });
    expect(other.statusCode).toBe(403);
  });

  it("refuses another team's manager and reps, with no figures", async () => {
    for (const who of ['otherManager', 'rep'] as const) {
      const res = await h.request({ method: 'GET', url: '/api/reports/team?from=2026-03-02&to=2026-03-02&team=A', session: await h.login(who) });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('rep.a@example.com');
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, STATUS_STALE_MS, type DeviceStatus } from '../../shared/sync/contract';
import { createHarness, PEOPLE, T0, type Harness } from '../test-support/harness';
import { DIALECTS } from '../test-support/test-db';

describe.each(DIALECTS)('live status and policy (%s)', (dialect) => {
  let h: Harness;
  let device: { deviceId: string; token: string };
  beforeAll(async () => {
    h = await createHarness(dialect);
    device = await h.enroll('rep');
  });
  afterAll(() => h.close());

  it('shows the latest status of each device, offline once it is older than two minutes', async () => {
    const status = (worked: number): DeviceStatus => ({
      deviceId: device.deviceId,
      atMs: h.clock.now,
      clockedIn: true,
      onBreak: false,
      onCall: worked > 60,
      category: 'Sales/CRM',
      todayWorkedSeconds: worked,
    });
    const manager = await h.login('manager');
    for (const worked of [30, 90]) {
      expect((await h.request({ method: 'POST', url: '/api/sync/status', token: device.token, payload: status(worked) })).statusCode).toBe(200);
    }
    const list = async (session = manager) => (await h.request({ method: 'GET', url: '/api/status', session })).json().devices;
    expect(await list()).toEqual([{ deviceId: device.deviceId, email: PEOPLE.rep.email, name: 'rep', receivedMs: T0, online: true, status: status(90) }]);
    h.clock.now = T0 + STATUS_STALE_MS + 1;
    expect((await list())[0].online).toBe(false);
    expect(await list(await h.login('otherManager'))).toEqual([]);
    h.clock.now = T0;
  });

  it("versions the org's and a team's policy, audits each change, and hands devices the one in force", async () => {
    const admin = await h.login('admin');
    const manager = await h.login('manager');
    const pull = async () => (await h.request({ method: 'GET', url: '/api/policy', token: device.token })).json();
    expect(await pull()).toEqual({ version: 0, teamId: null, policy: DEFAULT_POLICY });

    const org = { ...DEFAULT_POLICY, idleThresholdSeconds: 600 };
    expect((await h.request({ method: 'PUT', url: '/api/policy', session: admin, payload: { team: null, policy: org } })).json()).toMatchObject({
      version: 1,
      teamId: null,
    });
    expect(await pull()).toEqual({ version: 1, teamId: null, policy: org });

    const team = { ...org, upload: { titles: true, urls: false } };
    const saved = await h.request({ method: 'PUT', url: '/api/policy', session: manager, payload: { team: 'A', policy: team } });
    expect(saved.statusCode).toBe(200);
    const teamA = (await h.services.accounts.teamByName('A'))!.id;
    expect(await pull()).toEqual({ version: 1, teamId: teamA, policy: team });
    expect((await h.request({ method: 'PUT', url: '/api/policy', session: manager, payload: { team: null, policy: team } })).statusCode).toBe(403);

    const log = await h.store.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'action', 'subject', 'detail'])
      .where('action', '=', 'policy.put')
      .orderBy('id')
      .execute();
    expect(log.map((l) => ({ ...l, detail: JSON.parse(l.detail) }))).toEqual([
      { actor_user_id: h.ids.admin, action: 'policy.put', subject: 'org', detail: { version: 1, before: null, after: org } },
      { actor_user_id: h.ids.manager, action: 'policy.put', subject: `team:${teamA}`, detail: { version: 1, before: null, after: team } },
    ]);
  });
  it("answers a status with the revisions of the rep's policy and weeks, and keeps the app only where the policy lets it leave", async () => {
    const status: DeviceStatus = {
      deviceId: device.deviceId,
      atMs: h.clock.now,
      clockedIn: true,
      onBreak: false,
      onCall: false,
      category: null,
      app: 'Google-chrome',
      todayWorkedSeconds: 60,
    };
    const post = async () => {
      const res = await h.request({ method: 'POST', url: '/api/sync/status', token: device.token, payload: status });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { receivedMs: number; policyRevision: string; weeksRevision: string };
    };
    const first = await post();
    expect(first).toMatchObject({ receivedMs: h.clock.now, policyRevision: expect.any(String), weeksRevision: '0:0' });
    expect(await post()).toEqual(first);
    const stored = async () => (await h.request({ method: 'GET', url: '/api/status', session: await h.login('manager') })).json().devices[0].status;
    const titles = (await h.request({ method: 'GET', url: '/api/policy', token: device.token })).json().policy.upload.titles as boolean;
    expect((await stored()).app).toBe(titles ? 'Google-chrome' : null);

    // The team's policy changes: the revision moves, and the app stays on the device.
    const manager = await h.login('manager');
    const policy = { ...DEFAULT_POLICY, upload: { titles: !titles, urls: false } };
    expect((await h.request({ method: 'PUT', url: '/api/policy', session: manager, payload: { team: 'A', policy } })).statusCode).toBe(200);
    const second = await post();
    expect(second.policyRevision).not.toBe(first.policyRevision);
    expect(second.weeksRevision).toBe(first.weeksRevision);
    expect((await stored()).app).toBe(!titles ? 'Google-chrome' : null);
  });
});

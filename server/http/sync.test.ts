import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_SCHEMA_VERSION } from '../../shared/sync/contract';
import { createHarness, T0, type Harness } from '../test-support/harness';
import { manual, pushBody, session } from '../test-support/records';
import { DIALECTS } from '../test-support/test-db';

const H = 3600_000;

describe.each(DIALECTS)('enrollment and sync ingest (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  const stored = async (deviceId: string) =>
    (
      await h.store.db
        .selectFrom('records')
        .select(['uuid', 'kind', 'device_id', 'seq', 'start_ms', 'end_ms', 'payload'])
        .where('device_id', '=', deviceId)
        .orderBy('seq')
        .execute()
    ).map((r) => ({ ...r, payload: JSON.parse(r.payload) as unknown }));
  const lastSeq = async (deviceId: string) =>
    (await h.store.db.selectFrom('devices').select('last_seq').where('id', '=', deviceId).executeTakeFirstOrThrow()).last_seq;
  const push = (token: string, body: unknown) => h.request({ method: 'POST', url: '/api/sync/push', token, payload: body });

  it('enrolls with a one-time code: a second use, an unknown and an expired code are refused', async () => {
    const { code } = await import('../admin').then((m) => m.enrollmentCode(h.services, 'rep.a@example.com'));
    const first = await h.request({ method: 'POST', url: '/api/devices/enroll', payload: { code: code.toLowerCase() } });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ userEmail: 'rep.a@example.com', schemaVersion: SYNC_SCHEMA_VERSION });
    const again = await h.request({ method: 'POST', url: '/api/devices/enroll', payload: { code } });
    expect([again.statusCode, again.json().error]).toEqual([400, 'used-code']);
    const unknown = await h.request({ method: 'POST', url: '/api/devices/enroll', payload: { code: 'AAAA-BBBB-CCCC' } });
    expect([unknown.statusCode, unknown.json().error]).toEqual([400, 'unknown-code']);
    const late = await import('../admin').then((m) => m.enrollmentCode(h.services, 'rep.a@example.com'));
    h.clock.now += 8 * 24 * H;
    const expired = await h.request({ method: 'POST', url: '/api/devices/enroll', payload: { code: late.code } });
    h.clock.now = T0;
    expect([expired.statusCode, expired.json().error]).toEqual([400, 'expired-code']);
    // The token is stored hashed only.
    const device = await h.store.db.selectFrom('devices').selectAll().where('id', '=', first.json().deviceId).executeTakeFirstOrThrow();
    expect(device.token_hash).not.toContain(first.json().token);
    expect(device.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores a batch once: the same batch twice, and a retry with more rows, change nothing already held', async () => {
    const { deviceId, token } = await h.enroll('rep');
    const batch = [session(1, T0, 2), session(2, T0 + 3 * H, 1), manual(3, T0 + 5 * H, 1)];
    const first = await push(token, pushBody(deviceId, batch));
    expect([first.statusCode, first.json()]).toEqual([200, { ackSeq: 3, stored: 3 }]);
    const rows = await stored(deviceId);
    const again = await push(token, pushBody(deviceId, batch));
    expect([again.statusCode, again.json()]).toEqual([200, { ackSeq: 3, stored: 0 }]);
    expect(await stored(deviceId)).toEqual(rows);
    // The answer to the first push was lost; the device sends 2..4.
    const retry = await push(token, pushBody(deviceId, [batch[1]!, batch[2]!, session(4, T0 + 7 * H, 1)]));
    expect([retry.statusCode, retry.json()]).toEqual([200, { ackSeq: 4, stored: 1 }]);
    expect(await stored(deviceId)).toEqual([
      { uuid: 's-1', kind: 'session', device_id: deviceId, seq: 1, start_ms: T0, end_ms: T0 + 2 * H, payload: batch[0] },
      { uuid: 's-2', kind: 'session', device_id: deviceId, seq: 2, start_ms: T0 + 3 * H, end_ms: T0 + 4 * H, payload: batch[1] },
      { uuid: 'c-3', kind: 'correction', device_id: deviceId, seq: 3, start_ms: T0 + 5 * H, end_ms: T0 + 6 * H, payload: batch[2] },
      { uuid: 's-4', kind: 'session', device_id: deviceId, seq: 4, start_ms: T0 + 7 * H, end_ms: T0 + 8 * H, payload: session(4, T0 + 7 * H, 1) },
    ]);
    expect(await lastSeq(deviceId)).toBe(4);
  });

  it('refuses a gap and a batch out of order with the sequence it expects, writing nothing', async () => {
    const { deviceId, token } = await h.enroll('rep');
    const gap = await push(token, pushBody(deviceId, [session(2, T0, 1)]));
    expect([gap.statusCode, gap.json().error, gap.json().expectedSeq]).toEqual([409, 'sequence-gap', 1]);
    const shuffled = await push(token, pushBody(deviceId, [session(2, T0, 1), session(1, T0 + H, 1)]));
    expect([shuffled.statusCode, shuffled.json().error]).toEqual([400, 'invalid-input']);
    expect(shuffled.json().message).toMatch(/contiguous/);
    expect(await stored(deviceId)).toEqual([]);
    expect(await lastSeq(deviceId)).toBe(0);
  });

  it('refuses a device id the token does not own, and an unknown future schema version, clearly', async () => {
    const mine = await h.enroll('rep');
    const theirs = await h.enroll('otherRep');
    const forged = await push(mine.token, pushBody(theirs.deviceId, [session(1, T0, 1)]));
    expect([forged.statusCode, forged.json().error]).toEqual([403, 'device-mismatch']);
    const future = await push(mine.token, { ...pushBody(mine.deviceId, []), schemaVersion: SYNC_SCHEMA_VERSION + 1, batch: [{ seq: 1, kind: 'hologram' }] });
    expect([future.statusCode, future.json().error]).toEqual([400, 'schema-too-new']);
    expect(future.json().message).toMatch(/update the server/i);
    expect(await stored(mine.deviceId)).toEqual([]);
    expect(await stored(theirs.deviceId)).toEqual([]);
  });

  it('keys records by (rep, uuid): a record another device of the rep already sent stays as first received', async () => {
    const a = await h.enroll('otherRep');
    const b = await h.enroll('otherRep');
    expect((await push(a.token, pushBody(a.deviceId, [session(1, T0, 1, 'shared')]))).json()).toEqual({ ackSeq: 1, stored: 1 });
    expect((await push(b.token, pushBody(b.deviceId, [session(1, T0, 2, 'shared'), session(2, T0 + 3 * H, 1, 'b-own')]))).json()).toEqual({
      ackSeq: 2,
      stored: 1,
    });
    expect((await stored(a.deviceId)).map((r) => [r.uuid, r.end_ms])).toEqual([['shared', T0 + H]]);
    expect((await stored(b.deviceId)).map((r) => r.uuid)).toEqual(['b-own']);
  });

  it('stores window titles and urls only when the policy lets them leave the device', async () => {
    const { deviceId, token } = await h.enroll('rep');
    const activity = (seq: number) => ({
      seq,
      uuid: `a-${seq}`,
      kind: 'activity' as const,
      startMs: T0,
      endMs: T0 + 60_000,
      timeZone: 'UTC',
      utcOffsetMin: 0,
      app: 'Chrome',
      title: 'Deal: ACME',
      url: 'https://crm.example.com/1',
    });
    expect((await push(token, pushBody(deviceId, [activity(1)]))).statusCode).toBe(200);
    const admin = await h.login('admin');
    const { DEFAULT_POLICY } = await import('../../shared/sync/contract');
    const policy = { ...DEFAULT_POLICY, upload: { titles: true, urls: false } };
    expect((await h.request({ method: 'PUT', url: '/api/policy', session: admin, payload: { team: null, policy } })).statusCode).toBe(200);
    expect((await push(token, pushBody(deviceId, [activity(2)]))).statusCode).toBe(200);
    expect((await stored(deviceId)).map((r) => r.payload)).toEqual([
      { seq: 1, uuid: 'a-1', kind: 'activity', startMs: T0, endMs: T0 + 60_000, timeZone: 'UTC', utcOffsetMin: 0, app: 'Chrome' },
      { seq: 2, uuid: 'a-2', kind: 'activity', startMs: T0, endMs: T0 + 60_000, timeZone: 'UTC', utcOffsetMin: 0, app: 'Chrome', title: 'Deal: ACME' },
    ]);
    await h.store.db.deleteFrom('policies').execute();
  });

  it('a revoked device and a removed rep lose access at the next request', async () => {
    const { deviceId, token } = await h.enroll('rep');
    const admin = await h.login('admin');
    expect((await push(token, pushBody(deviceId, []))).statusCode).toBe(200);
    expect((await h.request({ method: 'POST', url: `/api/devices/${deviceId}/revoke`, session: admin })).statusCode).toBe(200);
    const refused = await push(token, pushBody(deviceId, [session(1, T0, 1)]));
    expect([refused.statusCode, refused.json().error]).toEqual([401, 'device-unknown']);
    expect(await stored(deviceId)).toEqual([]);

    const other = await h.enroll('otherRep');
    const repSession = await h.login('otherRep');
    expect((await h.request({ method: 'DELETE', url: `/api/users/${h.ids.otherRep}`, session: admin })).statusCode).toBe(200);
    expect((await push(other.token, pushBody(other.deviceId, []))).statusCode).toBe(401);
    expect((await h.request({ method: 'GET', url: '/api/me', session: repSession })).statusCode).toBe(401);
  });
});

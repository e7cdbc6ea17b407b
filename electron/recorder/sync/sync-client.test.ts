/** The device's reading of the other devices' week records: what an older server, a revoked token and a bad answer become. */
import { describe, expect, it } from 'vitest';
import { SyncClient, SyncError, type HttpAnswer, type SyncHttp } from './sync-client';

const answering = (answer: HttpAnswer, seen: string[] = []): SyncHttp => ({
  async request(method, url) {
    seen.push(`${method} ${url}`);
    return answer;
  },
});

describe('SyncClient.weekRecords', () => {
  it('asks for the week of its own token and parses the records', async () => {
    const seen: string[] = [];
    const record = { seq: 1, uuid: 'u1', kind: 'idle', startMs: 0, endMs: 1000, timeZone: 'UTC', utcOffsetMin: 0 };
    const client = new SyncClient(answering({ status: 200, body: { week: '2026-03-02', records: [{ deviceId: 'desk', record }] } }, seen), 'http://srv');
    expect(await client.weekRecords('t', '2026-03-02')).toEqual([{ deviceId: 'desk', record }]);
    expect(seen).toEqual(['GET http://srv/api/sync/week-records?week=2026-03-02']);
  });

  it('takes a server older than the route as having none to give', async () => {
    const client = new SyncClient(answering({ status: 404, body: { error: 'not-found', message: 'No route GET /api/sync/week-records.' } }), 'http://srv');
    expect(await client.weekRecords('t', '2026-03-02')).toBeNull();
  });

  it('throws what the pusher acts on for a revoked device and for an answer that is not the contract', async () => {
    const revoked = new SyncClient(answering({ status: 401, body: { error: 'device-unknown', message: 'enroll again' } }), 'http://srv');
    await expect(revoked.weekRecords('t', '2026-03-02')).rejects.toMatchObject({ code: 'device-revoked' });
    const odd = new SyncClient(answering({ status: 200, body: { week: '2026-03-02', records: [{ deviceId: 'desk' }] } }), 'http://srv');
    await expect(odd.weekRecords('t', '2026-03-02')).rejects.toBeInstanceOf(SyncError);
  });
});

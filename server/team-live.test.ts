/**
 * Team now's live stream across two real server processes on one database: a page streaming from one
 * process hears a status a device posted to the other, and only about the reps its viewer may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_EVENT_SCHEMA } from '../shared/team/team-api';
import { ServerProcess } from './test-support/server-process';
import { createTestDb, DIALECTS, type TestDb } from './test-support/test-db';

const ADMIN = { email: 'boss@example.com', password: 'a long enough password' };

async function json(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${res.url} → ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** Reads server-sent events from a streaming response until `until` accepts one (or the stream ends). */
async function readEvents(res: Response, until: (event: string, data: unknown) => boolean): Promise<{ event: string; data: unknown }[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const seen: { event: string; data: unknown }[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return seen;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!event || data === undefined) continue;
      const parsed: unknown = JSON.parse(data);
      seen.push({ event, data: parsed });
      if (until(event, parsed)) {
        await reader.cancel();
        return seen;
      }
    }
  }
}

describe.each(DIALECTS)('Team now live across two processes (%s)', (dialect) => {
  let db: TestDb;
  let a: ServerProcess;
  let b: ServerProcess;
  let urlA: string;
  let urlB: string;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    const env = { STINT_ADMIN_EMAIL: ADMIN.email, STINT_ADMIN_PASSWORD: ADMIN.password };
    a = new ServerProcess(['--db', db.target], env);
    urlA = await a.url;
    b = new ServerProcess(['--db', db.target], env);
    urlB = await b.url;
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  it("streams from one process what a device posted to the other, only for the viewer's reps", async () => {
    const login = async (url: string, email: string, password: string) => {
      const res = await fetch(`${url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const { csrfToken } = await json(res);
      return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': String(csrfToken) };
    };
    const admin = await login(urlB, ADMIN.email, ADMIN.password);
    const post = (path: string, body: unknown, headers: Record<string, string> = admin) =>
      fetch(`${urlB}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(json);
    await post('/api/users', { email: 'nadia@example.com', name: 'Nadia', role: 'manager', team: 'North', password: 'manager password 1' });
    const ann = (await post('/api/users', { email: 'ann@example.com', name: 'Ann', role: 'rep', team: 'North', password: null })) as { user: { id: number } };
    await post('/api/users', { email: 'cy@example.com', name: 'Cy', role: 'rep', team: 'South', password: null });
    const enroll = async (email: string) => {
      const { code } = await post('/api/enrollment-codes', { email });
      return (await post('/api/devices/enroll', { code }, {})) as { deviceId: string; token: string };
    };
    const annDevice = await enroll('ann@example.com');
    const cyDevice = await enroll('cy@example.com');
    const status = (device: { deviceId: string; token: string }, onCall: boolean) =>
      post(
        '/api/sync/status',
        { deviceId: device.deviceId, atMs: Date.now(), clockedIn: true, onBreak: false, onCall, category: null, todayWorkedSeconds: 60 },
        { authorization: `Bearer ${device.token}` },
      );

    const manager = await login(urlA, 'nadia@example.com', 'manager password 1');
    const stream = await fetch(`${urlA}/api/team/events`, { headers: { cookie: manager.cookie, accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('content-security-policy')).toContain("default-src 'self'");
    // Both devices post to process B once the page listens on A: South's rep first, so a leak would come first.
    let ready!: () => void;
    const readyOnce = new Promise<void>((resolve) => (ready = resolve));
    const posted = (async () => {
      await readyOnce;
      await status(cyDevice, true);
      await status(annDevice, true);
    })();
    const events = await readEvents(stream, (event, data) => {
      if (event === 'hello') ready();
      return event === 'status' && STATUS_EVENT_SCHEMA.parse(data).statuses.some((s) => s.userId === ann.user.id);
    });
    await posted;
    const statuses = events.filter((e) => e.event === 'status').flatMap((e) => STATUS_EVENT_SCHEMA.parse(e.data).statuses);
    expect(statuses.map((s) => s.userId)).toEqual([ann.user.id]);
    expect(statuses[0]!.status).toMatchObject({ deviceId: annDevice.deviceId, clockedIn: true, onCall: true });
  });

  it('refuses the stream to reps and to callers without a session', async () => {
    expect((await fetch(`${urlA}/api/team/events`, { headers: { accept: 'text/event-stream' } })).status).toBe(401);
  });
});

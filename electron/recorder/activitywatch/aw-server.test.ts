import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/fake-clock';
import { Store } from '../store/store';
import { startAwServer, type AwServer } from './aw-server';

const T = Date.UTC(2024, 4, 6, 9, 0, 0);
const FIREFOX = 'moz-extension://3f2b1c9d-dead-beef-cafe-000000000000';
const CHROME = 'chrome-extension://nglaklhklhcoonedhgnpgddginnjdadi';

let dir: string;
let dbPath: string;
let store: Store;
let server: AwServer;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stint-aw-server-'));
  dbPath = join(dir, 'stint.db');
  store = Store.open(dbPath);
  server = await startAwServer({ store, dbPath, clock: new FakeClock(T, 'Europe/Berlin'), version: '0.1.0', port: 0, hostname: 'desk', log: () => undefined });
});
afterEach(async () => {
  await server.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text: string;
}

/** One request with the headers a watcher or a browser would send (Host is this server unless told). */
function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        headers: {
          Host: `127.0.0.1:${server.port}`,
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = null;
          try {
            body = text === '' ? null : JSON.parse(text);
          } catch {
            body = text;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

const iso = (ms: number) => new Date(ms).toISOString();
const window = { client: 'aw-watcher-window', type: 'currentwindow', hostname: 'desk' };

describe('the ActivityWatch API (stint track --aw-port)', () => {
  it('answers info like ActivityWatch', async () => {
    const info = await call('GET', '/api/0/info');
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ hostname: 'desk', version: 'stint-0.1.0', testing: false, device_id: store.deviceId });
  });

  it('bucket life cycle: create, 304 on re-create, list, get, delete only with force', async () => {
    expect((await call('POST', '/api/0/buckets/aw-watcher-window_desk', { body: window })).status).toBe(200);
    const again = await call('POST', '/api/0/buckets/aw-watcher-window_desk', { body: { ...window, client: 'other' } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const list = await call('GET', '/api/0/buckets/');
    expect(Object.keys(list.body as object)).toEqual(['aw-watcher-window_desk']);
    const bucket = await call('GET', '/api/0/buckets/aw-watcher-window_desk');
    expect(bucket.body).toMatchObject({
      id: 'aw-watcher-window_desk',
      type: 'currentwindow',
      client: 'aw-watcher-window',
      hostname: 'desk',
      created: '2024-05-06T09:00:00.000+00:00',
    });
    expect((await call('POST', '/api/0/buckets/b2', { body: { type: 'x' } })).status).toBe(400);
    expect((await call('POST', '/api/0/buckets/b3', { body: '{nope' })).body).toMatchObject({ message: expect.stringMatching(/not valid JSON/) });

    await call('POST', '/api/0/buckets/aw-watcher-window_desk/events', { body: [{ timestamp: iso(T), duration: 1, data: { app: 'a', title: 't' } }] });
    expect((await call('DELETE', '/api/0/buckets/aw-watcher-window_desk')).status).toBe(401);
    expect((await call('DELETE', '/api/0/buckets/aw-watcher-window_desk?force=1')).status).toBe(200);
    expect((await call('GET', '/api/0/buckets/aw-watcher-window_desk')).status).toBe(404);
    expect(store.db.prepare('SELECT count(*) FROM aw_events').pluck().get()).toBe(0);
    expect((await call('DELETE', '/api/0/buckets/aw-watcher-window_desk?force=1')).status).toBe(404);
  });

  it('"!local" as hostname is this computer', async () => {
    await call('POST', '/api/0/buckets/aw-watcher-web-firefox', { body: { client: 'aw-client-web', type: 'web.tab.current', hostname: '!local' } });
    expect((await call('GET', '/api/0/buckets/aw-watcher-web-firefox')).body).toMatchObject({ hostname: 'desk' });
  });

  it('events: newest first, clipped to the range, limited; count is a bare integer; one event by id', async () => {
    await call('POST', '/api/0/buckets/w', { body: window });
    const events = [0, 1, 2, 3].map((i) => ({ timestamp: iso(T + i * 60_000), duration: 50, data: { app: `app${i}`, title: '' } }));
    const posted = await call('POST', '/api/0/buckets/w/events', { body: events });
    expect(posted.status).toBe(200);
    const ids = (posted.body as { id: number }[]).map((e) => e.id);
    expect(ids).toHaveLength(4);

    const all = (await call('GET', '/api/0/buckets/w/events')).body as { id: number; timestamp: string; duration: number; data: { app: string } }[];
    expect(all.map((e) => e.data.app)).toEqual(['app3', 'app2', 'app1', 'app0']);
    expect(all[0]).toEqual({ id: ids[3], timestamp: '2024-05-06T09:03:00.000+00:00', duration: 50, data: { app: 'app3', title: '' } });

    const range = `start=${encodeURIComponent(iso(T + 60_000 + 20_000))}&end=${encodeURIComponent(iso(T + 180_000 + 10_000))}`;
    const clipped = (await call('GET', `/api/0/buckets/w/events?${range}`)).body as { timestamp: string; duration: number; data: { app: string } }[];
    expect(clipped.map((e) => [e.data.app, e.timestamp, e.duration])).toEqual([
      ['app3', '2024-05-06T09:03:00.000+00:00', 10],
      ['app2', '2024-05-06T09:02:00.000+00:00', 50],
      ['app1', '2024-05-06T09:01:20.000+00:00', 30],
    ]);
    expect(((await call('GET', `/api/0/buckets/w/events?limit=2`)).body as unknown[]).length).toBe(2);
    expect(((await call('GET', `/api/0/buckets/w/events?limit=-1`)).body as unknown[]).length).toBe(4);
    expect((await call('GET', `/api/0/buckets/w/events?limit=two`)).status).toBe(400);
    expect((await call('GET', `/api/0/buckets/w/events?start=yesterday`)).body).toMatchObject({ message: expect.stringMatching(/RFC 3339/) });

    const count = await call('GET', `/api/0/buckets/w/events/count?${range}`);
    expect(count.text).toBe('3');
    expect((await call('GET', '/api/0/buckets/w/events/count')).body).toBe(4);

    expect((await call('GET', `/api/0/buckets/w/events/${ids[1]}`)).body).toMatchObject({ id: ids[1], data: { app: 'app1' } });
    expect((await call('DELETE', `/api/0/buckets/w/events/${ids[1]}`)).status).toBe(200);
    expect((await call('GET', `/api/0/buckets/w/events/${ids[1]}`)).status).toBe(404);
    expect((await call('GET', '/api/0/buckets/w/events/abc')).status).toBe(400);
    expect((await call('GET', '/api/0/buckets/nope/events')).status).toBe(404);
  });

  it('refuses posted events that carry an id: they would replace a stored event', async () => {
    await call('POST', '/api/0/buckets/w', { body: window });
    const refused = await call('POST', '/api/0/buckets/w/events', {
      body: [
        { timestamp: iso(T), duration: 1, data: {} },
        { id: 4, timestamp: iso(T), duration: 1, data: {} },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ message: expect.stringMatching(/^Event 1 has an id: .*replace a stored event/) });
    expect(store.db.prepare('SELECT count(*) FROM aw_events').pluck().get()).toBe(0);
    expect((await call('POST', '/api/0/buckets/w/events', { body: [{ timestamp: iso(T), duration: -1, data: {} }] })).status).toBe(400);
  });

  it('heartbeats merge by the pulsetime rule, wait for the flush, and reads see them', async () => {
    await call('POST', '/api/0/buckets/w', { body: window });
    const data = { app: 'Firefox', title: 'Inbox' };
    const beat = (ms: number, d: object = data, pulsetime = '2') =>
      call('POST', `/api/0/buckets/w/heartbeat?pulsetime=${pulsetime}`, { body: { timestamp: iso(ms), duration: 0, data: d } });
    expect((await beat(T)).body).toEqual({ timestamp: '2024-05-06T09:00:00.000+00:00', duration: 0, data });
    expect((await beat(T + 1000)).body).toMatchObject({ duration: 1 });
    expect((await beat(T + 3000)).body).toMatchObject({ duration: 3 }); // exactly at end + pulsetime
    expect((await beat(T + 5001)).body).toMatchObject({ timestamp: '2024-05-06T09:00:05.001+00:00', duration: 0 }); // just outside
    expect((await beat(T + 5500, { ...data, title: 'Calendar' })).body).toMatchObject({ duration: 0, data: { title: 'Calendar' } });
    expect((await beat(T + 4000, { ...data, title: 'Calendar' })).body).toMatchObject({ timestamp: '2024-05-06T09:00:04.000+00:00' }); // out of order: new
    // Nothing written yet: the recorder's flush writes heartbeats (here nobody flushed).
    expect(store.db.prepare('SELECT count(*) FROM aw_events').pluck().get()).toBe(0);
    expect(server.api.heartbeats.pending).toBe(true);
    const events = (await call('GET', '/api/0/buckets/w/events')).body as { timestamp: string; duration: number; data: { title: string } }[];
    expect(events.map((e) => [e.timestamp.slice(11, 23), e.duration, e.data.title])).toEqual([
      ['09:00:05.500', 0, 'Calendar'],
      ['09:00:05.001', 0, 'Inbox'],
      ['09:00:04.000', 0, 'Calendar'],
      ['09:00:00.000', 3, 'Inbox'],
    ]);
    // The last heartbeat's event is the one the next merges with (here the out-of-order one); after the
    // write it is stored, and a heartbeat extends it and answers with its id.
    const extended = (await beat(T + 4000 + 1500, { ...data, title: 'Calendar' })).body as { id: number; duration: number };
    expect(extended.duration).toBe(1.5);
    expect(extended.id).toBeGreaterThan(0);
    expect((await call('POST', '/api/0/buckets/w/heartbeat', { body: { timestamp: iso(T), data } })).status).toBe(400);
    expect((await call('POST', '/api/0/buckets/w/heartbeat?pulsetime=-1', { body: { timestamp: iso(T), data } })).status).toBe(400);
  });

  it('a flush writes heartbeats in the recorder’s transaction; a rolled-back flush writes them again', async () => {
    await call('POST', '/api/0/buckets/aw-watcher-web-firefox', { body: { client: 'aw-client-web', type: 'web.tab.current', hostname: 'desk' } });
    const tab = { url: 'https://www.hubspot.com/deals', title: 'Deals', audible: false, incognito: false, tabCount: 3 };
    await call('POST', '/api/0/buckets/aw-watcher-web-firefox/heartbeat?pulsetime=60', { body: { timestamp: iso(T), duration: 0, data: tab } });
    await call('POST', '/api/0/buckets/aw-watcher-web-firefox/heartbeat?pulsetime=60', { body: { timestamp: iso(T + 30_000), duration: 0, data: tab } });
    store.startRun('run', 1, T);
    const batch = { runId: 'run', lastSeenMs: T, activity: [], idle: [], sessions: [] };
    expect(() =>
      store.flush(
        {
          ...batch,
          runId: 'no-such-run',
          activity: [{ uuid: 'x', startMs: 5, endMs: 1, timeZone: 'UTC', utcOffsetMin: 0, app: 'a', title: 't', open: true }],
        },
        [server.api.heartbeats],
      ),
    ).toThrow();
    expect(store.db.prepare('SELECT count(*) FROM aw_events').pluck().get()).toBe(0);
    store.flush(batch, [server.api.heartbeats]);
    expect(server.api.heartbeats.pending).toBe(false);
    expect(store.db.prepare('SELECT end_ms - start_ms, site FROM web_visits').raw().all()).toEqual([[30_000, 'hubspot.com']]);
    // The browser's window gets the tab's url while the watcher reports it.
    expect(server.api.heartbeats.currentTab(T + 31_000, 2_000)).toBe('https://www.hubspot.com/deals');
    expect(server.api.heartbeats.currentTab(T + 40_000, 2_000)).toBeNull();
  });

  it('lets the browser extension in: CORS preflight and heartbeats from its origins, nothing else', async () => {
    for (const origin of [FIREFOX, CHROME]) {
      const preflight = await call('OPTIONS', '/api/0/buckets/aw-watcher-web-firefox/heartbeat?pulsetime=60', {
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(origin);
      expect(preflight.headers['access-control-allow-methods']).toContain('POST');
      expect(preflight.headers['access-control-allow-headers']).toBe('content-type');
    }
    const created = await call('POST', '/api/0/buckets/aw-watcher-web-chrome', {
      body: { client: 'aw-client-web', type: 'web.tab.current', hostname: '!local' },
      headers: { Origin: CHROME },
    });
    expect(created.status).toBe(200);
    expect(created.headers['access-control-allow-origin']).toBe(CHROME);
    const info = await call('GET', '/api/0/info', { headers: { Origin: FIREFOX } });
    expect(info.headers['access-control-allow-origin']).toBe(FIREFOX);

    // What the web watcher does not use is closed to extensions: reading history, exports, other buckets.
    for (const [method, path] of [
      ['GET', '/api/0/export'],
      ['GET', '/api/0/buckets/aw-watcher-web-chrome/events'],
      ['POST', '/api/0/buckets/aw-watcher-window_desk'],
      ['DELETE', '/api/0/buckets/aw-watcher-web-chrome'],
    ] as const) {
      const refused = await call(method, path, { headers: { Origin: FIREFOX } });
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    }
    const page = await call('OPTIONS', '/api/0/info', { headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' } });
    expect(page.status).toBe(403);
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect((await call('GET', '/api/0/info', { headers: { Origin: 'chrome-extension://someotherextensionid' } })).status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding) and serves nothing but /api/0', async () => {
    const rebound = await call('GET', '/api/0/info', { headers: { Host: `evil.example:${server.port}` } });
    expect(rebound.status).toBe(421);
    expect((await call('GET', '/api/0/info', { headers: { Host: `localhost:${server.port}` } })).status).toBe(200);
    expect((await call('GET', '/api/events')).status).toBe(404);
    expect((await call('GET', '/')).status).toBe(404);
  });

  it('exports buckets and imports an export', async () => {
    const fixture = readFileSync(new URL('./fixtures/aw-export.json', import.meta.url), 'utf8');
    const imported = await call('POST', '/api/0/import', { body: fixture });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ events: 9, activity: 8, idle: 1, webVisits: 2, external: 1 });
    expect((await call('POST', '/api/0/import', { body: fixture })).body).toMatchObject({ events: 0, alreadyPresent: 9 });
    expect((await call('POST', '/api/0/import', { body: '{"buckets": {"x": {"type": 1}}}' })).body).toMatchObject({
      message: expect.stringMatching(/^Nothing was imported: line 1, bucket "x"/),
    });

    const all = await call('GET', '/api/0/export');
    expect(all.headers['content-type']).toMatch(/application\/json/);
    const buckets = (all.body as { buckets: Record<string, { events: unknown[] }> }).buckets;
    expect(buckets['aw-watcher-window_laptop']?.events).toHaveLength(3);
    const one = await call('GET', '/api/0/buckets/aw-watcher-afk_laptop/export');
    expect(Object.keys((one.body as { buckets: object }).buckets)).toEqual(['aw-watcher-afk_laptop']);
    expect((await call('GET', '/api/0/buckets/nope/export')).status).toBe(404);
  });
});

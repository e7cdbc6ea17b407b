import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken } from '../store/api-token';
import { tokenMatches } from './api-token';
import { rawRequest, startTestServer, type RawRequest, type TestServer } from './api-test-fixture';
import { NOT_SIGNED_IN } from './local-server';
import { CONTENT_SECURITY_POLICY } from '../../../shared/api/security-headers';
import { Store } from '../store/store';

let t: TestServer;
/** A signed-in browser's Cookie header. */
let cookie: string;
const SECRET = 'top-secret-outside-the-views';
beforeAll(async () => {
  t = await startTestServer({
    views: (dir) => {
      writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><title>Stint</title></head><body><script src="/app.js"></script></body></html>');
      writeFileSync(path.join(dir, 'app.js'), 'document.title = "ok";\n');
      writeFileSync(path.join(dir, '.env'), SECRET);
      mkdirSync(path.join(dir, 'assets'));
      writeFileSync(path.join(dir, 'assets', 'style.css'), 'body{}');
      // Outside the views: next to the database.
      writeFileSync(path.join(dir, '..', 'secret.txt'), SECRET);
      symlinkSync(path.join(dir, '..', 'secret.txt'), path.join(dir, 'assets', 'link.txt'));
    },
  });
  const code = new URL(t.server.signInUrl()).search;
  const signedIn = await rawRequest({ port: t.server.port, path: `/signin${code}` });
  cookie = signedIn.headers['set-cookie']![0]!.split(';', 1)[0]!;
});
afterAll(async () => {
  await t.stop();
});

const req = (r: Omit<RawRequest, 'port'>) => rawRequest({ port: t.server.port, ...r });
/** A request from the signed-in browser. */
const page = (r: Omit<RawRequest, 'port'>) => req({ ...r, headers: { Cookie: cookie, ...r.headers } });
const statusGet = (r: Omit<RawRequest, 'port' | 'path'> = {}) =>
  req({ method: 'POST', path: '/api/status.get', body: '{}', ...r, headers: { Authorization: `Bearer ${t.token}`, ...r.headers } });

describe('the local server: who may talk to it', () => {
  it('listens on 127.0.0.1 only', async () => {
    // Another socket can take the same port on a different address only if ours is not on all interfaces.
    const other = createServer();
    const listened = await new Promise<boolean>((resolve) => {
      other.once('error', () => resolve(false));
      other.listen(t.server.port, '127.0.0.2', () => resolve(true));
    });
    if (listened) other.close();
    expect(listened).toBe(true);
    expect(t.server.url).toBe(`http://127.0.0.1:${t.server.port}/`);
  });

  it('accepts Host 127.0.0.1:PORT and localhost:PORT', async () => {
    expect((await statusGet()).status).toBe(200);
    expect((await statusGet({ host: `localhost:${t.server.port}` })).status).toBe(200);
    expect((await statusGet({ host: `LOCALHOST:${t.server.port}` })).status).toBe(200);
  });

  it('refuses any other Host with 421, for the API and the views (DNS rebinding)', async () => {
    const port = t.server.port;
    for (const host of [`evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', 'localhost', `127.0.0.1.nip.io:${port}`, `[::1]:${port}`]) {
      const api = await statusGet({ host });
      expect(api.status, `Host ${host}`).toBe(421);
      expect(JSON.parse(api.body)).toEqual({ ok: false, error: `This server answers only to 127.0.0.1:${port} and localhost:${port}.` });
      const page = await req({ path: '/', host });
      expect(page.status).toBe(421);
      expect(page.body).not.toContain(t.token);
    }
    // Without any Host, Node itself refuses an HTTP/1.1 request.
    expect((await statusGet({ host: null })).status).toBe(400);
    expect((await req({ path: '/', host: null })).status).toBe(400);
  });

  it('refuses requests from another origin with 403, and accepts its own', async () => {
    const port = t.server.port;
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${port + 1}`,
      `https://127.0.0.1:${port}`,
      'null',
      `http://localhost.evil.example:${port}`,
    ]) {
      const res = await statusGet({ headers: { Origin: origin } });
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.body)).toEqual({ ok: false, error: 'Requests from other web pages are refused.' });
      expect((await req({ path: '/', headers: { Origin: origin } })).status).toBe(403);
      expect((await req({ method: 'OPTIONS', path: '/api/status.get', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } })).status).toBe(
        403,
      );
    }
    expect((await statusGet({ headers: { Origin: `http://127.0.0.1:${port}` } })).status).toBe(200);
    expect((await statusGet({ headers: { Origin: `http://localhost:${port}` } })).status).toBe(200);
  });

  it('never answers with CORS headers', async () => {
    const res = await statusGet({ headers: { Origin: `http://127.0.0.1:${t.server.port}` } });
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('needs the token or a signed-in browser’s cookie on every API request (401)', async () => {
    const unauthorized = { ok: false, error: NOT_SIGNED_IN };
    const none = await req({ method: 'POST', path: '/api/status.get', body: '{}' });
    expect([none.status, none.headers['www-authenticate'], JSON.parse(none.body)]).toEqual([401, 'Bearer', unauthorized]);
    const wrong = `${t.token.slice(0, -1)}${t.token.endsWith('A') ? 'B' : 'A'}`;
    for (const authorization of [`Bearer ${wrong}`, `Bearer ${t.token}x`, `Bearer ${t.token.slice(1)}`, `Basic ${t.token}`, t.token, 'Bearer', 'Bearer  ']) {
      const res = await req({ method: 'POST', path: '/api/status.get', body: '{}', headers: { Authorization: authorization } });
      expect(res.status, authorization).toBe(401);
    }
    expect((await req({ method: 'POST', path: '/api/status.get', body: '{}', headers: { Authorization: `bearer ${t.token}` } })).status).toBe(200);
    // Unknown requests are not revealed without the token either.
    expect((await req({ method: 'POST', path: '/api/nope', body: '{}' })).status).toBe(401);
    expect((await page({ method: 'POST', path: '/api/status.get', body: '{}' })).status).toBe(200);
    // A wrong token is not rescued by a good cookie: whoever sends Authorization is judged by it.
    expect((await page({ method: 'POST', path: '/api/status.get', body: '{}', headers: { Authorization: `Bearer ${wrong}` } })).status).toBe(401);
  });

  it('never takes the token from the URL, where logs and history would keep it', async () => {
    expect((await req({ method: 'POST', path: `/api/status.get?token=${t.token}`, body: '{}' })).status).toBe(401);
    expect((await req({ path: `/api/events?token=${encodeURIComponent(t.token)}` })).status).toBe(401);
    expect((await req({ path: '/api/events' })).status).toBe(401);
    const controller = new AbortController();
    const events = await fetch(`${t.origin}/api/events`, { headers: { Authorization: `Bearer ${t.token}` }, signal: controller.signal });
    expect([events.status, events.headers.get('content-type')]).toEqual([200, 'text/event-stream; charset=utf-8']);
    controller.abort();
  });

  it('serves nothing outside the views folder, however the path is spelled', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/%2e%2e/',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/assets/..\\..\\secret.txt',
      '/../package.json',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/.env',
      '/%2eenv',
      '/assets/link.txt',
      '/app.js%00.html',
      '/%c0%ae%c0%ae/secret.txt',
      '/%ff',
    ];
    for (const attempt of attempts) {
      const res = await page({ path: attempt });
      expect(res.status, attempt).toBe(404);
      expect(res.body, attempt).not.toContain(SECRET);
      expect(res.body, attempt).not.toContain('root:');
    }
    // An absolute-looking path stays inside the views: it is one of their routes, answered with the page.
    const absolute = await page({ path: '//etc/passwd' });
    expect(absolute.status).toBe(200);
    expect(absolute.body).toContain('<title>Stint</title>');
  });
});

describe('the local server: the views', () => {
  it('serves index.html for / to a signed-in browser as built (no token in it), with a strict CSP and no caching', async () => {
    const res = await page({ path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toBe('<!doctype html><html><head><title>Stint</title></head><body><script src="/app.js"></script></body></html>');
    expect((await page({ path: '/index.html' })).body).toBe(res.body);
  });

  it('gives a browser that is not signed in a page without the token (issue 11, defect 8b)', async () => {
    for (const p of ['/', '/index.html', '/timesheet/2026-03-02']) {
      const res = await req({ path: p });
      expect(res.status, p).toBe(401);
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.body, p).not.toContain(t.token);
      expect(res.body, p).not.toContain('<script');
    }
  });

  it('serves files with their content type and the same headers', async () => {
    const js = await req({ path: '/app.js' });
    expect([js.status, js.headers['content-type'], js.body]).toEqual([200, 'text/javascript; charset=utf-8', 'document.title = "ok";\n']);
    expect(js.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    const css = await req({ path: '/assets/style.css?v=2' });
    expect([css.status, css.headers['content-type'], css.body]).toEqual([200, 'text/css; charset=utf-8', 'body{}']);
    const head = await req({ method: 'HEAD', path: '/app.js' });
    expect([head.status, head.headers['content-length'], head.body]).toEqual([200, '23', '']);
  });

  it('answers the views’ own routes with index.html, missing files with 404, other methods with 405', async () => {
    const route = await page({ path: '/timesheet/2026-03-02' });
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>Stint</title>');
    expect((await req({ path: '/missing.js' })).status).toBe(404);
    const post = await req({ method: 'POST', path: '/', body: 'x' });
    expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
  });

  it('explains when the views are not built', async () => {
    const bare = await startTestServer({ views: () => undefined });
    try {
      const res = await rawRequest({ port: bare.server.port, path: '/' });
      expect(res.status).toBe(503);
      expect(res.body).toMatch(/The Stint views are not built .*Run `npm run build`/);
    } finally {
      await bare.stop();
    }
  });
});

describe('the API token', () => {
  it('is made once per database: 32 random bytes as base64url, kept in meta', () => {
    expect(t.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(apiToken(t.store.db)).toBe(t.token);
    expect(t.store.db.prepare("SELECT value FROM meta WHERE key = 'api_token'").pluck().get()).toBe(t.token);
    const other = Store.open(':memory:');
    expect(apiToken(other.db)).not.toBe(t.token);
    other.close();
  });

  it('compares whole tokens only', () => {
    expect(tokenMatches(t.token, t.token)).toBe(true);
    expect(tokenMatches(t.token.slice(0, 20), t.token)).toBe(false);
    expect(tokenMatches('', t.token)).toBe(false);
  });
});

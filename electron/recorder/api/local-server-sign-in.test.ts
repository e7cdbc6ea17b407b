import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_CODE_TTL_MS, sessionCookieName } from './browser-sign-in';
import { rawRequest, startTestServer, type RawRequest, type TestServer } from './api-test-fixture';
import { NOT_SIGNED_IN } from './local-server';
import { pageLanguage } from './sign-in-page';

const INDEX = '<!doctype html><html><head><title>Stint</title></head><body><script src="/app.js"></script></body></html>';
const views = (dir: string) => {
  writeFileSync(path.join(dir, 'index.html'), INDEX);
  writeFileSync(path.join(dir, 'app.js'), 'export {};\n');
};

let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  a = await startTestServer({ views });
  // A second recorder on the same host, with the same token (the same database's, say).
  b = await startTestServer({ views, token: a.token });
});
afterAll(async () => {
  await a.stop();
  await b.stop();
});

const req = (t: TestServer, r: Omit<RawRequest, 'port'>) => rawRequest({ port: t.server.port, ...r });
const codeOf = (url: string) => new URL(url).searchParams.get('code') ?? '';

/** Trades the link's code as a browser would: the session cookie (name=value) it sets, or the refusal. */
async function signIn(t: TestServer, url: string, headers: Record<string, string> = {}) {
  const res = await req(t, { path: `/signin?code=${encodeURIComponent(codeOf(url))}`, headers });
  const setCookie = res.headers['set-cookie'] ?? [];
  return { res, setCookie, cookie: setCookie[0]?.split(';', 1)[0] ?? null };
}

const statusWith = (t: TestServer, cookie: string) => req(t, { method: 'POST', path: '/api/status.get', body: '{}', headers: { Cookie: cookie } });

describe('the views’ page holds no secret', () => {
  it('answers / and the views’ routes without a sign-in with a page saying how to sign in, and no token', async () => {
    for (const p of ['/', '/index.html', '/timesheet/2026-03-02']) {
      const res = await req(a, { path: p });
      expect(res.status, p).toBe(401);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).not.toContain(a.token);
      expect(res.body).not.toContain('stint-token');
      expect(res.body).toContain('Sign in with <code>stint open</code>');
      expect(res.body).toContain('<pre><code>stint open</code></pre>');
    }
    // The scripts hold no data: anyone who names the server may load them.
    expect((await req(a, { path: '/app.js' })).status).toBe(200);
  });

  it('serves the views’ page, as built, to a signed-in browser', async () => {
    const { cookie } = await signIn(a, a.server.signInUrl());
    const res = await req(a, { path: '/', headers: { Cookie: cookie! } });
    expect([res.status, res.body, res.headers['cache-control']]).toEqual([200, INDEX, 'no-store']);
    expect((await req(a, { path: '/timesheet/2026-03-02', headers: { Cookie: cookie! } })).body).toBe(INDEX);
  });

  it('words the page in Chinese for a browser that prefers it', async () => {
    const res = await req(a, { path: '/', headers: { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8' } });
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('请用 <code>stint open</code> 登录');
    expect(pageLanguage('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(pageLanguage('fr-FR, zh-TW;q=0.5, en;q=0.4')).toBe('zh-CN');
    expect(pageLanguage('de')).toBe('en');
    expect(pageLanguage(undefined)).toBe('en');
  });
});

describe('signing a browser in with a one-time link', () => {
  it('trades the code for an HttpOnly, SameSite=Strict cookie named for the port, and goes on to the views', async () => {
    const url = a.server.signInUrl();
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${a.server.port}/signin\\?code=[A-Za-z0-9_-]{43}$`));
    expect(url).not.toContain(a.token);
    const { res, setCookie, cookie } = await signIn(a, url);
    expect([res.status, res.headers.location, res.headers['cache-control']]).toEqual([303, '/', 'no-store']);
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(new RegExp(`^${sessionCookieName(a.server.port)}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`));
    expect(cookie!.split('=')[1]).not.toBe(a.token);

    // The cookie is the browser's credential for the API and the event stream.
    const status = await statusWith(a, cookie!);
    expect([status.status, JSON.parse(status.body).ok]).toEqual([200, true]);
    const controller = new AbortController();
    const events = await fetch(`${a.origin}/api/events`, { headers: { Cookie: cookie! }, signal: controller.signal });
    expect(events.status).toBe(200);
    controller.abort();
    // Among other sites' and other ports' cookies too.
    expect((await statusWith(a, `theme=dark; ${cookie!}; stint_session_1=x`)).status).toBe(200);
  });

  it('refuses a code the second time, with a page that says how to get a new one', async () => {
    const url = a.server.signInUrl();
    expect((await signIn(a, url)).res.status).toBe(303);
    const again = await signIn(a, url);
    expect([again.res.status, again.setCookie]).toEqual([403, []]);
    expect(again.res.body).toContain('This sign-in link no longer works');
    expect(again.res.body).toContain('<pre><code>stint open</code></pre>');
  });

  it('refuses an expired code, and a code that was never given', async () => {
    const url = a.server.signInUrl();
    const fresh = a.server.signInUrl();
    await a.clock.advance(SIGN_IN_CODE_TTL_MS - 1);
    expect((await signIn(a, fresh)).res.status).toBe(303);
    await a.clock.advance(1);
    expect((await signIn(a, url)).res.status).toBe(403);
    for (const p of ['/signin', '/signin?code=', `/signin?code=${'A'.repeat(43)}`, `/signin?code=${encodeURIComponent(a.token)}`]) {
      const res = await req(a, { path: p });
      expect([res.status, res.headers['set-cookie']], p).toEqual([403, undefined]);
    }
  });

  it('does not spend a code on HEAD (a link checker) or on other methods', async () => {
    const url = a.server.signInUrl();
    const code = encodeURIComponent(codeOf(url));
    for (const method of ['HEAD', 'PUT', 'DELETE']) {
      const res = await req(a, { method, path: `/signin?code=${code}` });
      expect([res.status, res.headers.allow], method).toEqual([405, 'GET, POST']);
    }
    expect((await signIn(a, url)).res.status).toBe(303);
  });

  it('does not accept a cookie from the recorder on another port', async () => {
    const { cookie } = await signIn(a, a.server.signInUrl());
    const value = cookie!.split('=')[1]!;
    // As the browser sends it to b (cookies are shared between ports), and renamed for b's port.
    for (const sent of [cookie!, `${sessionCookieName(b.server.port)}=${value}`]) {
      expect((await statusWith(b, sent)).status, sent).toBe(401);
      expect((await req(b, { path: '/', headers: { Cookie: sent } })).status, sent).toBe(401);
    }
    // Both signed in, each keeps its own.
    const other = await signIn(b, b.server.signInUrl());
    expect(other.cookie!.startsWith(`${sessionCookieName(b.server.port)}=`)).toBe(true);
    expect((await statusWith(b, `${cookie!}; ${other.cookie!}`)).status).toBe(200);
    expect((await statusWith(a, `${cookie!}; ${other.cookie!}`)).status).toBe(200);
    expect((await statusWith(a, other.cookie!)).status).toBe(401);
  });

  it('refuses a made-up or stale session cookie', async () => {
    const name = sessionCookieName(a.server.port);
    for (const cookie of [`${name}=`, `${name}=${'A'.repeat(43)}`, `${name}=${a.token}`]) {
      const res = await statusWith(a, cookie);
      expect([res.status, JSON.parse(res.body)], cookie).toEqual([401, { ok: false, error: NOT_SIGNED_IN }]);
    }
  });

  it('gives a new link only to a caller with the API token (`stint open`)', async () => {
    const res = await req(a, { method: 'POST', path: '/signin', headers: { Authorization: `Bearer ${a.token}` } });
    expect(res.status).toBe(200);
    const { url } = (JSON.parse(res.body) as { data: { url: string } }).data;
    expect((await signIn(a, url)).res.status).toBe(303);

    const { cookie } = await signIn(a, a.server.signInUrl());
    for (const headers of [{}, { Authorization: 'Bearer wrong' }, { Cookie: cookie! }] as Record<string, string>[]) {
      const refused = await req(a, { method: 'POST', path: '/signin', headers });
      expect([refused.status, JSON.parse(refused.body)]).toEqual([
        401,
        { ok: false, error: 'Asking for a sign-in link needs the API token (`stint open` sends it).' },
      ]);
    }
    // Another web page cannot ask, even with the token.
    const foreign = await req(a, { method: 'POST', path: '/signin', headers: { Authorization: `Bearer ${a.token}`, Origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
  });
});

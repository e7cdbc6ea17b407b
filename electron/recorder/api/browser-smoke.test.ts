import { buildSync } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium, skipWithoutChromium } from '../../../test-support/chromium';
import { DAY, T9, startTestServer, type TestServer } from './api-test-fixture';

const SCREENSHOTS = path.resolve('test-results/screenshots');
const TRANSPORT = fileURLToPath(new URL('../../../renderer/transport/http-transport.ts', import.meta.url));

/**
 * A stand-in for the views: a page whose one script (the real HttpTransport, bundled) asks for the status
 * and listens to the event stream. It also carries an inline script, which the CSP must block.
 */
function writeTestPage(dir: string): void {
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html>
<html><head><title>Stint test page</title><script type="module" src="/app.js"></script></head>
<body><p id="status">loading</p><p id="live">0</p><p id="recorder">none</p>
<script>window.stintInlineRan = true;</script></body></html>
`,
  );
  const entry = path.join(dir, '..', 'entry.ts');
  writeFileSync(
    entry,
    `import { HttpTransport } from ${JSON.stringify(TRANSPORT)};
const api = new HttpTransport();
const status = document.getElementById('status')!;
api.request('status.get', {}).then((r) => {
  status.textContent = r.ok ? 'day ' + r.data.today.date + ', worked ' + r.data.today.workSeconds + ' s' : 'error: ' + r.error;
  status.dataset.state = r.ok ? 'ok' : 'error';
});
let statuses = 0;
api.subscribe((event) => {
  const live = document.getElementById('live')!;
  const recorder = document.getElementById('recorder')!;
  if (event.type === 'status') live.textContent = live.dataset.count = String(++statuses);
  if (event.type === 'recorder') recorder.textContent = recorder.dataset.event = event.event.type;
});
`,
  );
  buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    outfile: path.join(dir, 'app.js'),
    logLevel: 'silent',
  });
}

/** Another web page on another port that tries everything a hostile site could against the recorder. */
function startForeignSite(target: string, token: string): Promise<Server> {
  const script = `
const target = ${JSON.stringify(target)};
const token = ${JSON.stringify(token)};
const attempt = (p) => p.then((r) => 'answered ' + r.status + ' ' + r.type, (e) => 'blocked: ' + e.name);
const results = {};
results.withToken = await attempt(fetch(target + 'api/session.act', { method: 'POST', headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' }, body: '{"action":"start"}' }));
results.simplePost = await attempt(fetch(target + 'api/session.act', { method: 'POST', body: '{"action":"start"}' }));
results.noCors = await attempt(fetch(target + 'api/session.act', { method: 'POST', mode: 'no-cors', body: '{"action":"start"}' }));
results.readPage = await attempt(fetch(target).then((r) => r.text()).then((t) => ({ status: 'read ' + t.length, type: '' })));
results.events = await new Promise((resolve) => {
  const source = new EventSource(target + 'api/events');
  source.onmessage = () => { source.close(); resolve('message'); };
  source.onerror = () => { const state = source.readyState; source.close(); resolve('error, readyState ' + state); };
});
document.getElementById('result').textContent = JSON.stringify(results);
document.getElementById('result').dataset.done = 'yes';
`;
  const server = createServer((req, res) => {
    if (req.url === '/evil.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    else res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><p id="result">running</p><script type="module" src="/evil.js"></script>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(skipWithoutChromium())('the views’ server in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  /** The signed-in browser: its pages share the session cookie. */
  let signedIn: BrowserContext;
  let page: Page;
  const consoleLines: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({ views: writeTestPage });
    browser = await launchChromium();
    signedIn = await browser.newContext();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows a browser that is not signed in how to sign in, and nothing of the views', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [locale, heading] of [
      ['en-US', 'Sign in with stint open'],
      ['zh-CN', '请用 stint open 登录'],
    ] as const) {
      for (const dark of [false, true]) {
        const context = await browser.newContext({ locale, colorScheme: dark ? 'dark' : 'light', viewport: { width: 900, height: 560 } });
        const stranger = await context.newPage();
        const res = await stranger.goto(t.server.url);
        expect(res?.status()).toBe(401);
        expect(await stranger.locator('h1').textContent()).toBe(heading);
        expect(await stranger.content()).not.toContain(t.token);
        expect(await stranger.locator('#status').count()).toBe(0);
        await stranger.screenshot({ path: path.join(SCREENSHOTS, `sign-in-needed-${locale}-${dark ? 'dark' : 'light'}.png`) });
        await context.close();
      }
    }
  });

  it('signs in from a link on another site too, and a spent link says so', async () => {
    const link = t.server.signInUrl();
    const site = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><a id="go" href="${link}">Stint</a>`));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const context = await browser.newContext();
    try {
      const other = await context.newPage();
      await other.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
      await other.click('#go');
      await other.waitForSelector('#status[data-state="ok"]');
      expect(other.url()).toBe(t.server.url);
      const again = await (await browser.newContext()).newPage();
      expect((await again.goto(link))?.status()).toBe(403);
      expect(await again.locator('h1').textContent()).toBe('This sign-in link no longer works');
      await again.context().close();
    } finally {
      await context.close();
      await new Promise((resolve) => site.close(resolve));
    }
  });

  it('signs in with the one-time link, then calls the API and follows the live events with the session cookie', async () => {
    page = await signedIn.newPage();
    page.on('console', (message) => consoleLines.push(message.text()));
    await page.goto(t.server.signInUrl());
    expect(page.url()).toBe(t.server.url);
    // Script cannot read the cookie (HttpOnly), and the page has no other credential.
    expect(await page.evaluate('document.cookie')).toBe('');
    await page.waitForSelector('#status[data-state="ok"]');
    expect(await page.textContent('#status')).toBe(`day ${DAY}, worked 10800 s`);

    // The status on connect, then one per second of the server's clock.
    // (Selectors, not waitForFunction: polling a string predicate needs eval, which the CSP forbids.)
    await page.waitForSelector('#live[data-count="1"]');
    await t.clock.advance(1000);
    await page.waitForSelector('#live[data-count="2"]');
    t.emitRecorderEvent({ type: 'idle-start', atMs: T9, sinceMs: T9 });
    await page.waitForSelector('#recorder[data-event="idle-start"]');
    expect(t.server.eventClients).toBe(1);
  });

  it('blocks inline script with the Content-Security-Policy', async () => {
    expect(await page.evaluate('typeof window.stintInlineRan')).toBe('undefined');
    expect(consoleLines.some((line) => line.includes('Content Security Policy'))).toBe(true);
  });

  it('refuses a page from another origin, even one that knows the token, in the signed-in browser', async () => {
    await page.close();
    await vi.waitFor(() => expect(t.server.eventClients).toBe(0));
    const foreign = await startForeignSite(t.server.url, t.token);
    try {
      const other = await signedIn.newPage();
      await other.goto(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`);
      await other.waitForSelector('#result[data-done="yes"]');
      const results = JSON.parse((await other.textContent('#result')) ?? '{}') as Record<string, string>;
      expect(results).toEqual({
        withToken: 'blocked: TypeError',
        simplePost: 'blocked: TypeError',
        // Not even an opaque answer: Cross-Origin-Resource-Policy: same-origin withholds it.
        noCors: 'blocked: TypeError',
        readPage: 'blocked: TypeError',
        events: 'error, readyState 2',
      });
      await other.close();
    } finally {
      await new Promise((resolve) => foreign.close(resolve));
    }
    // Nothing reached a handler: no session was started, no event stream was opened.
    const status = await fetch(`${t.origin}/api/status.get`, { method: 'POST', headers: { Authorization: `Bearer ${t.token}` }, body: '{}' });
    expect(await status.json()).toMatchObject({ ok: true, data: { session: null } });
    expect(t.store.openSession()).toBeNull();
    expect(t.server.eventClients).toBe(0);
  });
});

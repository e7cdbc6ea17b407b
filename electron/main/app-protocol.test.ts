import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, createAppProtocolHandler, isAppUrl, isInside, MAIN_VIEW_URL, POPOVER_VIEW_URL, resolveAppPath } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/security-headers';

const ROOT = path.resolve('/opt/stint/dist/renderer');

describe('app:// URLs', () => {
  it('are the app’s own origin exactly', () => {
    expect(APP_ORIGIN).toBe('app://stint');
    expect(isAppUrl(MAIN_VIEW_URL)).toBe(true);
    expect(isAppUrl(POPOVER_VIEW_URL)).toBe(true);
    for (const url of [
      'app://stint.example/',
      'app://other/',
      'app://u@stint/',
      'app://stint:1/',
      'https://stint/',
      'file:///app/stint',
      'not a url',
      'app:/stint/',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('resolveAppPath', () => {
  const file = (...segments: string[]) => ({ kind: 'file', file: path.join(ROOT, ...segments) });

  it('maps app:// paths to files under the views folder', () => {
    expect(resolveAppPath(ROOT, 'app://stint/assets/index-abc.js')).toEqual(file('assets', 'index-abc.js'));
    expect(resolveAppPath(ROOT, 'app://stint/assets/index-abc.js?v=2#x')).toEqual(file('assets', 'index-abc.js'));
    expect(resolveAppPath(ROOT, 'app://stint/fonts/Noto%20Sans.woff2')).toEqual(file('fonts', 'Noto Sans.woff2'));
    expect(resolveAppPath(ROOT, 'app://stint/%E4%BB%8A%E5%A4%A9.json')).toEqual(file('今天.json'));
  });

  it('gives the page for the root and for the views’ own routes', () => {
    expect(resolveAppPath(ROOT, 'app://stint/')).toEqual({ kind: 'index' });
    expect(resolveAppPath(ROOT, 'app://stint')).toEqual({ kind: 'index' });
    expect(resolveAppPath(ROOT, 'app://stint/?window=popover')).toEqual({ kind: 'index' });
    expect(resolveAppPath(ROOT, 'app://stint/timesheet')).toEqual(file('timesheet'));
  });

  it.each([
    'app://stint/../../etc/passwd',
    'app://stint/assets/../../../etc/passwd',
    'app://stint/%2e%2e/%2e%2e/etc/passwd',
    'app://stint/%2E%2E/secret',
    'app://stint/.%2e/secret',
    'app://stint/assets/..%2f..%2fsecret',
    'app://stint/assets%2F..%2F..%2Fsecret',
    'app://stint/..%5c..%5csecret',
    'app://stint/a\\..\\..\\secret',
    'app://stint/./index.html',
    'app://stint/.env',
    'app://stint/assets/.git/config',
    'app://stint/x%00.js',
    'app://stint/%E0%A4%A',
    'app://other/index.html',
    'app://stint:80/index.html',
    'https://stint/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(ROOT, url)).toEqual({ kind: 'refused' });
  });

  it('never returns a path outside the root, whatever the input', () => {
    const nasty = ['..', '.', '%2e', '%2E%2e', '%2f', '%5C', '\\', '/', '%00', 'a', '%252e%252e', '..;', '.../'];
    for (const a of nasty) {
      for (const b of nasty) {
        const result = resolveAppPath(ROOT, `app://stint/${a}/${b}/x`);
        if (result.kind === 'file') expect(isInside(ROOT, result.file), `${a}/${b}`).toBe(true);
      }
    }
  });
});

describe('the app:// handler', () => {
  let dir: string;
  let root: string;
  let handle: ReturnType<typeof createAppProtocolHandler>;
  const files = { readFile, realpath, stat };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stint-protocol-'));
    root = path.join(dir, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Stint</title>');
    writeFileSync(path.join(root, 'assets', 'app.js'), 'export const x = 1;');
    writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
    writeFileSync(path.join(dir, 'secret.txt'), 'the database password');
    symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
    symlinkSync(dir, path.join(root, 'up'));
    handle = createAppProtocolHandler({ root, files });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => handle({ url, method });

  it('serves files with their content type and the CSP on every response', async () => {
    const js = await get('app://stint/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).toBe('export const x = 1;');
    expect((await get('app://stint/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves index.html for the root and for routes, and 404 for a missing asset', async () => {
    for (const url of ['app://stint/', 'app://stint/?window=popover', 'app://stint/timesheet', 'app://stint/settings/rules']) {
      const page = await get(url);
      expect(page.status, url).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('<title>Stint</title>');
    }
    const missing = await get('app://stint/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses traversal, symlinks out of the root and other origins with 404', async () => {
    for (const url of [
      'app://stint/../secret.txt',
      'app://stint/%2e%2e/secret.txt',
      'app://stint/assets/link.txt',
      'app://stint/up/secret.txt',
      'app://evil/index.html',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('password');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://stint/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get('app://stint/assets/app.js', 'POST');
    expect(post.status).toBe(405);
  });

  it('says so when the views are not built', async () => {
    const unbuilt = createAppProtocolHandler({ root: path.join(dir, 'nothing-here'), files });
    const res = await unbuilt({ url: 'app://stint/', method: 'GET' });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

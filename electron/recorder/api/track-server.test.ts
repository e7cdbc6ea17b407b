import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test-support/run-cli';
import { TrackProcess, waitFor } from '../../../test-support/track-process';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../../../test-support/xvfb';
import { EventLog, isRecorder, isStatus } from './api-test-fixture';

/** `stint track`'s line with the views' one-time sign-in link; group 1 the origin. */
const SIGN_IN_LINE = /^Views at (http:\/\/127\.0\.0\.1:\d+)\/signin\?code=[A-Za-z0-9_-]{43} /;

/** `stint track` serving the views and the API: the same recorder behind the HTTP requests and the events. */
describe.skipIf(skipWithoutXvfb())('stint track with its local server', () => {
  let x: XvfbSession;
  let dir: string;
  beforeAll(async () => {
    x = await startXvfb();
    dir = mkdtempSync(join(tmpdir(), 'stint-track-api-'));
  });
  afterAll(async () => {
    await x?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the API on the port it prints, forwards recorder events and stops serving at quit', async () => {
    const db = join(dir, 'served.db');
    const crm = await x.openWindow({ netWmName: 'Leads | Salesforce', wmClass: ['crm', 'Google-chrome'] });
    const track = new TrackProcess(['--db', db, '--port', '0'], x.env);
    const line = await track.waitForLine(/^Views at /);
    const origin = SIGN_IN_LINE.exec(line)?.[1];
    expect(origin, line).toBeDefined();
    await track.waitForLine(/started recording/);
    const reader = new Database(db, { readonly: true });
    const token = reader.prepare("SELECT value FROM meta WHERE key = 'api_token'").pluck().get() as string;
    reader.close();

    const post = async (name: string, input: unknown) => {
      const res = await fetch(`${origin}/api/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
      return { status: res.status, body: (await res.json()) as { ok: boolean; data?: unknown; error?: string } };
    };
    const status = await post('status.get', {});
    expect(status).toMatchObject({ status: 200, body: { ok: true, data: { recorder: { running: true, pid: track.child.pid } } } });
    // Session actions go through the running recorder.
    expect(await post('session.act', { action: 'break' })).toEqual({ status: 200, body: { ok: true, data: { state: 'on-break' } } });
    // Back to work: windows are recorded only while working.
    expect(await post('session.act', { action: 'resume' })).toEqual({ status: 200, body: { ok: true, data: { state: 'working' } } });

    const events = new EventLog(`${origin}/api/events`, { Authorization: `Bearer ${token}` });
    await events.next(isStatus);
    const mail = await x.openWindow({ netWmName: 'Inbox', wmClass: ['mail', 'Thunderbird'], activate: false });
    await x.activate(mail);
    const focus = await events.next((e) => isRecorder(e) && e.event.type === 'focus' && e.event.app === 'Thunderbird');
    expect(focus).toMatchObject({ type: 'recorder', event: { type: 'focus', app: 'Thunderbird', title: 'Inbox' } });

    track.kill('SIGINT');
    await events.next((e) => isRecorder(e) && e.event.type === 'stopped');
    expect((await track.exited).code).toBe(0);
    await expect(fetch(`${origin}/api/status.get`, { method: 'POST' })).rejects.toThrow();
    events.close();
    await x.destroyWindow(mail);
    await x.destroyWindow(crm);
  });

  it('prints a one-time sign-in link, and `stint open` makes new ones and opens them in the browser', async () => {
    const db = join(dir, 'open.db');
    const track = new TrackProcess(['--db', db, '--port', '0'], x.env);
    try {
      const line = await track.waitForLine(/^Views at /);
      expect(line).toMatch(SIGN_IN_LINE);
      expect(line).toMatch(/\(this sign-in link works once, within 2 minutes; later, `stint open` makes a new one\)$/);
      const origin = SIGN_IN_LINE.exec(line)![1]!;
      const printed = /^Views at (\S+)/.exec(line)![1]!;
      const cookieFrom = async (url: string) => {
        const res = await fetch(url, { redirect: 'manual' });
        expect([res.status, res.headers.get('location')]).toEqual([303, '/']);
        return res.headers.get('set-cookie')!.split(';', 1)[0]!;
      };
      const signedInStatus = async (cookie: string) =>
        (await fetch(`${origin}/api/status.get`, { method: 'POST', headers: { Cookie: cookie }, body: '{}' })).status;
      expect(await signedInStatus(await cookieFrom(printed))).toBe(200);
      expect((await fetch(printed, { redirect: 'manual' })).status).toBe(403);

      const print = runCli(['open', '--print', '--db', db]);
      expect(print.code, print.stderr).toBe(0);
      const link = print.stdout.trim();
      expect(link).toMatch(new RegExp(`^${origin.replace(/\./g, '\\.')}/signin\\?code=[A-Za-z0-9_-]{43}$`));
      expect(link).not.toBe(printed);
      expect(await signedInStatus(await cookieFrom(link))).toBe(200);

      // Without --print it hands the link to the system's opener (xdg-open on Linux): a stand-in records it.
      const bin = join(dir, 'bin');
      const opened = join(dir, 'opened.txt');
      rmSync(bin, { recursive: true, force: true });
      mkdirSync(bin);
      writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
      chmodSync(join(bin, 'xdg-open'), 0o755);
      const open = runCli(['open', '--db', db], { PATH: `${bin}:${process.env.PATH ?? ''}` });
      expect([open.code, open.stderr, open.stdout]).toEqual([0, '', `Opened the Stint views in your browser (${origin}/).\n`]);
      await waitFor('the opener to run', () => (existsSync(opened) ? readFileSync(opened, 'utf8') || undefined : undefined));
      expect(await signedInStatus(await cookieFrom(readFileSync(opened, 'utf8')))).toBe(200);

      // No opener at all: the link, to open by hand.
      const none = runCli(['open', '--db', db], { PATH: join(dir, 'empty') });
      expect(none.code).toBe(1);
      expect(none.stderr).toMatch(
        /^stint: Could not start a browser \(spawn xdg-open ENOENT\)\. Open this link yourself within 2 minutes: http:\/\/127\.0\.0\.1:\d+\/signin\?code=\S+\n$/,
      );
    } finally {
      track.kill('SIGTERM');
      await track.exited;
    }
    const after = runCli(['open', '--print', '--db', db]);
    expect([after.code, after.stdout, after.stderr]).toEqual([
      1,
      '',
      `stint: No recorder is running for ${db}. Start one with \`stint track\`; it prints a sign-in link too.\n`,
    ]);
  });

  it('refuses to start on a port that is taken, in one line, and leaves nothing locked', async () => {
    const db = join(dir, 'taken.db');
    const blocker: Server = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    try {
      const result = runCli(['track', '--db', db, '--port', String(port)], x.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `stint: Port ${port} on 127.0.0.1 is already in use (another \`stint track\`?). Choose another with --port, or record without the views with --no-ui.\n`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    const status = JSON.parse(runCli(['status', '--json', '--db', db]).stdout) as { recorder: { running: boolean } };
    expect(status.recorder.running).toBe(false);
  });

  it('serves nothing with --no-ui', async () => {
    const db = join(dir, 'headless.db');
    const track = new TrackProcess(['--db', db, '--no-ui'], x.env);
    await track.waitForLine(/started recording/);
    expect(track.log).not.toMatch(/Views at/);
    expect(track.log).toMatch(/^Recording into .* Ctrl\+C stops\.$/m);
    const open = runCli(['open', '--db', db]);
    expect(open.stderr).toMatch(/serves no views: it was started with --no-ui, or it is the desktop app's/);
    track.kill('SIGTERM');
    expect((await track.exited).code).toBe(0);
  });

  it('rejects a port that is not one', () => {
    const result = runCli(['track', '--db', join(dir, 'bad.db'), '--port', '70000']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/expected a port number 0–65535, got "70000"/);
  });
});

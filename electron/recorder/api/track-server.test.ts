import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test-support/run-cli';
import { TrackProcess } from '../../../test-support/track-process';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../../../test-support/xvfb';
import { EventLog, isRecorder, isStatus } from './api-test-fixture';

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
    const origin = /^Views at (http:\/\/127\.0\.0\.1:(\d+))\/$/.exec(line)?.[1];
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

    const events = new EventLog(`${origin}/api/events?token=${encodeURIComponent(token)}`);
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
    track.kill('SIGTERM');
    expect((await track.exited).code).toBe(0);
    expect(track.log).not.toMatch(/Views at/);
    expect(track.log).toMatch(/^Recording into .* Ctrl\+C stops\.$/m);
  });

  it('rejects a port that is not one', () => {
    const result = runCli(['track', '--db', join(dir, 'bad.db'), '--port', '70000']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/expected a port number 0–65535, got "70000"/);
  });
});

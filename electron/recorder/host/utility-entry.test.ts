import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api/contract';
import type { RecorderEvent } from '../../../shared/recording/recorder-events';
import { waitFor } from '../../../test-support/track-process';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../../../test-support/xvfb';
import { rawRequest, startTestServer, type TestServer } from '../api/api-test-fixture';
import { forkHost, type ForkedHost } from './testing/forked-host';
import { SyncStore } from '../store/sync-store';
import { aesGcmCipher, DESKTOP_CIPHER_ID, tokenVaultFor } from '../sync/token-vault';

/** The environment of a host with no X display: it serves the API from the database but cannot record. */
const headless = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
};

describe('the recorder host process (dist/recorder-host.cjs) over its port', () => {
  let t: TestServer;
  let host: ForkedHost;
  beforeEach(async () => {
    t = await startTestServer();
    host = forkHost(t.dbPath, headless());
  });
  afterEach(async () => {
    host.child.kill('SIGKILL');
    await host.exited;
    await t.stop();
  });

  const overHttp = async (name: string, input: unknown) => {
    const res = await rawRequest({
      port: t.server.port,
      method: 'POST',
      path: `/api/${name}`,
      headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return JSON.parse(res.body) as unknown;
  };

  it('opens a token the desktop app sealed with the key handed in its init message; without the key, says it cannot', async () => {
    const key = randomBytes(32);
    new SyncStore(t.store.db).begin('dev-sealed');
    tokenVaultFor(t.dbPath, aesGcmCipher(key, DESKTOP_CIPHER_ID)).write({
      server: 'https://stint.example.com',
      deviceId: 'dev-sealed',
      token: 'st_sealed',
      userEmail: 'rep@example.com',
      enrolledMs: 1,
    });
    expect(await host.client.request('sync.status', {})).toMatchObject({ ok: true, data: { enrolled: true, lastError: { code: 'token-sealed' } } });
    const keyed = forkHost(t.dbPath, headless(), { tokenKey: key.toString('base64') });
    try {
      expect(await keyed.client.request('sync.status', {})).toMatchObject({
        ok: true,
        data: { enrolled: true, userEmail: 'rep@example.com', lastError: null },
      });
    } finally {
      keyed.child.kill('SIGKILL');
      await keyed.exited;
    }
  });

  it('opens the database and says why it does not record here', async () => {
    expect(await host.client.ready).toEqual({ notRecording: expect.stringMatching(/^cannot read the active window \(.*DISPLAY/) });
  });

  it('answers a request with what the HTTP API answers for the same database', async () => {
    const input = { from: '2026-03-02', to: '2026-03-02', timeZone: 'UTC' };
    const answer = await host.client.request('timesheet.get', input);
    expect(answer).toMatchObject({ ok: true, data: { totals: { workedSeconds: 3 * 3600 } } });
    expect(answer).toEqual(await overHttp('timesheet.get', input));
  });

  it('refuses an unknown request and bad input with the same messages as HTTP', async () => {
    const unknown = await host.client.request('shell.openExternal', { url: 'https://evil.example' });
    expect(unknown).toEqual({ ok: false, error: 'No such request: shell.openExternal.' });
    expect(unknown).toEqual(await overHttp('shell.openExternal', { url: 'https://evil.example' }));

    const bad = await host.client.request('time.add', { kind: 'work', startMs: -5, endMs: 10, reason: ' ' });
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/^Invalid input for time\.add: startMs: .*; reason: give a reason/) });
    expect(bad).toEqual(await overHttp('time.add', { kind: 'work', startMs: -5, endMs: 10, reason: ' ' }));
  });

  it('sends what a request changed as an event, before the answer', async () => {
    const seen: string[] = [];
    host.client.subscribe((event: ApiEvent) => seen.push(event.type === 'changed' ? `changed ${event.what}` : event.type));
    const answer = await host.client.request('session.act', { action: 'start' }).then((result) => {
      seen.push('answer');
      return result;
    });
    expect(answer).toEqual({ ok: true, data: { state: 'working' } });
    expect(seen).toEqual(['changed sessions', 'answer']);
    // The change is in the database the CLI and `stint track` read.
    expect(t.store.openSession()).toMatchObject({ kind: 'work', startReason: expect.any(String) });
  });

  it('answers a request still on its way when the host process dies, with what happened', async () => {
    await host.client.ready;
    host.child.kill('SIGSTOP');
    const answer = host.client.request('status.get', {});
    host.child.kill('SIGKILL');
    expect(await answer).toEqual({
      ok: false,
      error: 'Stint’s recorder is not running (its process was killed by SIGKILL). Quit Stint and open it again.',
    });
  });

  it('stops when asked: answers once everything is saved, then ends; later requests say the recorder is gone', async () => {
    await host.client.ready;
    await host.client.stop('quit');
    expect(await host.exited).toEqual({ code: 0, signal: null });
    expect(await host.client.request('status.get', {})).toEqual({
      ok: false,
      error: 'Stint’s recorder is not running (its process ended with code 0). Quit Stint and open it again.',
    });
  });
});

describe('the recorder host process when it cannot start', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stint-host-bad-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says so in words for a person and exits non-zero', async () => {
    const file = path.join(dir, 'notes.db');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(200));
    const host = forkHost(file, headless());
    await expect(host.client.ready).rejects.toThrow(/is not a Stint database.*Pass --db with a Stint database/);
    expect(await host.exited).toEqual({ code: 1, signal: null });
  });
});

/** With an X display the host records, and its idle time and power events come from the main process. */
describe.skipIf(skipWithoutXvfb())('the recorder host process under Xvfb', () => {
  let x: XvfbSession;
  let dir: string;
  let host: ForkedHost | null = null;
  beforeAll(async () => {
    x = await startXvfb();
    dir = mkdtempSync(path.join(tmpdir(), 'stint-host-x-'));
  });
  afterAll(async () => {
    host?.child.kill('SIGKILL');
    await host?.exited;
    await x?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records, asks the main process for idle time, and takes suspend and lock from it', async () => {
    const window = await x.openWindow({ netWmName: 'Pipeline - Salesforce', wmClass: ['crm', 'Google-chrome'], activate: false });
    await x.activate(window);
    host = forkHost(path.join(dir, 'stint.db'), x.env);
    const events: RecorderEvent[] = [];
    host.client.subscribe((event) => {
      if (event.type === 'recorder') events.push(event.event);
    });
    expect(await host.client.ready).toEqual({ notRecording: null });
    await waitFor('the window and a work session', () => (events.some((e) => e.type === 'session-open') ? true : undefined));
    expect(events).toContainEqual(expect.objectContaining({ type: 'focus', app: 'Google-chrome', title: 'Pipeline - Salesforce' }));

    // Ten minutes without input, as powerMonitor tells the main process: the recorder goes idle.
    host.idle.idleMsNow = 10 * 60_000;
    await waitFor('idle-start', () => events.find((e) => e.type === 'idle-start'));
    expect(host.idle.queries).toBeGreaterThan(0);
    host.idle.idleMsNow = 0;
    await waitFor('idle-end', () => events.find((e) => e.type === 'idle-end'));

    host.power('lock');
    expect(await waitFor('session-close', () => events.find((e) => e.type === 'session-close'))).toMatchObject({ reason: 'lock' });

    await host.client.stop('quit');
    expect(await host.exited).toEqual({ code: 0, signal: null });
    expect(events.at(-1)).toMatchObject({ type: 'stopped', reason: 'quit' });
  });
});

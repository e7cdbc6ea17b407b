import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api/contract';
import { runCli } from '../../../test-support/run-cli';
import { TrackProcess } from '../../../test-support/track-process';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../../../test-support/xvfb';
import { EventLog, isChanged, isStatus } from '../api/api-test-fixture';

/** Only turns a hang into a clear failure; the test goes on as soon as the event arrives. */
function within<T>(promise: Promise<T>, what: string, limitMs = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No ${what} within ${limitMs} ms`)), limitMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The CLI changes data in its own process while `stint track` serves the views: the views hear of it as a
 * `changed` event on the recorder's event stream, as if the change had been made in a view.
 */
describe.skipIf(skipWithoutXvfb())('changes from the CLI reach the views of a running recorder', () => {
  let x: XvfbSession;
  let dir: string;
  beforeAll(async () => {
    x = await startXvfb();
    dir = mkdtempSync(join(tmpdir(), 'stint-cli-changes-'));
  });
  afterAll(async () => {
    await x?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends changed for time, rules and sessions changed from the CLI, and nothing for a refused change', async () => {
    const db = join(dir, 'stint.db');
    const window = await x.openWindow({ netWmName: 'Leads | Salesforce', wmClass: ['crm', 'Google-chrome'] });
    const track = new TrackProcess(['--db', db, '--port', '0', '--poll', '0.2'], x.env);
    try {
      const origin = /^Views at (http:\/\/127\.0\.0\.1:\d+)\/signin\?code=/.exec(await track.waitForLine(/^Views at /))?.[1];
      expect(origin).toBeDefined();
      await track.waitForLine(/started recording/);
      const reader = new Database(db, { readonly: true });
      const token = reader.prepare("SELECT value FROM meta WHERE key = 'api_token'").pluck().get() as string;
      reader.close();
      const events = new EventLog(`${origin}/api/events`, { Authorization: `Bearer ${token}` });
      await within(events.next(isStatus), 'first status');

      let from = events.events.length;
      const added = runCli(['time', 'add', '--start', '2026-03-02T09:00Z', '--end', '2026-03-02T10:00Z', '--reason', 'client lunch', '--db', db]);
      expect(added.code, added.stderr).toBe(0);
      expect(await within(events.next(isChanged, from), 'changed after time add')).toEqual({ type: 'changed', what: 'time' });

      // A refused change posts nothing: the next changed event is the rule added after it.
      from = events.events.length;
      const refused = runCli(['time', 'remove', 'no-such-entry', '--reason', 'typo', '--db', db]);
      expect(refused.code).toBe(1);
      expect(runCli(['rules', 'add', '--category', 'Sales > CRM', '--app', 'crm', '--db', db]).code).toBe(0);
      expect(await within(events.next(isChanged, from), 'changed after rules add')).toEqual({ type: 'changed', what: 'rules' });

      // A session action goes through the running recorder, and the views hear of it.
      from = events.events.length;
      const onBreak = runCli(['session', 'break', '--db', db]);
      expect(onBreak, onBreak.stderr).toMatchObject({ code: 0, stdout: 'On a break.\n' });
      expect(await within(events.next(isChanged, from), 'changed after session break')).toEqual({ type: 'changed', what: 'sessions' });
      const status = await within(
        events.next((e: ApiEvent) => isStatus(e) && e.status.session?.kind === 'break', from),
        'a status on a break',
      );
      expect(status).toMatchObject({ type: 'status', status: { recorder: { running: true, pid: track.child.pid } } });
      events.close();
    } finally {
      track.kill('SIGINT');
      await track.exited;
      await x.destroyWindow(window);
    }
  });
});

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrackProcess } from '../../../test-support/track-process';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../../../test-support/xvfb';

/** How long `stint track` may take to stop after SIGTERM before the test gives up: a failure bound, nothing measured. */
const GIVE_UP_MS = 20_000;
const REPORTS = 100;

/** Issue 11: a long report must not make `stint track` ignore SIGTERM. */
describe.skipIf(skipWithoutXvfb())('stint track stopped while reports run', () => {
  let x: XvfbSession;
  let dir: string;
  beforeAll(async () => {
    x = await startXvfb();
    dir = mkdtempSync(join(tmpdir(), 'stint-track-sigterm-'));
  });
  afterAll(async () => {
    await x?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops at SIGTERM, saving what it recorded, without waiting for the reports', async () => {
    const db = join(dir, 'sigterm.db');
    const crm = await x.openWindow({ netWmName: 'Leads | Salesforce', wmClass: ['crm', 'Google-chrome'] });
    const track = new TrackProcess(['--db', db, '--port', '0'], x.env);
    try {
      const origin = /^Views at (http:\/\/127\.0\.0\.1:\d+)\/$/.exec(await track.waitForLine(/^Views at /))?.[1];
      await track.waitForLine(/started recording/);
      const reader = new Database(db, { readonly: true });
      const token = reader.prepare("SELECT value FROM meta WHERE key = 'api_token'").pluck().get() as string;
      reader.close();

      // Ten years of timesheet each, a hundred times: many seconds of reading in all.
      const reports = Array.from({ length: REPORTS }, () =>
        fetch(`${origin}/api/timesheet.get`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}` },
          body: JSON.stringify({ from: '2016-04-01', to: '2026-03-02' }),
        }).then(
          (res) => res.status,
          () => 'dropped' as const,
        ),
      );
      // One answer: the server has the others in hand.
      await Promise.race(reports);
      track.kill('SIGTERM');
      let giveUp: NodeJS.Timeout | undefined;
      const exited = await Promise.race([
        track.exited,
        new Promise<'still running'>((resolve) => (giveUp = setTimeout(() => resolve('still running'), GIVE_UP_MS))),
      ]);
      clearTimeout(giveUp);
      expect(exited).toEqual({ code: 0, signal: null });
      // The answers still due went with the process.
      expect((await Promise.all(reports)).filter((status) => status === 'dropped').length).toBeGreaterThan(0);

      const after = new Database(db, { readonly: true });
      const run = after.prepare('SELECT end_reason FROM runs ORDER BY started_ms DESC LIMIT 1').pluck().get();
      after.close();
      expect(run).toBe('quit');
    } finally {
      track.kill('SIGKILL');
      await x.destroyWindow(crm);
    }
  });
});

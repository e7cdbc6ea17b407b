import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrackProcess, waitFor } from '../../test-support/track-process';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../../test-support/xvfb';

/** A real window titled "Zoom Meeting" under Xvfb: `stint track` records a detected call for it. */
describe.skipIf(skipWithoutXvfb())('call detection under Xvfb', () => {
  let x: XvfbSession;
  let dir: string;
  beforeAll(async () => {
    x = await startXvfb();
    dir = mkdtempSync(join(tmpdir(), 'stint-detect-'));
  });
  afterAll(async () => {
    await x?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a detected call while the Zoom meeting window has focus and closes it after it loses focus', async () => {
    const db = join(dir, 'stint.db');
    const zoom = await x.openWindow({ netWmName: 'Zoom Meeting', wmClass: ['zoom', 'zoom'], activate: false });
    const crm = await x.openWindow({ netWmName: 'Opportunity: Acme | Salesforce', wmClass: ['crm', 'Google-chrome'], activate: false });
    await x.activate(crm);
    const track = new TrackProcess(['--db', db, '--poll', '1', '--no-ui'], x.env);
    await track.waitForLine(/focus\s+Google-chrome/);
    const focusedAt = Date.now();
    await x.activate(zoom);
    await track.waitForLine(/call\s+Zoom.* detected/);
    const reader = new Database(db, { readonly: true });
    // Stay in the meeting for 4 recorded seconds, then go back to the CRM.
    await waitFor('4 s of Zoom', () => {
      const row = reader
        .prepare("SELECT a.end_ms - a.start_ms AS ms FROM activity a JOIN strings s ON s.id = a.app_id WHERE s.value = 'zoom' AND a.open = 1")
        .get() as { ms: number } | undefined;
      return row && row.ms >= 4000 ? true : undefined;
    });
    const leftAt = Date.now();
    await x.activate(crm);
    await track.waitForLine(/call\s+Zoom.* ended after/);
    const call = await waitFor(
      'the detected call',
      () =>
        reader.prepare('SELECT source, detected_by, start_ms, end_ms, answered FROM calls').get() as
          { source: string; detected_by: string; start_ms: number; end_ms: number; answered: number } | undefined,
    );
    reader.close();
    track.kill('SIGINT');
    expect((await track.exited).code).toBe(0);
    expect(call).toMatchObject({ source: 'detected', answered: 1 });
    expect(call.detected_by).toMatch(/zoom/i);
    expect(call.start_ms).toBeGreaterThanOrEqual(focusedAt - 1000);
    // The call ends at the first sample without the meeting window, within a poll of leaving it.
    expect(Math.abs(call.end_ms - leftAt)).toBeLessThanOrEqual(1300);
  });
});

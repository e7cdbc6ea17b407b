import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test-support/run-cli';
import { TrackProcess, waitFor } from '../../test-support/track-process';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../../test-support/xvfb';

/** The ActivityWatch browser extension's origin in Chrome: the listener lets it in with CORS. */
const EXTENSION = 'chrome-extension://nglaklhklhcoonedhgnpgddginnjdadi';
const BUCKET = 'aw-watcher-web-chrome';
const URL_OF_TAB = 'https://acme.example.com/deals/42?tab=notes';

/**
 * `stint track --aw-port` as a real process on a real X display, fed as aw-watcher-web feeds ActivityWatch:
 * its bucket made over HTTP with the extension's origin, then a heartbeat of the current tab about once a
 * second. After the recorder's flush the heartbeats are events of the bucket, the browser window's activity
 * carries the tab's url, and `stint report time-use --by site` (the Activity view's sites) names the site.
 */
describe.skipIf(skipWithoutXvfb())('stint track --aw-port under Xvfb: the browser watcher’s tabs', () => {
  let x: XvfbSession;
  let dir: string;
  beforeAll(async () => {
    x = await startXvfb();
    dir = mkdtempSync(join(tmpdir(), 'stint-track-aw-'));
  });
  afterAll(async () => {
    await x?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the heartbeats after the flush and puts their site on the browser’s activity', async () => {
    const db = join(dir, 'stint.db');
    const env = { ...x.env, TZ: 'UTC' };
    const browser = await x.openWindow({ netWmName: 'Deal 42 – Acme - Google Chrome', wmClass: ['google-chrome', 'Google-chrome'], activate: false });
    await x.activate(browser);
    await x.simulateInput();

    // Port 0: the system picks a free one, which the recorder prints.
    const track = new TrackProcess(['--db', db, '--poll', '1', '--idle-threshold', '60', '--no-ui', '--aw-port', '0'], env);
    try {
      const listening = await track.waitForLine(/ActivityWatch API at http:\/\/127\.0\.0\.1:\d+\/api\/0\//);
      const base = `http://127.0.0.1:${/127\.0\.0\.1:(\d+)/.exec(listening)![1]}/api/0`;
      const call = (method: string, path: string, body?: unknown) =>
        fetch(`${base}${path}`, {
          method,
          headers: { Origin: EXTENSION, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });

      const info = await call('GET', '/info');
      expect(info.status).toBe(200);
      expect(info.headers.get('access-control-allow-origin')).toBe(EXTENSION);
      expect(((await info.json()) as { version: string }).version).toMatch(/^stint-/);
      const created = await call('POST', `/buckets/${BUCKET}`, { client: 'aw-client-web', type: 'web.tab.current', hostname: 'unknown' });
      expect(created.status).toBe(200);

      const reader = new Database(db, { readonly: true });
      try {
        const tabData = { url: URL_OF_TAB, title: 'Deal 42 – Acme', audible: false, incognito: false, tabCount: 3 };
        const storedEvents = () =>
          reader.prepare('SELECT start_ms, end_ms, data FROM aw_events WHERE bucket_id = ? ORDER BY start_ms').all(BUCKET) as {
            start_ms: number;
            end_ms: number;
            data: string;
          }[];
        const browserWithUrl = () =>
          reader
            .prepare(
              `SELECT sum(a.end_ms - a.start_ms) AS ms FROM activity a JOIN strings app ON app.id = a.app_id JOIN strings u ON u.id = a.url_id
               WHERE app.value = 'Google-chrome' AND u.value = ?`,
            )
            .pluck()
            .get(URL_OF_TAB) as number | null;
        // The extension's rhythm: a heartbeat of the same tab, about once a second, until the recorder has kept
        // 3 s of the browser window with the tab's url (the pause only paces the watcher).
        let sent = 0;
        const deadline = Date.now() + 30_000;
        while ((browserWithUrl() ?? 0) < 3000 || storedEvents().length === 0) {
          if (Date.now() > deadline) throw new Error(`No browser activity with the tab’s url after ${sent} heartbeats:\n${track.log}`);
          const hb = await call('POST', `/buckets/${BUCKET}/heartbeat?pulsetime=2`, { timestamp: new Date().toISOString(), duration: 0, data: tabData });
          expect(hb.status).toBe(200);
          sent += 1;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
        expect(sent).toBeGreaterThanOrEqual(2);

        // One tab the whole time: the heartbeats merged into one event, stored by the flush with its data.
        const events = await waitFor('the merged event flushed', () => {
          const stored = storedEvents();
          return stored.length === 1 && stored[0]!.end_ms > stored[0]!.start_ms ? stored : undefined;
        });
        expect(JSON.parse(events[0]!.data)).toMatchObject({ url: URL_OF_TAB, tabCount: 3 });
        const listed = (await (await fetch(`${base}/buckets/${BUCKET}/events`)).json()) as { duration: number; data: { url: string } }[];
        expect(listed).toHaveLength(1);
        expect(listed[0]!.data.url).toBe(URL_OF_TAB);
        expect(listed[0]!.duration).toBeGreaterThan(0);

        // The Activity view's sites come from the same report: the browser's time is under the tab's site.
        const today = new Date().toISOString().slice(0, 10);
        const report = runCli(['report', 'time-use', '--by', 'site', '--from', today, '--to', today, '--db', db], { TZ: 'UTC' });
        expect(report.stderr).toBe('');
        expect(report.code).toBe(0);
        expect(report.stdout).toContain('acme.example.com');
      } finally {
        reader.close();
      }
    } finally {
      track.kill('SIGINT');
      expect((await track.exited).code).toBe(0);
    }
  }, 90_000);
});

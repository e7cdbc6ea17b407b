import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAwTimestamp, durationMs } from '../../../shared/activitywatch/aw-event';
import { Store } from '../store/store';
import { exportActivityWatch, ownBucketIds } from './aw-export';
import { importActivityWatch, type AwImportResult } from './aw-import';

const FIXTURE = readFileSync(new URL('./fixtures/aw-export.json', import.meta.url), 'utf8');

let dir: string;
const stores: Store[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-aw-'));
});
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(name: string): Store {
  const store = Store.open(join(dir, name));
  stores.push(store);
  return store;
}

/** The file in pieces of `size` bytes, as a stream reads it. */
function* chunks(text: string, size: number): Generator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const importText = (store: Store, text: string, size = 64 * 1024): Promise<AwImportResult> =>
  importActivityWatch(store, chunks(text, size), { timeZone: 'Europe/Berlin', nowMs: Date.UTC(2024, 5, 1) });

function exportText(store: Store, hostname = 'desk'): string {
  return [...exportActivityWatch(store, { hostname, nowMs: Date.UTC(2024, 5, 1) })].join('');
}

interface ExportedEvent {
  timestamp: string;
  duration: number;
  data: Record<string, unknown>;
}
/** Each bucket's events as (start ms, duration ms, data with sorted keys), sorted: what "the same events" means. */
function eventsOf(text: string, skip: (id: string) => boolean = () => false): Record<string, string[]> {
  const parsed = JSON.parse(text) as { buckets: Record<string, { events: ExportedEvent[] }> };
  const out: Record<string, string[]> = {};
  for (const [id, bucket] of Object.entries(parsed.buckets)) {
    if (skip(id)) continue;
    out[id] = bucket.events
      .map((e) => {
        const data = Object.fromEntries(Object.entries(e.data).sort(([a], [b]) => a.localeCompare(b)));
        return JSON.stringify([parseAwTimestamp(e.timestamp), durationMs(e.duration), data]);
      })
      .sort();
  }
  return out;
}

const at = (iso: string) => Date.parse(iso);

describe('stint import activitywatch (module)', () => {
  it('imports a hand-written export with every bucket type', async () => {
    const store = open('a.db');
    const result = await importText(store, FIXTURE);
    expect(result).toEqual({ ok: true, buckets: 4, events: 9, alreadyPresent: 0, activity: 8, idle: 1, webVisits: 2, external: 1 });

    const activity = store.db
      .prepare(
        `SELECT a.start_ms AS startMs, a.end_ms AS endMs, app.value AS app, u.value AS url, a.tz, a.utc_offset_min AS offset, a.open, a.run_id AS run
         FROM activity a JOIN strings app ON app.id = a.app_id LEFT JOIN strings u ON u.id = a.url_id ORDER BY a.start_ms`,
      )
      .all() as { startMs: number; endMs: number; app: string; url: string | null; tz: string; offset: number; open: number; run: string | null }[];
    // The browser window 09:00:00.123–09:10 is cut at the two tab visits; its time is counted once.
    expect(activity.slice(0, 4).map((a) => [a.startMs, a.endMs, a.url])).toEqual([
      [at('2024-05-06T09:00:00.123Z'), at('2024-05-06T09:04:00.123Z'), 'https://www.salesforce.com/opportunities'],
      [at('2024-05-06T09:04:00.123Z'), at('2024-05-06T09:05:00Z'), null],
      [at('2024-05-06T09:05:00Z'), at('2024-05-06T09:08:00.500Z'), 'https://news.ycombinator.com/'],
      [at('2024-05-06T09:08:00.500Z'), at('2024-05-06T09:10:00Z'), null],
    ]);
    // The terminal's timestamp was written at +02:00; the 2.5-hour editor event is cut at the store's longest span (1 h).
    expect(activity[4]).toMatchObject({ startMs: at('2024-05-06T09:10:00Z'), endMs: at('2024-05-06T09:20:00Z'), app: 'Terminal', url: null });
    expect(activity.slice(5).map((a) => (a.endMs - a.startMs) / 1000)).toEqual([3600, 3600, 1800.25]);
    expect(activity.every((a) => a.tz === 'Europe/Berlin' && a.offset === 120 && a.open === 0 && a.run === null)).toBe(true);

    // Only "afk" becomes idle; not-afk stays an ActivityWatch event.
    expect(store.db.prepare('SELECT start_ms, end_ms FROM idle').raw().all()).toEqual([[at('2024-05-06T09:20:00Z'), at('2024-05-06T10:00:00Z')]]);
    // Web visits in their own table, with their sites; never in activity as time of their own.
    expect(store.db.prepare('SELECT site, end_ms - start_ms FROM web_visits ORDER BY start_ms').raw().all()).toEqual([
      ['salesforce.com', 240_000],
      ['news.ycombinator.com', 180_500],
    ]);
    // Imported records are queued for sync like recorded ones.
    expect(store.db.prepare("SELECT count(*) FROM outbox WHERE kind IN ('activity', 'idle')").pluck().get()).toBe(9);
    // The external bucket keeps its name, type and data.
    const editor = store.db.prepare("SELECT type, client, data FROM aw_buckets WHERE id = 'aw-watcher-vscode_laptop'").get();
    expect(editor).toEqual({ type: 'app.editor.activity', client: 'aw-watcher-vscode', data: '{"editor":"vscode"}' });
  });

  it('importing again adds nothing, read in any chunk size', async () => {
    const store = open('a.db');
    await importText(store, FIXTURE);
    const counts = () => store.db.prepare('SELECT (SELECT count(*) FROM aw_events), (SELECT count(*) FROM activity), (SELECT count(*) FROM idle)').raw().get();
    const before = counts();
    const again = await importText(store, FIXTURE, 7);
    expect(again).toMatchObject({ ok: true, buckets: 0, events: 0, alreadyPresent: 9, activity: 0, idle: 0 });
    expect(counts()).toEqual(before);
  });

  it('gives every problem its line, bucket and event, and writes nothing', async () => {
    const store = open('a.db');
    const broken = FIXTURE.replace('"duration": 600.0', '"duration": -600').replace(
      '"2024-05-06T10:00:00+00:00", "duration": 9000',
      '"2024-05-06 morning", "duration": 9000',
    );
    const result = await importText(store, broken, 100);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = broken.split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(result.problems).toEqual([
      { line: lineOf('"duration": -600'), bucket: 'aw-watcher-window_laptop', event: 1, message: 'duration: a duration cannot be negative' },
      {
        line: lineOf('morning'),
        bucket: 'aw-watcher-afk_laptop',
        event: 2,
        message: expect.stringMatching(/"2024-05-06 morning" is not an RFC 3339 timestamp/),
      },
    ]);
    expect(
      store.db.prepare('SELECT (SELECT count(*) FROM aw_buckets) + (SELECT count(*) FROM aw_events) + (SELECT count(*) FROM activity)').pluck().get(),
    ).toBe(0);
  });

  it('says where the JSON breaks, and what a file that is no export is', async () => {
    const store = open('a.db');
    const cut = await importText(store, FIXTURE.slice(0, FIXTURE.indexOf('"aw-watcher-web-firefox"') + 40));
    expect(cut).toMatchObject({ ok: false, problems: [{ message: 'the file ends early: it was cut off' }] });
    const syntax = await importText(store, FIXTURE.replace('"client": "aw-watcher-afk",', '"client": "aw-watcher-afk",,'));
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.problems[0]).toMatchObject({ line: FIXTURE.split('\n').findIndex((l) => l.includes('"aw-watcher-afk",')) + 1 });
    expect(await importText(store, '[1, 2]')).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/should be an object with "buckets"/) }],
    });
    expect(await importText(store, '{"buckets": {"x": {"type": "currentwindow", "client": "c", "events": []}}}')).toMatchObject({
      ok: false,
      problems: [{ bucket: 'x', message: expect.stringMatching(/^hostname:/) }],
    });
    expect(store.db.prepare('SELECT count(*) FROM aw_buckets').pluck().get()).toBe(0);
  });

  it('takes buckets whose events come before their type and hostname', async () => {
    const store = open('a.db');
    const text = JSON.stringify({
      buckets: {
        w: { events: [{ timestamp: '2024-05-06T09:00:00Z', duration: 5, data: { app: 'a', title: 't' } }], type: 'currentwindow', client: 'c', hostname: 'h' },
      },
    });
    expect(await importText(store, text)).toMatchObject({ ok: true, events: 1, activity: 1 });
  });

  it('round trip: import → export → import gives the same events to the millisecond, and adds nothing back', async () => {
    const first = open('first.db');
    await importText(first, FIXTURE);
    const exported = exportText(first);
    // What came in is what goes out (timestamps cut to the millisecond, durations rounded to it).
    expect(eventsOf(exported, (id) => id.startsWith('stint-'))).toEqual(eventsOf(FIXTURE));

    const second = open('second.db');
    expect(await importText(second, exported)).toMatchObject({ ok: true, events: 9, activity: 8, idle: 1, webVisits: 2 });
    expect(eventsOf(exportText(second), (id) => id.startsWith('stint-'))).toEqual(eventsOf(exported, (id) => id.startsWith('stint-')));
    expect(await importText(first, exported)).toMatchObject({ ok: true, events: 0, alreadyPresent: 9 });
  });

  it('exports the recorder’s own activity re-merged, and importing it back into the same database adds nothing', async () => {
    const store = open('own.db');
    const t = Date.UTC(2024, 4, 7, 8, 0, 0);
    const write = (uuid: string, startMs: number, endMs: number, app: string) => ({
      uuid,
      startMs,
      endMs,
      timeZone: 'UTC',
      utcOffsetMin: 0,
      app,
      title: 'x',
      open: false,
    });
    store.startRun('run-1', 1, t);
    store.flush({
      runId: 'run-1',
      lastSeenMs: t + 3 * 3_600_000,
      // One window kept for 2.5 hours: the recorder cut it at an hour; then another window.
      activity: [
        write('a1', t, t + 3_600_000, 'Code'),
        write('a2', t + 3_600_000, t + 7_200_000, 'Code'),
        write('a3', t + 7_200_000, t + 9_000_000, 'Code'),
        write('a4', t + 9_000_000, t + 9_060_000, 'Slack'),
      ],
      idle: [{ uuid: 'i1', startMs: t + 9_060_000, endMs: t + 9_660_000, timeZone: 'UTC', utcOffsetMin: 0, open: false }],
      sessions: [
        {
          uuid: 's1',
          kind: 'work',
          startMs: t,
          endMs: t + 10_800_000,
          timeZone: 'UTC',
          utcOffsetMin: 0,
          startReason: 'first-activity',
          endReason: 'quit',
          open: false,
        },
      ],
    });
    const text = exportText(store, 'my desk');
    const ids = ownBucketIds(store.deviceId, 'my desk');
    const buckets = (JSON.parse(text) as { buckets: Record<string, { type: string; events: ExportedEvent[] }> }).buckets;
    expect(buckets[ids.window]?.type).toBe('currentwindow');
    expect(buckets[ids.window]?.events.map((e) => [e.timestamp, e.duration, e.data.app])).toEqual([
      ['2024-05-07T08:00:00.000+00:00', 9000, 'Code'],
      ['2024-05-07T10:30:00.000+00:00', 60, 'Slack'],
    ]);
    expect(buckets[ids.afk]?.events.map((e) => [e.timestamp, e.duration, e.data.status])).toEqual([
      ['2024-05-07T08:00:00.000+00:00', 9060, 'not-afk'],
      ['2024-05-07T10:31:00.000+00:00', 600, 'afk'],
      ['2024-05-07T10:41:00.000+00:00', 1140, 'not-afk'],
    ]);
    const before = store.db.prepare('SELECT count(*) FROM activity').pluck().get();
    expect(await importText(store, text)).toMatchObject({ ok: true, events: 0, alreadyPresent: 5, activity: 0 });
    expect(store.db.prepare('SELECT count(*) FROM activity').pluck().get()).toBe(before);

    // Into another database it is activity like any other ActivityWatch history.
    const other = open('other.db');
    expect(await importText(other, text)).toMatchObject({ ok: true, events: 5, activity: 4, idle: 1 });
  });
});

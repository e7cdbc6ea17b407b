import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ActivityTrack } from '../electron/recorder/activity-track';
import { Store } from '../electron/recorder/store/store';
import { prng } from './dense-year';
import { fmt, line } from './measure';

const HEARTBEATS = 1_000_000;

/** Heartbeats from a rep who switches window every 45 s on average among a few hundred titles. */
function heartbeatStream(n: number): { t: number; app: string; title: string }[] {
  const r = prng(7);
  const out: { t: number; app: string; title: string }[] = [];
  let app = 'Google-chrome';
  let title = 'Inbox';
  for (let i = 0; i < n; i++) {
    if (r() < 1 / 45) {
      app = ['Google-chrome', 'Slack', 'zoom', 'XTerm'][Math.floor(r() * 4)]!;
      title = `Title ${Math.floor(r() * 300)}`;
    }
    out.push({ t: Date.UTC(2026, 0, 5) + i * 1000, app, title });
  }
  return out;
}

/**
 * Merged and stored heartbeats per second, in-process: ActivityTrack folding + Store.flush into a real
 * WAL database file. Baselines, same run: one activity row per raw heartbeat with no merging (through the
 * schema's triggers, with a UUID each), and one row per heartbeat into a bare table.
 */
export function benchWritePath(): void {
  const dir = mkdtempSync(join(tmpdir(), 'stint-bench-write-'));
  try {
    const beats = heartbeatStream(HEARTBEATS);

    const run = (flushEvery: number, label: string) => {
      const store = Store.open(join(dir, `${label}.db`));
      store.startRun('bench', 0, 0);
      const track = new ActivityTrack(1000);
      const t0 = performance.now();
      let i = 0;
      for (const b of beats) {
        track.push(b.t, { app: b.app, title: b.title }, 'UTC');
        if (++i % flushEvery === 0) {
          store.flush({ runId: 'bench', lastSeenMs: b.t, activity: track.pending(), idle: [], sessions: [] });
          track.flushed();
        }
      }
      track.close(Infinity);
      store.flush({ runId: 'bench', lastSeenMs: 0, activity: track.pending(), idle: [], sessions: [] });
      const ms = performance.now() - t0;
      const rows = store.db.prepare('SELECT count(*) FROM activity').pluck().get() as number;
      store.close();
      return { perSecond: (beats.length / ms) * 1000, rows };
    };

    const batched = run(1000, 'batched');
    const live = run(1, 'per-beat');

    const raw = Store.open(join(dir, 'raw.db'));
    raw.startRun('bench', 0, 0);
    const insert = raw.db.prepare(
      "INSERT INTO activity (uuid, device_id, run_id, start_ms, end_ms, tz, utc_offset_min, app_id, title_id, open) VALUES (?, 'd', 'bench', ?, ?, 'UTC', 0, 1, 1, 0)",
    );
    raw.db.prepare("INSERT INTO strings (id, value) VALUES (1, 'x')").run();
    const t0 = performance.now();
    const insertAll = raw.db.transaction((chunk: typeof beats) => {
      for (const b of chunk) insert.run(randomUUID(), b.t, b.t + 1000);
    });
    for (let i = 0; i < beats.length; i += 1000) insertAll(beats.slice(i, i + 1000));
    const rawPerSecond = (beats.length / (performance.now() - t0)) * 1000;
    // A plain baseline beside it: the same row count into a bare table with no triggers, no index and no
    // UUID, i.e. what SQLite itself costs per row in this process.
    raw.db.exec('CREATE TABLE plain (t INTEGER NOT NULL, app_id INTEGER NOT NULL, title_id INTEGER NOT NULL)');
    const plainInsert = raw.db.prepare('INSERT INTO plain (t, app_id, title_id) VALUES (?, 1, 1)');
    const t1 = performance.now();
    const plainAll = raw.db.transaction((chunk: typeof beats) => {
      for (const b of chunk) plainInsert.run(b.t);
    });
    for (let i = 0; i < beats.length; i += 1000) plainAll(beats.slice(i, i + 1000));
    const plainPerSecond = (beats.length / (performance.now() - t1)) * 1000;
    raw.close();

    line('write path: merged + stored, flush per 1,000 beats', `${fmt(batched.perSecond, 0)}/s`, `${batched.rows} spans; target ≥ 100,000/s`);
    line('write path: merged + stored, one commit per beat', `${fmt(live.perSecond, 0)}/s`, 'the live recorder commits once a second');
    // This baseline writes closed activity rows, so each also runs the outbox trigger (a second INSERT), the
    // day cache's triggers (two DELETEs), the start index, and a random UUID: a stored raw heartbeat, not bare SQLite.
    line(
      'baseline: one activity row per heartbeat, batched',
      `${fmt(rawPerSecond, 0)}/s`,
      `ratio merged/raw ${fmt(batched.perSecond / rawPerSecond, 2)}× (row = UUID + outbox + day-cache triggers + index)`,
    );
    line(
      'baseline: one bare-table row per heartbeat, batched',
      `${fmt(plainPerSecond, 0)}/s`,
      `ratio merged/plain ${fmt(batched.perSecond / plainPerSecond, 2)}× (no triggers, no index, no UUID)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

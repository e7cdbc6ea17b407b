/**
 * `npm run bench sync`: a dense rep's month of backlog pushed by the device's pusher after coming online, to a
 * real `stint-server` process on loopback (SQLite, the embedded default, and PostgreSQL): records/s and time
 * to drain (target: a month in under 30 s). Then the CPU of an enrolled pusher at rest over an interval
 * (target < 0.05 % of a core): nothing waits, so only the 30 s status heartbeat runs.
 * STINT_BENCH_SPANS_PER_HOUR (60: a window switch a minute) and STINT_BENCH_IDLE_SECONDS (300) scale it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../electron/recorder/api/dispatch';
import { createHandlers } from '../electron/recorder/api/handlers';
import { systemClock } from '../electron/recorder/clock/system-clock';
import { Store } from '../electron/recorder/store/store';
import { SyncStore } from '../electron/recorder/store/sync-store';
import { tokenVaultFor } from '../electron/recorder/sync/token-vault';
import { Pusher } from '../electron/recorder/sync/pusher';
import { fetchHttp, type SyncHttp } from '../electron/recorder/sync/sync-client';
import type { Dialect } from '../server/db/migrations/migration';
import { ServerProcess } from '../server/test-support/server-process';
import { createTestDb } from '../server/test-support/test-db';
import { seedBacklog } from '../test-support/sync/seed-backlog';
import { fmt, line } from './measure';

const SERVER_BIN = fileURLToPath(new URL('../bin/stint-server.js', import.meta.url));
const SPANS_PER_HOUR = Number(process.env.STINT_BENCH_SPANS_PER_HOUR ?? 60);
const IDLE_SECONDS = Number(process.env.STINT_BENCH_IDLE_SECONDS ?? 300);
const DAY = 86_400_000;
const REP = 'dense@example.com';

function admin(db: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [SERVER_BIN, 'admin', ...args, '--db', db], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

async function drainMonth(dialect: Dialect, measureIdle: boolean): Promise<void> {
  const db = await createTestDb(dialect);
  const dir = mkdtempSync(join(tmpdir(), 'stint-bench-sync-'));
  const server = new ServerProcess(['--db', db.target, '--log-level', 'error']);
  try {
    admin(db.target, 'create-user', '--email', REP, '--name', 'Dense', '--role', 'rep', '--team', 'Inside');
    const url = await server.url;
    const dbPath = join(dir, 'device.db');
    const firstDay = Math.floor(Date.now() / DAY) * DAY - 31 * DAY;
    const records = seedBacklog(dbPath, { firstDayMs: firstDay, days: 30, spansPerHour: SPANS_PER_HOUR, startHour: 8, seed: 1 });
    const store = Store.open(dbPath);
    try {
      const handlers = createHandlers({ store, dbPath, clock: systemClock, recorder: null });
      const code = admin(db.target, 'enrollment-code', '--email', REP).split('\n')[0]!;
      const enrolled = await dispatch(handlers, 'sync.enroll', { server: url, code });
      if (!enrolled.body.ok) throw new Error(enrolled.body.error);
      const pusher = new Pusher({
        clock: systemClock,
        random: Math.random,
        http: fetchHttp,
        store: new SyncStore(store.db),
        vault: tokenVaultFor(dbPath),
        liveStatus: () => ({ clockedIn: false, onBreak: false, onCall: false, category: null, todayWorkedSeconds: 0 }),
      });
      const t = performance.now();
      const outcome = await pusher.syncNow();
      const seconds = (performance.now() - t) / 1000;
      if (outcome.error || outcome.pushed !== records) throw new Error(`pushed ${outcome.pushed} of ${records}: ${JSON.stringify(outcome.error)}`);
      line(`${dialect}: month of backlog (${SPANS_PER_HOUR} switches/h)`, `${records} records`);
      line(`${dialect}: time to drain`, `${fmt(seconds, 2)} s`, `target < 30 s: ${(30 / seconds).toFixed(1)}× under`);
      line(`${dialect}: push rate`, `${fmt(records / seconds, 0)} rec/s`);

      if (measureIdle) {
        // Enrolled, nothing waiting: the pusher a recorder runs, at rest, with its real timers.
        const idle = new Pusher({
          clock: systemClock,
          random: Math.random,
          http: fetchHttp,
          store: new SyncStore(store.db),
          vault: tokenVaultFor(dbPath),
          liveStatus: () => ({ clockedIn: false, onBreak: false, onCall: false, category: null, todayWorkedSeconds: 0 }),
        });
        // This process (tsx, the bench's own runtime) uses some CPU with nothing to do: measured first, the same
        // length, and taken off, so the figure is the pusher's.
        const baseline = await cpuShare(IDLE_SECONDS);
        idle.start();
        // Past the first heartbeat and push, then measured.
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const withPusher = await cpuShare(IDLE_SECONDS);
        await idle.stop();
        const share = Math.max(0, withPusher - baseline);
        line(`process at rest, no pusher, over ${IDLE_SECONDS} s`, `${fmt(baseline, 4)} %`, 'of a core');
        line(`process at rest with an idle pusher, over ${IDLE_SECONDS} s`, `${fmt(withPusher, 4)} %`, 'of a core');
        line('idle pusher CPU (the difference)', `${fmt(share, 4)} %`, 'below the noise of the line above when 0');

        // The same work, back to back, to price one heartbeat (the status post) above that noise.
        let beats = 0;
        const counting: SyncHttp = {
          request: (method, url, options) => {
            if (url.endsWith('/api/sync/status')) beats += 1;
            return fetchHttp.request(method, url, options);
          },
        };
        const busy = new Pusher(
          {
            clock: systemClock,
            random: Math.random,
            http: counting,
            store: new SyncStore(store.db),
            vault: tokenVaultFor(dbPath),
            liveStatus: () => ({ clockedIn: false, onBreak: false, onCall: false, category: null, todayWorkedSeconds: 0 }),
          },
          { statusIntervalMs: 20 },
        );
        const before = process.cpuUsage();
        busy.start();
        await new Promise((resolve) => setTimeout(resolve, 10_000));
        await busy.stop();
        const used = process.cpuUsage(before);
        const perBeatMs = (used.user + used.system) / 1000 / beats;
        const atRest = (perBeatMs / 30_000) * 100;
        line(
          'CPU per heartbeat (status post; policy and weeks pulled only when their revision moved)',
          `${fmt(perBeatMs, 2)} ms`,
          `${beats} heartbeats back to back`,
        );
        line('idle pusher at one heartbeat per 30 s', `${fmt(atRest, 4)} %`, `target < 0.05 % of a core: ${(0.05 / atRest).toFixed(1)}× under`);
      }
    } finally {
      store.close();
    }
  } finally {
    await server.stop();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU time of this process over `seconds` of wall time, as a share of one core (%). */
async function cpuShare(seconds: number): Promise<number> {
  const before = process.cpuUsage();
  const wall = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const used = process.cpuUsage(before);
  return ((used.user + used.system) / 1e6 / ((performance.now() - wall) / 1000)) * 100;
}

export async function benchSync(): Promise<void> {
  await drainMonth('sqlite', false);
  await drainMonth('postgres', true);
}

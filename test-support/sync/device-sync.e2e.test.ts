/*
 * Device sync for real (issue 13): `stint-server` and `stint track` as processes on loopback, a chaos proxy
 * between them (connections dropped before forwarding and halfway through answers, requests sent twice at
 * once, answers delayed and reordered), the server killed or stopped and started again 50 times while a
 * month of backlog is pushed, the recorder itself restarted twice, then a second device of the same rep.
 * After each: the server's per-rep, per-day totals equal the devices' to the second, every record arrived
 * exactly once, and the device database passes its integrity check. Every wait is on a condition.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerProcess } from '../../server/test-support/server-process';
import { createTestDb, DIALECTS, type TestDb } from '../../server/test-support/test-db';
import { runCli, runCliAsync } from '../run-cli';
import { TrackProcess, waitFor } from '../track-process';
import { skipWithoutXvfb, startXvfb, type XvfbSession } from '../xvfb';
import { ChaosProxy } from './chaos-proxy';
import { mulberry32, seedBacklog } from './seed-backlog';

const SERVER_BIN = fileURLToPath(new URL('../../bin/stint-server.js', import.meta.url));
const RESTARTS = 50;
const DAY = 86_400_000;
const REP = 'dense.rep@example.com';
/** A fast schedule for the pusher in `stint track`: retries within milliseconds, small batches, a busy heartbeat. */
const SYNC_ENV = { STINT_SYNC_RETRY_MS: '5,80', STINT_SYNC_BATCH: '10', STINT_SYNC_PUSH_DELAY_MS: '0', STINT_SYNC_STATUS_MS: '4000', TZ: 'UTC' };

function admin(db: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [SERVER_BIN, 'admin', ...args, '--db', db], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`stint-server admin ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface DayTotals {
  date: string;
  workedSeconds: number;
  breakSeconds: number;
  manualSeconds: number;
}

function deviceTotals(db: string, from: string, to: string): DayTotals[] {
  const r = runCli(['--db', db, 'timesheet', '--from', from, '--to', to, '--tz', 'UTC', '--json'], { TZ: 'UTC' });
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { days: DayTotals[] }).days.map(({ date, workedSeconds, breakSeconds, manualSeconds }) => ({
    date,
    workedSeconds,
    breakSeconds,
    manualSeconds,
  }));
}

function serverTotals(db: string, from: string, to: string): DayTotals[] {
  const r = spawnSync(process.execPath, [SERVER_BIN, 'report', 'hours', '--db', db, '--from', from, '--to', to, '--user', REP, '--json'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { reps: { days: DayTotals[] }[] }).reps[0]!.days;
}

/** Every closed record on a device: what must arrive, once. */
function deviceRecords(db: string): Set<string> {
  const d = new Database(db, { readonly: true });
  try {
    const uuids = d
      .prepare(
        `SELECT uuid FROM sessions WHERE open = 0 UNION ALL SELECT uuid FROM activity WHERE open = 0 UNION ALL SELECT uuid FROM idle WHERE open = 0
         UNION ALL SELECT uuid FROM corrections UNION ALL SELECT uuid FROM idle_choices UNION ALL SELECT uuid FROM calls UNION ALL SELECT uuid FROM call_reviews`,
      )
      .pluck()
      .all() as string[];
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    return new Set(uuids);
  } finally {
    d.close();
  }
}

/** What the server holds of the rep (one device's, or all), read through its own database layer: SQLite or PostgreSQL. */
async function serverRecords(target: TestDb, deviceId?: string): Promise<{ uuids: string[]; seqs: number[] }> {
  const server = await target.open();
  try {
    let q = server.db.selectFrom('records as r').innerJoin('users as u', 'u.id', 'r.user_id').select(['r.uuid', 'r.seq']).where('u.email', '=', REP);
    if (deviceId) q = q.where('r.device_id', '=', deviceId);
    const rows = await q.orderBy('r.seq').execute();
    return { uuids: rows.map((r) => r.uuid), seqs: rows.map((r) => Number(r.seq)) };
  } finally {
    await server.close();
  }
}

function outboxCount(db: string): number {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
  } finally {
    d.close();
  }
}

describe.skipIf(skipWithoutXvfb()).each(DIALECTS)('device sync between real processes through a misbehaving network (%s)', (dialect) => {
  let x: XvfbSession;
  let dir: string;
  let serverDb: TestDb;
  let proxy: ChaosProxy;
  let proxyUrl: string;
  let server: ServerProcess;
  const deviceA = () => join(dir, 'a.db');
  const deviceB = () => join(dir, 'b.db');
  let firstDay: number;
  let today: string;

  beforeAll(async () => {
    x = await startXvfb();
    dir = mkdtempSync(join(tmpdir(), 'stint-sync-e2e-'));
    serverDb = await createTestDb(dialect);
    admin(serverDb.target, 'create-user', '--email', REP, '--name', 'Dense Rep', '--role', 'rep', '--team', 'Inside');
    proxy = new ChaosProxy(mulberry32(13));
    proxyUrl = await proxy.listen();
    server = new ServerProcess(['--db', serverDb.target]);
    proxy.target = await server.url;
    today = isoDate(Date.now());
    firstDay = Date.parse(`${today}T00:00:00Z`) - 31 * DAY;
  });
  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
    await x?.stop();
    await serverDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `pushes a month of backlog while the server restarts ${RESTARTS} times and the proxy drops, doubles, delays and reorders`,
    { timeout: 300_000 },
    async () => {
      const seeded = seedBacklog(deviceA(), { firstDayMs: firstDay, days: 30, spansPerHour: 8, startHour: 8, seed: 1 });
      expect(seeded).toBeGreaterThan(RESTARTS * 10 * 2);
      const code = admin(serverDb.target, 'enrollment-code', '--email', REP).split('\n')[0]!;
      const enrolled = await runCliAsync(['--db', deviceA(), 'sync', 'enroll', '--server', proxyUrl, '--code', code], { TZ: 'UTC' });
      // The proxy may drop the enrollment itself: a person would run the command again, with a new code if it was used.
      if (enrolled.code !== 0) {
        proxy.chaos = false;
        const again = await runCliAsync([
          '--db',
          deviceA(),
          'sync',
          'enroll',
          '--server',
          proxyUrl,
          '--code',
          admin(serverDb.target, 'enrollment-code', '--email', REP).split('\n')[0]!,
        ]);
        expect(again.code, again.stderr).toBe(0);
        proxy.chaos = true;
      }
      expect(statSync(join(dir, 'a.sync.json')).mode & 0o777).toBe(0o600);
      const refused = await runCliAsync(['--db', deviceA(), 'sync', 'enroll', '--server', proxyUrl, '--code', 'AAAA-BBBB-CCCC']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/already enrolled to dense\.rep@example\.com.*stint sync leave/);

      const window = await x.openWindow({ netWmName: 'Pipeline | Salesforce', wmClass: ['crm', 'Google-chrome'] });
      const startTrack = async () => {
        const t = new TrackProcess(['--db', deviceA(), '--no-ui', '--poll', '0.5'], { ...x.env, ...SYNC_ENV });
        await t.waitForLine(/started recording/);
        return t;
      };
      let track = await startTrack();
      const device = new Database(deviceA(), { readonly: true });
      const ack = () => Number(device.prepare("SELECT value FROM meta WHERE key = 'sync_ack_seq'").pluck().get() ?? 0);
      try {
        for (let i = 0; i < RESTARTS; i++) {
          const before = ack();
          await waitFor(`a push acknowledged after restart ${i}`, () => (ack() > before ? true : undefined), 60_000);
          // Killed outright (mid-transaction, maybe) or stopped gracefully, in turn.
          if (i % 2 === 0) {
            server.child.kill('SIGKILL');
            await server.exited;
          } else await server.stop();
          proxy.target = null;
          if (i === 17 || i === 34) {
            // The recorder restarts too: the pusher resumes from what the database says was acknowledged.
            track.kill('SIGTERM');
            expect(await track.exited).toEqual({ code: 0, signal: null });
            track = await startTrack();
          }
          server = new ServerProcess(['--db', serverDb.target]);
          proxy.target = await server.url;
        }
        // `stint sync now` while the recorder runs goes through its command table: the recorder pushes, not the CLI.
        const now = await runCliAsync(['--db', deviceA(), 'sync', 'now', '--json'], { TZ: 'UTC' });
        expect(now.stderr).toBe('');
        expect((JSON.parse(now.stdout) as { via: string }).via).toBe('recorder');
        const running = JSON.parse((await runCliAsync(['--db', deviceA(), 'sync', 'status', '--json'])).stdout) as {
          recorderRunning: boolean;
          userEmail: string;
        };
        expect(running).toMatchObject({ recorderRunning: true, userEmail: REP });
        // What is left goes too, through the same chaos.
        await waitFor('the backlog drained', () => (outboxCount(deviceA()) === 0 ? true : undefined), 120_000);
      } finally {
        device.close();
        track.kill('SIGTERM');
        await track.exited;
        await x.destroyWindow(window);
      }
      // Stopping closed the live records: `stint sync now` (no recorder now) sends them, retried as a person would.
      for (let attempt = 0; attempt < 30 && outboxCount(deviceA()) > 0; attempt++) await runCliAsync(['--db', deviceA(), 'sync', 'now'], { TZ: 'UTC' });
      expect(outboxCount(deviceA())).toBe(0);
      expect(Object.values(proxy.counts).every((n) => n > 0)).toBe(true);

      const expected = deviceRecords(deviceA());
      const status = JSON.parse(runCli(['--db', deviceA(), 'sync', 'status', '--json']).stdout) as { deviceId: string; pending: number; lastPushMs: number };
      expect(status.pending).toBe(0);
      const held = await serverRecords(serverDb, status.deviceId);
      expect(held.uuids.length).toBe(expected.size);
      expect(new Set(held.uuids)).toEqual(expected);
      // Sequence numbers 1…n, each once: nothing skipped, nothing stored twice.
      expect(held.seqs).toEqual(Array.from({ length: expected.size }, (_, i) => i + 1));
      expect(serverTotals(serverDb.target, isoDate(firstDay), today)).toEqual(deviceTotals(deviceA(), isoDate(firstDay), today));
    },
  );

  it('adds a second device of the same rep: the server holds both, and its days are the sum of the two', { timeout: 120_000 }, async () => {
    // The same rep on a laptop, in the evenings and nights: records of its own, at other hours.
    seedBacklog(deviceB(), { firstDayMs: firstDay, days: 30, spansPerHour: 4, startHour: 19, seed: 2 });
    proxy.chaos = false;
    const code = admin(serverDb.target, 'enrollment-code', '--email', REP).split('\n')[0]!;
    const enrolled = await runCliAsync(['--db', deviceB(), 'sync', 'enroll', '--server', proxyUrl, '--code', code]);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    proxy.chaos = true;
    for (let attempt = 0; attempt < 60 && outboxCount(deviceB()) > 0; attempt++) await runCliAsync(['--db', deviceB(), 'sync', 'now'], { TZ: 'UTC' });
    expect(outboxCount(deviceB())).toBe(0);

    const a = deviceRecords(deviceA());
    const b = deviceRecords(deviceB());
    const all = await serverRecords(serverDb);
    expect(all.uuids.length).toBe(a.size + b.size);
    expect(new Set(all.uuids)).toEqual(new Set([...a, ...b]));
    const from = isoDate(firstDay);
    const laptop = deviceTotals(deviceB(), from, today);
    const sum = deviceTotals(deviceA(), from, today).map((day, i) => {
      const other = laptop[i]!;
      return {
        date: day.date,
        workedSeconds: day.workedSeconds + other.workedSeconds,
        breakSeconds: day.breakSeconds + other.breakSeconds,
        manualSeconds: day.manualSeconds + other.manualSeconds,
      };
    });
    expect(serverTotals(serverDb.target, from, today)).toEqual(sum);
  });
});

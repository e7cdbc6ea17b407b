/**
 * `npm run bench server`: the team server on PostgreSQL under its reps' steady load, and a dense month of
 * backlog from one device. The server runs as its own process (bin/stint-server.js) so its CPU is its
 * own; the load generator is plain fetch on loopback, open-loop at the real rate (each rep pushes a
 * minute of records and posts a status once a minute, at its own second of the minute).
 * STINT_BENCH_REPS (2000) and STINT_BENCH_SECONDS (60) scale it.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { hashSecret, newToken } from '../server/auth/secrets';
import { SYNC_SCHEMA_VERSION, type SyncRecord } from '../shared/sync/contract';
import { ServerProcess } from '../server/test-support/server-process';
import { createTestDb } from '../server/test-support/test-db';
import { fmt, line } from './measure';

const REPS = Number(process.env.STINT_BENCH_REPS ?? 2000);
const SECONDS = Number(process.env.STINT_BENCH_SECONDS ?? 60);
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

/** utime + stime of a process in seconds (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function minuteOfActivity(seq: number, startMs: number): SyncRecord {
  return { seq, uuid: `a-${seq}-${startMs}`, kind: 'activity', startMs, endMs: startMs + 60_000, timeZone: 'UTC', utcOffsetMin: 0, app: 'Chrome' };
}

async function post(url: string, token: string, body: unknown): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t };
}

export async function benchServer(): Promise<void> {
  const db = await createTestDb('postgres');
  const server = new ServerProcess(['--db', db.target, '--log-level', 'error']);
  try {
    const base = await server.url;
    // Reps and their devices straight in the store (enrollment over HTTP is limited per address, and the
    // load generator has one).
    const store = await db.open();
    const devices: { deviceId: string; token: string; seq: number }[] = [];
    for (let i = 0; i < REPS; i++) {
      const user = await store.db
        .insertInto('users')
        .values({ email: `rep${i}@example.com`, name: `Rep ${i}`, role: 'rep', password_hash: null, created_ms: T0, removed_ms: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const device = { deviceId: randomUUID(), token: newToken(), seq: 0 };
      await store.db
        .insertInto('devices')
        .values({
          id: device.deviceId,
          user_id: user.id,
          token_hash: hashSecret(device.token),
          created_ms: T0,
          revoked_ms: null,
          last_seen_ms: null,
          schema_version: SYNC_SCHEMA_VERSION,
          last_seq: 0,
        })
        .execute();
      devices.push(device);
    }
    await store.close();

    // Steady load: every rep once a minute, at its own offset.
    const pid = server.child.pid!;
    const cpu0 = cpuSeconds(pid);
    const start = performance.now();
    const latencies: number[] = [];
    const errors = new Map<number, number>();
    let sent = 0;
    const timers: Promise<void>[] = [];
    for (let round = 0; round * 60 < SECONDS; round++) {
      devices.forEach((d, i) => {
        const atMs = round * 60_000 + (i / devices.length) * 60_000;
        if (atMs >= SECONDS * 1000) return;
        timers.push(
          new Promise<void>((resolve) => setTimeout(resolve, atMs)).then(async () => {
            const seq = ++d.seq;
            const startMs = T0 + seq * 60_000;
            const results = await Promise.all([
              post(`${base}/api/sync/push`, d.token, { schemaVersion: SYNC_SCHEMA_VERSION, deviceId: d.deviceId, batch: [minuteOfActivity(seq, startMs)] }),
              post(`${base}/api/sync/status`, d.token, {
                deviceId: d.deviceId,
                atMs: startMs,
                clockedIn: true,
                onBreak: false,
                onCall: false,
                category: null,
                todayWorkedSeconds: seq * 60,
              }),
            ]);
            for (const r of results) {
              sent++;
              latencies.push(r.ms);
              if (r.status !== 200) errors.set(r.status, (errors.get(r.status) ?? 0) + 1);
            }
          }),
        );
      });
    }
    await Promise.all(timers);
    const wallS = (performance.now() - start) / 1000;
    const cpu = cpuSeconds(pid) - cpu0;
    latencies.sort((a, b) => a - b);
    line(`steady load: ${REPS} reps, push + status each per minute`, `${sent} requests`, `over ${fmt(wallS)} s`);
    line('  latency p50 / p99', `${fmt(percentile(latencies, 50))} / ${fmt(percentile(latencies, 99))} ms`, 'target p99 < 100 ms');
    line('  errors', String([...errors.values()].reduce((a, b) => a + b, 0)), `target 0 ${JSON.stringify(Object.fromEntries(errors))}`);
    line('  server CPU', `${fmt((cpu / wallS) * 100)} %`, 'of one core, averaged over the run');

    // A dense month of one device: 30 days × 10 h of minute-long activity, in batches of 1,000.
    const d = devices[0]!;
    const backlog: SyncRecord[] = [];
    for (let day = 0; day < 30; day++)
      for (let m = 0; m < 600; m++) backlog.push(minuteOfActivity(d.seq + backlog.length + 1, T0 + day * 86_400_000 + m * 60_000));
    const t = performance.now();
    for (let i = 0; i < backlog.length; i += 1000) {
      const res = await post(`${base}/api/sync/push`, d.token, { schemaVersion: SYNC_SCHEMA_VERSION, deviceId: d.deviceId, batch: backlog.slice(i, i + 1000) });
      if (res.status !== 200) throw new Error(`backlog push failed with ${res.status}`);
    }
    const s = (performance.now() - t) / 1000;
    line(`backlog: a dense month (${backlog.length} records)`, `${fmt(backlog.length / s, 0)} records/s`, `${fmt(s)} s in all`);
  } finally {
    await server.stop();
    await db.drop();
  }
}

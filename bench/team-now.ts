/**
 * `npm run bench team-now`: Team now for a team of 200 reps (STINT_BENCH_TEAM_REPS) on PostgreSQL and SQLite,
 * each rep with a workweek of synced records. Server time of the cold load (a fresh process: no cached
 * figures), of an update (10 reps pushed, the page refetches), and where the cold load's time goes.
 */
import { performance } from 'node:perf_hooks';
import { createUser } from '../server/admin';
import { buildApp, CSRF_HEADER } from '../server/http/app';
import { repToday, teamToday } from '../server/reports/team-now';
import { createServices } from '../server/services';
import { DEFAULT_POLICY } from '../shared/sync/contract';
import type { Dialect } from '../server/db/migrations/migration';
import { createTestDb } from '../server/test-support/test-db';
import { fmt, line } from './measure';
import { seedTeam } from '../server/test-support/team-seed';

const REPS = Number(process.env.STINT_BENCH_TEAM_REPS ?? 200);
const MONDAY = Date.UTC(2026, 2, 2);
const NOW = MONDAY + 4 * 86_400_000 + 14 * 3_600_000; // Friday 14:00 UTC

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

async function benchDialect(dialect: Dialect): Promise<void> {
  const testDb = await createTestDb(dialect);
  const store = await testDb.open();
  try {
    const reps = await seedTeam(store, { team: 'Bench', reps: REPS, fromDayMs: MONDAY, days: 5, nowMs: NOW });
    let clockMs = NOW;
    const services = createServices(store, () => clockMs);
    await createUser(services, { email: 'lead@example.com', name: 'Lead', role: 'manager', team: 'Bench', password: 'correct horse battery' });
    const login = async (app: Awaited<ReturnType<typeof buildApp>>) => {
      const res = await app.inject({ method: 'POST', url: '/api/login', payload: { email: 'lead@example.com', password: 'correct horse battery' } });
      const cookie = res.cookies.find((c) => c.name === 'stint_session')!;
      return { cookie: `stint_session=${cookie.value}`, [CSRF_HEADER]: (res.json() as { csrfToken: string }).csrfToken };
    };
    const app = await buildApp(services);
    const headers = await login(app);
    const get = async () => {
      const res = await app.inject({ method: 'GET', url: '/api/team/now', headers });
      if (res.statusCode !== 200) throw new Error(`team now: ${res.statusCode} ${res.body}`);
      return res.body.length;
    };
    const [bytes, coldMs] = await timed(get);
    line(`${dialect}: cold load, ${REPS} reps`, `${fmt(coldMs, 0)} ms`, `${fmt(bytes / 1024, 0)} KiB`);
    const [, warmMs] = await timed(get);
    line(`${dialect}: refetch, nothing changed`, `${fmt(warmMs, 0)} ms`);
    // 10 reps pushed one more minute of activity.
    const updates: number[] = [];
    for (let round = 0; round < 5; round++) {
      clockMs += 30_000;
      for (const rep of reps.slice(round * 10, round * 10 + 10)) {
        const seq = ++rep.seq;
        const r = {
          seq,
          uuid: `u-${rep.id}-${seq}`,
          kind: 'activity',
          startMs: clockMs - 60_000,
          endMs: clockMs,
          timeZone: 'UTC',
          utcOffsetMin: 0,
          app: 'Slack',
        };
        await store.db
          .insertInto('records')
          .values({
            user_id: rep.id,
            uuid: r.uuid,
            kind: 'activity',
            device_id: rep.deviceId,
            seq,
            start_ms: r.startMs,
            end_ms: r.endMs,
            ref_uuid: null,
            payload: JSON.stringify(r),
            received_ms: clockMs,
          })
          .execute();
        await store.db.updateTable('devices').set({ last_seq: seq }).where('id', '=', rep.deviceId).execute();
      }
      updates.push((await timed(get))[1]);
    }
    updates.sort((a, b) => a - b);
    line(`${dialect}: update (10 reps pushed), median of 5`, `${fmt(updates[2]!, 0)} ms`);
    await app.close();

    // Where the cold load goes: the same work per rep, one piece at a time.
    const users = await services.accounts.reps({ teamIds: null, userId: null });
    const [, batchMs] = await timed(() => teamToday(store.db, users, DEFAULT_POLICY, NOW, 'UTC'));
    const [, todayMs] = await timed(async () => {
      for (const u of users) await repToday(store.db, u, DEFAULT_POLICY, NOW, 'UTC');
    });
    const [, statusMs] = await timed(() => services.sync.statuses(users.map((u) => u.id)));
    line(`${dialect}:   figures of all reps, one batch`, `${fmt(batchMs, 0)} ms`, `${fmt(batchMs / users.length, 1)} ms/rep`);
    line(`${dialect}:   figures rep by rep (the old way)`, `${fmt(todayMs, 0)} ms`, `${fmt(todayMs / batchMs, 1)}x the batch`);
    line(`${dialect}:   latest statuses`, `${fmt(statusMs, 0)} ms`);
  } finally {
    await store.close();
    await testDb.drop();
  }
}

export async function benchTeamNow(): Promise<void> {
  for (const dialect of ['postgres', 'sqlite'] as const) await benchDialect(dialect);
}

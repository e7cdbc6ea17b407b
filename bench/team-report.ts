/**
 * `npm run bench team-report`: the team report over a quarter for 50 reps (STINT_BENCH_REPORT_REPS) on
 * PostgreSQL, each rep with a quarter of working days of synced records (activity in 2-minute spans,
 * 12 calls a day). Prints the server time of the report (target < 500 ms) and of one table's CSV.
 */
import { sql } from 'kysely';
import { performance } from 'node:perf_hooks';
import { teamReport, teamReportCsv } from '../server/reports/team-report';
import { rollupRows } from '../server/store/activity-rollup';
import { seedTeam } from '../server/test-support/team-seed';
import { createTestDb } from '../server/test-support/test-db';
import { DEFAULT_POLICY } from '../shared/sync/contract';
import { fmt, line } from './measure';

const REPS = Number(process.env.STINT_BENCH_REPORT_REPS ?? 50);
const Q1 = Date.UTC(2026, 0, 1);
const DAYS = 90;

export async function benchTeamReport(): Promise<void> {
  const testDb = await createTestDb('postgres');
  const store = await testDb.open();
  try {
    const t0 = performance.now();
    await seedTeam(store, { team: 'Q', reps: REPS, fromDayMs: Q1, days: DAYS, nowMs: Q1 + DAYS * 86_400_000, withStatus: false });
    const rows = Number(
      (
        await store.db
          .selectFrom('records')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    line(`seeded ${REPS} reps × a quarter`, `${rows.toLocaleString('en-US')} records`, `in ${fmt((performance.now() - t0) / 1000)} s`);
    await sql`ANALYZE`.execute(store.db);
    const reps = await store.db.selectFrom('users').select(['id', 'email', 'name']).execute();
    const times: number[] = [];
    let csvMs = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const report = await teamReport(store.db, reps, { from: '2026-01-01', to: '2026-03-31' }, DEFAULT_POLICY);
      times.push(performance.now() - t);
      const c = performance.now();
      teamReportCsv(report, 'apps');
      csvMs = performance.now() - c;
    }
    times.sort((a, b) => a - b);
    line(`postgres: team report, ${REPS} reps × a quarter, median of 5`, `${fmt(times[2]!, 0)} ms`, `min ${fmt(times[0]!, 0)} ms; target < 500 ms`);
    const ids = reps.map((r) => r.id);
    let t = performance.now();
    const sums = await rollupRows(store.db, ids, Math.floor(Q1 / 86_400_000) - 1, Math.floor(Q1 / 86_400_000) + DAYS + 1);
    line('  of which the activity rollup rows', `${fmt(performance.now() - t, 0)} ms`, `${sums.length.toLocaleString('en-US')} rows`);
    t = performance.now();
    const calls = await store.db.selectFrom('records').select(['user_id', 'payload']).where('user_id', 'in', ids).where('kind', '=', 'call').execute();
    line('  of which reading the calls', `${fmt(performance.now() - t, 0)} ms`, `${calls.length.toLocaleString('en-US')} calls`);
    line('  CSV of the apps table', `${fmt(csvMs, 1)} ms`);
    // Where PostgreSQL spends the two reads (the plans' first lines: the scan chosen, its rows and time).
    const fromMs = Q1 - 86_400_000;
    const toMs = Q1 + (DAYS + 1) * 86_400_000;
    const plans = {
      calls: await store.db
        .selectFrom('records')
        .select(['user_id', 'payload'])
        .where('user_id', 'in', ids)
        .where('kind', '=', 'call')
        .where('start_ms', '>=', fromMs)
        .where('start_ms', '<', toMs)
        .explain(undefined, sql`analyze, buffers`),
      rollup: await store.db
        .selectFrom('activity_days')
        .select(['user_id', 'day', 'app', 'title', 'url', 'ms'])
        .where('user_id', 'in', ids)
        .where('day', '>=', Math.floor(fromMs / 86_400_000))
        .where('day', '<=', Math.floor(toMs / 86_400_000))
        .explain(undefined, sql`analyze, buffers`),
    };
    for (const [name, plan] of Object.entries(plans)) {
      const text = plan.map((r) => String(Object.values(r)[0])).filter((l) => !/^\s*(Buffers|Planning|Recheck|Heap Blocks|Index Cond|Filter)/.test(l));
      console.log(`  EXPLAIN ANALYZE of the ${name} read:\n${text.map((l) => `    ${l}`).join('\n')}`);
    }
  } finally {
    await store.close();
    await testDb.drop();
  }
}

/**
 * `npm run bench payroll`: on PostgreSQL, a payroll export of 1,000 reps × 2 approved weeks (target < 2 s),
 * and the approval list of a team of 50 with a submitted week each (target < 300 ms server time, through
 * the HTTP app in-process: authentication, the queries and the JSON). STINT_BENCH_PAYROLL_REPS scales the first.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_EXPORT_OPTIONS, type ExportFormat } from '../shared/payroll/formats';
import { computeWeek, payRulesOf, timeRecordsFromSync } from '../shared/payroll/week';
import { DEFAULT_POLICY, type SyncRecord } from '../shared/sync/contract';
import { hashSecret, newToken } from '../server/auth/secrets';
import { buildApp } from '../server/http/app';
import { payrollExport } from '../server/payroll/export';
import { createServices } from '../server/services';
import { createTestDb } from '../server/test-support/test-db';
import { fmt, line } from './measure';

const REPS = Number(process.env.STINT_BENCH_PAYROLL_REPS ?? 1000);
const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
const WEEKS = ['2026-03-02', '2026-03-09'];

/** A plausible week: five days of 8–10 h starting 09:00 UTC. */
function weekOf(weekStart: string, i: number) {
  const records: SyncRecord[] = [];
  for (let d = 0; d < 5; d++) {
    const startMs = Date.parse(`${weekStart}T09:00:00Z`) + d * 86_400_000;
    records.push({
      seq: d + 1,
      uuid: `s${d}`,
      kind: 'session',
      sessionKind: 'work',
      source: 'recorded',
      startMs,
      endMs: startMs + (8 + ((i + d) % 3)) * 3600_000,
      timeZone: 'UTC',
      utcOffsetMin: 0,
    });
  }
  return computeWeek(
    timeRecordsFromSync(records.map((record) => ({ record, deviceId: 'd' }))),
    weekStart,
    payRulesOf({ ...DEFAULT_POLICY, overtimeRules: 'flsa' }),
    T0,
    'UTC',
  );
}

export async function benchPayroll(): Promise<void> {
  const db = await createTestDb('postgres');
  const store = await db.open();
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    const team = await store.db.insertInto('teams').values({ name: 'Big', created_ms: T0 }).returning('id').executeTakeFirstOrThrow();
    const ids: number[] = [];
    for (let i = 0; i < REPS; i += 500) {
      const rows = await store.db
        .insertInto('users')
        .values(
          Array.from({ length: Math.min(500, REPS - i) }, (_, k) => ({
            email: `rep${i + k}@example.com`,
            name: `Rep ${i + k}`,
            role: 'rep' as const,
            password_hash: null,
            created_ms: T0,
            removed_ms: null,
          })),
        )
        .returning('id')
        .execute();
      ids.push(...rows.map((r) => r.id));
    }
    const figures = WEEKS.map((w) => [0, 1, 2].map((i) => JSON.stringify(weekOf(w, i))));
    for (let i = 0; i < ids.length; i += 250) {
      const chunk = ids.slice(i, i + 250);
      await store.db
        .insertInto('team_members')
        .values(chunk.map((id) => ({ team_id: team.id, user_id: id })))
        .execute();
      await store.db
        .insertInto('pay_profiles')
        .values(
          chunk.map((id) => ({
            user_id: id,
            body: JSON.stringify({
              payType: 'hourly',
              regularRateCents: 2500,
              overtimeMultiplier: 1.5,
              doubleTimeMultiplier: 2,
              adpFileNumber: String(id).padStart(6, '0'),
              gustoEmployeeId: null,
              gustoEmail: null,
              quickbooksName: `Rep ${id}`,
              paychexWorkerId: `W${id}`,
            }),
            updated_ms: T0,
            updated_by: null,
          })),
        )
        .execute();
      await store.db
        .insertInto('timesheet_weeks')
        .values(
          chunk.flatMap((id) =>
            WEEKS.map((w, wi) => {
              const f = figures[wi]![id % 3]!;
              return {
                user_id: id,
                week_start: w,
                status: 'approved' as const,
                submitted_figures: f,
                approved_figures: f,
                current_figures: f,
                policy_version: 0,
                submitted_ms: T0,
                submitted_device: null,
                decided_ms: T0,
                decided_by: null,
                comment: null,
                updated_ms: T0,
              };
            }),
          ),
        )
        .execute();
    }
    const services = createServices(store, () => T0);
    const options = { ...DEFAULT_EXPORT_OPTIONS, adp: { coCode: 'WXY', batchId: 'B1', doubleTimeCode: 'D' } };
    for (const format of ['csv', 'adp', 'iif'] as ExportFormat[]) {
      const times: number[] = [];
      for (let run = 0; run < 4; run++) {
        const t = performance.now();
        const result = await payrollExport(
          services,
          { from: WEEKS[0]!, to: '2026-03-15', format, teamIds: null, options, partial: false, actorUserId: null },
          T0,
        );
        if (run > 0) times.push(performance.now() - t); // the first run warms the JIT and the pool
        if (!result.ok || result.employees !== REPS)
          throw new Error(`the ${format} export did not cover every rep: ${JSON.stringify(result.problems.slice(0, 3))}`);
      }
      times.sort((a, b) => a - b);
      line(
        `payroll export ${format}: ${REPS} reps × 2 weeks`,
        `${fmt(times[1]! / 1000, 2)} s`,
        `median of 3 (min ${fmt(times[0]! / 1000, 2)} s); target < 2 s`,
      );
    }

    // The approval page: a team of 50, each with a submitted week.
    const small = await store.db.insertInto('teams').values({ name: 'Fifty', created_ms: T0 }).returning('id').executeTakeFirstOrThrow();
    const manager = await store.db
      .insertInto('users')
      .values({ email: 'boss@example.com', name: 'Boss', role: 'manager', password_hash: null, created_ms: T0, removed_ms: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db.insertInto('team_managers').values({ team_id: small.id, user_id: manager.id }).execute();
    const fifty = ids.slice(0, 50);
    await store.db
      .insertInto('team_members')
      .values(fifty.map((id) => ({ team_id: small.id, user_id: id })))
      .execute();
    await store.db
      .updateTable('timesheet_weeks')
      .set({ status: 'submitted', approved_figures: null })
      .where('user_id', 'in', fifty)
      .where('week_start', '=', WEEKS[1]!)
      .execute();
    const built = await buildApp(services);
    app = built;
    const token = newToken();
    await services.accounts.createSession({ tokenHash: hashSecret(token), userId: manager.id, csrfToken: 'x', nowMs: T0, expiresMs: T0 + 3600_000 });
    const times: number[] = [];
    for (let run = 0; run < 11; run++) {
      const t = performance.now();
      const res = await built.inject({ method: 'GET', url: `/api/approvals?week=${WEEKS[1]}&team=Fifty`, headers: { cookie: `stint_session=${token}` } });
      times.push(performance.now() - t);
      if (res.statusCode !== 200 || (res.json() as { weeks: unknown[] }).weeks.length !== 50)
        throw new Error(`approval list failed: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    times.sort((a, b) => a - b);
    line('approval list: a team of 50, a week each', `${fmt(times[5]!)} ms`, `median of 11 (p max ${fmt(times[10]!)} ms); target < 300 ms`);
  } finally {
    // Every connection closed before the database goes, even when a step threw: the app, then the pool.
    try {
      await app?.close();
      await store.close();
    } finally {
      await db.drop();
    }
  }
}

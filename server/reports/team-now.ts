/**
 * A rep's figures for their local today from the synced records, with the device's shared code: worked
 * time through hoursReport (shared/timesheet), productivity through the shared categorizer and ratings,
 * answered calls and AHT through shared/calls/call-metrics. Figures change only when the rep's devices
 * push, so they are cached per rep under a key of the rep's record version and day.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import { callMetrics } from '../../shared/calls/call-metrics';
import { countedSyncedCalls, syncedReviews, type SyncedCall } from '../../shared/calls/counted-calls';
import { SYNC_RECORD_SCHEMA, type Policy } from '../../shared/sync/contract';
import type { RepToday } from '../../shared/team/team-api';
import { localDate, localDayBounds } from '../../shared/timesheet/local-time';
import type { ServerDatabase } from '../db/schema';
import { hoursOf, hoursWindow, timeRecordsOfMany } from './hours';
import { categorizersOf } from './team-report';

type Rep = { id: number; email: string; name: string; team: string | null };

/**
 * Each rep's zone: that of their latest session or activity, else the server's fallback zone. One query:
 * a correlated "latest of this kind" per rep walks the (user, kind, start) index backwards.
 */
export async function zonesOf(db: Kysely<ServerDatabase>, userIds: readonly number[], fallback: string): Promise<Map<number, string>> {
  const latest = (kind: 'session' | 'activity', eb: ExpressionBuilder<ServerDatabase & { u: ServerDatabase['users'] }, 'u'>) =>
    eb.selectFrom('records as r').select('r.payload').whereRef('r.user_id', '=', 'u.id').where('r.kind', '=', kind).orderBy('r.start_ms', 'desc').limit(1);
  const rows = await db
    .selectFrom('users as u')
    .select((eb) => ['u.id', latest('session', eb).as('s'), latest('activity', eb).as('a')])
    .where('u.id', 'in', userIds.length > 0 ? [...userIds] : [-1])
    .execute();
  const out = new Map<number, string>(userIds.map((id) => [id, fallback]));
  for (const row of rows) {
    let best: { startMs: number; timeZone: string } | null = null;
    for (const payload of [row.s, row.a]) {
      if (typeof payload !== 'string') continue;
      const r = SYNC_RECORD_SCHEMA.safeParse(JSON.parse(payload));
      if (r.success && 'timeZone' in r.data && r.data.startMs !== null && (!best || r.data.startMs > best.startMs))
        best = { startMs: r.data.startMs, timeZone: r.data.timeZone };
    }
    if (best) out.set(row.id, best.timeZone);
  }
  return out;
}

export async function repToday(db: Kysely<ServerDatabase>, rep: Rep, policy: Policy, nowMs: number, fallbackTimeZone: string): Promise<RepToday> {
  return (await teamToday(db, [rep], policy, nowMs, fallbackTimeZone)).get(rep.id)!;
}

/**
 * Today's figures of many reps in a fixed number of queries (zones, time records, activity and calls),
 * each rep's day in their own zone.
 */
export async function teamToday(
  db: Kysely<ServerDatabase>,
  reps: readonly Rep[],
  policy: Policy,
  nowMs: number,
  fallbackTimeZone: string,
): Promise<Map<number, RepToday>> {
  const out = new Map<number, RepToday>();
  if (reps.length === 0) return out;
  const ids = reps.map((r) => r.id);
  const zones = await zonesOf(db, ids, fallbackTimeZone);
  const days = new Map(
    reps.map((rep) => {
      const timeZone = zones.get(rep.id)!;
      const date = localDate(nowMs, timeZone);
      return [rep.id, { timeZone, date, ...localDayBounds(date, timeZone) }];
    }),
  );
  const all = [...days.values()];
  const dates = all.map((d) => d.date).sort();
  const window = hoursWindow({ from: dates[0]!, to: dates[dates.length - 1]! }, policy);
  const [records, rows, catOf] = await Promise.all([
    timeRecordsOfMany(db, ids, window.fromMs, window.toMs),
    db
      .selectFrom('records')
      .select(['user_id', 'kind', 'payload'])
      .where('user_id', 'in', ids)
      .where('kind', 'in', ['activity', 'call', 'call-review'])
      .where('start_ms', '<', Math.max(...all.map((d) => d.endMs)))
      .where('end_ms', '>', Math.min(...all.map((d) => d.startMs)))
      .execute(),
    // Productivity as the team report and the rep's device rate it: the rep's team policy's rules and ratings.
    categorizersOf(db, reps, policy),
  ]);
  const rowsOf = new Map<number, { kind: string; payload: string }[]>(ids.map((id) => [id, []]));
  for (const row of rows) rowsOf.get(row.user_id)?.push(row);
  for (const rep of reps) {
    const { cat } = catOf.get(rep.id)!;
    const { timeZone, date, startMs, endMs } = days.get(rep.id)!;
    const hours = hoursOf(rep, records.get(rep.id)!, { from: date, to: date }, policy, nowMs, timeZone);
    let activeMs = 0;
    let productiveMs = 0;
    const calls: SyncedCall[] = [];
    const reviews: { data: unknown }[] = [];
    for (const row of rowsOf.get(rep.id)!) {
      const parsed = SYNC_RECORD_SCHEMA.safeParse(JSON.parse(row.payload));
      if (!parsed.success) continue;
      const r = parsed.data;
      if (r.kind === 'activity') {
        const ms = Math.min(r.endMs, endMs) - Math.max(r.startMs, startMs);
        if (ms <= 0) continue;
        activeMs += ms;
        if (cat.categorize({ app: r.app, title: r.title ?? '', url: r.url }).rating === 'productive') productiveMs += ms;
      } else if (r.kind === 'call' && r.startMs >= startMs && r.startMs < endMs) {
        calls.push(r);
      } else if (r.kind === 'call-review') {
        reviews.push(r);
      }
    }
    // Counted as the device counts them (a detection counts once confirmed).
    const m = callMetrics(countedSyncedCalls(calls, syncedReviews(reviews)));
    out.set(rep.id, {
      date,
      timeZone,
      recordedWorkedSeconds: hours.days[0]?.workedSeconds ?? 0,
      activeSeconds: Math.round(activeMs / 1000),
      productiveSeconds: Math.round(productiveMs / 1000),
      productivity: activeMs > 0 ? productiveMs / activeMs : null,
      calls: m.calls,
      answeredCalls: m.answered,
      ahtSeconds: m.ahtSeconds,
    });
  }
  return out;
}

/** Today's figures per rep, recomputed only for reps whose records or day changed since last time. */
export class RepTodayCache {
  private readonly entries = new Map<number, { key: string; value: RepToday }>();
  private static readonly MAX = 20_000;
  /** Reps per query: well under SQLite's and PostgreSQL's bound parameters, and a bounded result. */
  private static readonly BATCH = 250;

  /** Figures of these reps (under their record versions): the missing or stale ones computed together. */
  async getMany(
    db: Kysely<ServerDatabase>,
    reps: readonly Rep[],
    versions: ReadonlyMap<number, number>,
    policy: Policy,
    policyVersion: number,
    nowMs: number,
    fallbackTimeZone: string,
  ): Promise<Map<number, RepToday>> {
    // Synced records are closed, so only a push, a policy change or a new day (in the zone last seen) changes the figures.
    const keyOf = (rep: Rep, date: string) => `${versions.get(rep.id) ?? 0}|${policyVersion}|${date}`;
    const out = new Map<number, RepToday>();
    const stale: Rep[] = [];
    for (const rep of reps) {
      const hit = this.entries.get(rep.id);
      if (hit && hit.key === keyOf(rep, localDate(nowMs, hit.value.timeZone))) out.set(rep.id, hit.value);
      else stale.push(rep);
    }
    for (let i = 0; i < stale.length; i += RepTodayCache.BATCH) {
      const chunk = stale.slice(i, i + RepTodayCache.BATCH);
      const fresh = await teamToday(db, chunk, policy, nowMs, fallbackTimeZone);
      if (this.entries.size + chunk.length > RepTodayCache.MAX) this.entries.clear();
      for (const rep of chunk) {
        const value = fresh.get(rep.id)!;
        this.entries.set(rep.id, { key: keyOf(rep, value.date), value });
        out.set(rep.id, value);
      }
    }
    return out;
  }
}

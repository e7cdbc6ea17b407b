/**
 * A rep's figures for their local today from the synced records, with the device's shared code: worked
 * time through hoursReport (shared/timesheet), productivity through the shared categorizer and ratings,
 * answered calls and AHT through shared/calls/call-metrics. Figures change only when the rep's devices
 * push, so they are cached per rep under a key of the rep's record version and day.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { callMetrics } from '../../shared/calls/call-metrics';
import type { CallTimes } from '../../shared/calls/types';
import { compileRules, DEFAULT_RATINGS, DEFAULT_RULES, type Categorizer } from '../../shared/categories';
import { SYNC_RECORD_SCHEMA, type Policy } from '../../shared/sync/contract';
import type { RepToday } from '../../shared/team/team-api';
import { localDate, localDayBounds } from '../../shared/timesheet/local-time';
import type { ServerDatabase } from '../db/schema';
import { hoursReport } from './hours';

/** The part of a synced call's data the metrics read; a call without it counts as unanswered. */
const CALL_DATA_SCHEMA = z.object({
  answered: z.boolean(),
  talkMs: z.number().min(0),
  holdMs: z.number().min(0),
  wrapMs: z.number().min(0),
});

let categorizer: Categorizer | null = null;
const defaultCategorizer = (): Categorizer => (categorizer ??= compileRules(DEFAULT_RULES, DEFAULT_RATINGS));

/** The rep's zone: that of their latest record that has one, else the server's fallback zone. */
async function zoneOf(db: Kysely<ServerDatabase>, userId: number, fallback: string): Promise<string> {
  const row = await db
    .selectFrom('records')
    .select('payload')
    .where('user_id', '=', userId)
    .where('kind', 'in', ['session', 'activity'])
    .orderBy('start_ms', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return fallback;
  const r = SYNC_RECORD_SCHEMA.safeParse(JSON.parse(row.payload));
  return r.success && 'timeZone' in r.data ? r.data.timeZone : fallback;
}

export async function repToday(
  db: Kysely<ServerDatabase>,
  rep: { id: number; email: string; name: string; team: string | null },
  policy: Policy,
  nowMs: number,
  fallbackTimeZone: string,
): Promise<RepToday> {
  const timeZone = await zoneOf(db, rep.id, fallbackTimeZone);
  const date = localDate(nowMs, timeZone);
  const { startMs, endMs } = localDayBounds(date, timeZone);
  const [hours] = await hoursReport(db, [rep], { from: date, to: date }, policy, nowMs, timeZone);
  const rows = await db
    .selectFrom('records')
    .select(['kind', 'payload'])
    .where('user_id', '=', rep.id)
    .where('kind', 'in', ['activity', 'call'])
    .where('start_ms', '<', endMs)
    .where('end_ms', '>', startMs)
    .execute();
  const cat = defaultCategorizer();
  let activeMs = 0;
  let productiveMs = 0;
  const calls: CallTimes[] = [];
  for (const row of rows) {
    const parsed = SYNC_RECORD_SCHEMA.safeParse(JSON.parse(row.payload));
    if (!parsed.success) continue;
    const r = parsed.data;
    if (r.kind === 'activity') {
      const ms = Math.min(r.endMs, endMs) - Math.max(r.startMs, startMs);
      if (ms <= 0) continue;
      activeMs += ms;
      if (cat.categorize({ app: r.app, title: r.title ?? '', url: r.url }).rating === 'productive') productiveMs += ms;
    } else if (r.kind === 'call' && r.startMs >= startMs) {
      const data = CALL_DATA_SCHEMA.safeParse(r.data);
      calls.push(data.success ? { startMs: r.startMs, ...data.data } : { startMs: r.startMs, answered: false, talkMs: 0, holdMs: 0, wrapMs: 0 });
    }
  }
  const m = callMetrics(calls);
  return {
    date,
    timeZone,
    recordedWorkedSeconds: hours?.days[0]?.workedSeconds ?? 0,
    activeSeconds: Math.round(activeMs / 1000),
    productiveSeconds: Math.round(productiveMs / 1000),
    productivity: activeMs > 0 ? productiveMs / activeMs : null,
    calls: m.calls,
    answeredCalls: m.answered,
    ahtSeconds: m.ahtSeconds,
  };
}

/** Today's figures per rep, recomputed only for reps whose records or day changed since last time. */
export class RepTodayCache {
  private readonly entries = new Map<number, { key: string; value: RepToday }>();
  private static readonly MAX = 20_000;

  async get(
    db: Kysely<ServerDatabase>,
    rep: { id: number; email: string; name: string; team: string | null },
    recordVersion: number,
    policy: Policy,
    policyVersion: number,
    nowMs: number,
    fallbackTimeZone: string,
  ): Promise<RepToday> {
    const hit = this.entries.get(rep.id);
    // The day in the zone last seen: when it rolls over, the key changes and the figures are recomputed.
    const day = hit ? localDate(nowMs, hit.value.timeZone) : '';
    // Synced records are closed, so only a push, a policy change or a new day changes the figures.
    const key = `${recordVersion}|${policyVersion}|${day}`;
    if (hit && hit.key === key) return hit.value;
    const value = await repToday(db, rep, policy, nowMs, fallbackTimeZone);
    if (this.entries.size >= RepTodayCache.MAX) this.entries.clear();
    this.entries.set(rep.id, { key: `${recordVersion}|${policyVersion}|${value.date}`, value });
    return value;
  }
}

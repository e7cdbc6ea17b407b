/**
 * Activity summed per rep, local day and window (app, title, url), kept as records arrive: the team report
 * over a quarter reads these few rows instead of every synced span (close to a million for 50 reps).
 * A span counts whole on the local day it starts, in the zone the device recorded it in.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';

const DAY_MS = 86_400_000;

export interface RollupSpan {
  userId: number;
  startMs: number;
  endMs: number;
  utcOffsetMin: number;
  app: string;
  title: string | null;
  url: string | null;
}

/** Adds spans to the rollup (in the caller's transaction), summed first so one statement touches a key once. */
export async function addToRollup(db: Kysely<ServerDatabase>, spans: readonly RollupSpan[]): Promise<void> {
  const sums = new Map<string, ServerDatabase['activity_days']>();
  for (const s of spans) {
    const day = Math.floor((s.startMs + s.utcOffsetMin * 60_000) / DAY_MS);
    const windowKey = createHash('sha256')
      .update(JSON.stringify([s.app, s.title, s.url]))
      .digest('hex')
      .slice(0, 32);
    const key = `${s.userId}|${day}|${windowKey}`;
    const seen = sums.get(key);
    if (seen) seen.ms += s.endMs - s.startMs;
    else sums.set(key, { user_id: s.userId, day, window_key: windowKey, app: s.app, title: s.title, url: s.url, ms: s.endMs - s.startMs });
  }
  const rows = [...sums.values()];
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('activity_days')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['user_id', 'day', 'window_key']).doUpdateSet((eb) => ({ ms: eb('activity_days.ms', '+', eb.ref('excluded.ms')) })))
      .execute();
  }
}

export function rollupSpanOf(userId: number, payload: string): RollupSpan | null {
  const r = JSON.parse(payload) as {
    kind?: unknown;
    startMs?: unknown;
    endMs?: unknown;
    utcOffsetMin?: unknown;
    app?: unknown;
    title?: unknown;
    url?: unknown;
  };
  if (r.kind !== 'activity' || typeof r.startMs !== 'number' || typeof r.endMs !== 'number' || typeof r.app !== 'string') return null;
  return {
    userId,
    startMs: r.startMs,
    endMs: r.endMs,
    utcOffsetMin: typeof r.utcOffsetMin === 'number' ? r.utcOffsetMin : 0,
    app: r.app,
    title: typeof r.title === 'string' ? r.title : null,
    url: typeof r.url === 'string' ? r.url : null,
  };
}

/** The rollup rows of these reps over [fromDay, toDay] (days since the epoch). */
export function rollupRows(db: Kysely<ServerDatabase>, userIds: readonly number[], fromDay: number, toDay: number) {
  return db
    .selectFrom('activity_days')
    .select(['user_id', 'day', 'app', 'title', 'url', 'ms'])
    .where('user_id', 'in', userIds.length > 0 ? [...userIds] : [-1])
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .execute();
}

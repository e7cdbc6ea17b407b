/**
 * Fixed-window counters in the database, so every server process behind a load balancer counts the same
 * attempts. One upsert per hit; the answer is the count including this hit.
 */
import { sql, type Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';

export async function hit(db: Kysely<ServerDatabase>, key: string, nowMs: number, windowMs: number): Promise<number> {
  const windowStart = nowMs - (nowMs % windowMs);
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start_ms: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start_ms']).doUpdateSet({ count: sql<number>`rate_limits.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

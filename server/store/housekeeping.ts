import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';

/** Rate-limit windows this old are over for every limit the server keeps. */
export const RATE_LIMIT_KEEP_MS = 24 * 3600_000;

/** Deletes expired sessions, used-up or expired enrollment codes and finished rate-limit windows. Never needed for correctness. */
export async function pruneExpired(db: Kysely<ServerDatabase>, nowMs: number): Promise<void> {
  await db.deleteFrom('sessions').where('expires_ms', '<=', nowMs).execute();
  await db.deleteFrom('enrollment_codes').where('expires_ms', '<=', nowMs).execute();
  await db
    .deleteFrom('rate_limits')
    .where('window_start_ms', '<', nowMs - RATE_LIMIT_KEEP_MS)
    .execute();
}

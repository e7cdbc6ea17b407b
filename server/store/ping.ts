import { sql, type Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';

/** The readiness probe's query: throws when the database does not answer. */
export async function ping(db: Kysely<ServerDatabase>): Promise<void> {
  await sql`select 1`.execute(db);
}

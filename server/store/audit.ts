import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';

/** One line of the audit log: who did what to what, with the details (before/after) as JSON. */
export async function audit(
  db: Kysely<ServerDatabase>,
  entry: { atMs: number; actorUserId: number | null; action: string; subject: string; detail: unknown },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ at_ms: entry.atMs, actor_user_id: entry.actorUserId, action: entry.action, subject: entry.subject, detail: JSON.stringify(entry.detail) })
    .execute();
}

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

export interface AuditEntry {
  id: number;
  atMs: number;
  /** The actor's email; null for the server itself or an admin command run without --as. */
  actor: string | null;
  action: string;
  subject: string;
  detail: unknown;
}

/**
 * The log from fromMs to toMs (exclusive), oldest first, optionally of some actions only (a prefix such as
 * `week.`) and of one user only: what they did, or what was done to them (subjects `user:ID` and `user:ID:…`).
 */
export async function auditEntries(
  db: Kysely<ServerDatabase>,
  filter: { fromMs: number; toMs: number; actionPrefix: string | null; userId?: number | null; limit: number },
): Promise<AuditEntry[]> {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(['a.id', 'a.at_ms', 'u.email', 'a.action', 'a.subject', 'a.detail'])
    .where('a.at_ms', '>=', filter.fromMs)
    .where('a.at_ms', '<', filter.toMs);
  if (filter.actionPrefix !== null) q = q.where('a.action', '>=', filter.actionPrefix).where('a.action', '<', `${filter.actionPrefix}\uffff`);
  const userId = filter.userId ?? null;
  if (userId !== null) {
    const subject = `user:${userId}`;
    q = q.where((eb) =>
      eb.or([
        eb('a.actor_user_id', '=', userId),
        eb('a.subject', '=', subject),
        eb.and([eb('a.subject', '>=', `${subject}:`), eb('a.subject', '<', `${subject}:\uffff`)]),
      ]),
    );
  }
  const rows = await q.orderBy('a.at_ms').orderBy('a.id').limit(filter.limit).execute();
  return rows.map((r) => ({ id: r.id, atMs: r.at_ms, actor: r.email, action: r.action, subject: r.subject, detail: JSON.parse(r.detail) as unknown }));
}

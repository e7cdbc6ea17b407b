/** Versioned policies: every change is a new row; the highest version of a scope is the one in force. */
import type { Kysely } from 'kysely';
import { DEFAULT_POLICY, POLICY_SCHEMA, type Policy } from '../../shared/sync/contract';
import type { ServerDatabase } from '../db/schema';
import { audit } from './audit';

export interface VersionedPolicy {
  version: number;
  teamId: number | null;
  policy: Policy;
}

export class PolicyStore {
  constructor(private readonly db: Kysely<ServerDatabase>) {}

  /** The policy in force for a scope (a team's own, else the org's, else the default at version 0). */
  async current(teamId: number | null): Promise<VersionedPolicy> {
    const scopes = teamId === null ? [null] : [teamId, null];
    for (const scope of scopes) {
      let q = this.db.selectFrom('policies').select(['version', 'body', 'team_id']);
      q = scope === null ? q.where('team_id', 'is', null) : q.where('team_id', '=', scope);
      const row = await q.orderBy('version', 'desc').limit(1).executeTakeFirst();
      if (row) return { version: row.version, teamId: row.team_id, policy: POLICY_SCHEMA.parse(JSON.parse(row.body)) };
    }
    return { version: 0, teamId: null, policy: DEFAULT_POLICY };
  }

  /** A number that grows with every change of any scope's policy (each change adds a row): a cache key for figures that use the policies. */
  async revision(): Promise<number> {
    const row = await this.db
      .selectFrom('policies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Saves a new version of a scope's policy and audits the change with the policy before and after. */
  async put(teamId: number | null, policy: Policy, actorUserId: number, nowMs: number): Promise<VersionedPolicy> {
    return this.db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('policies').select(['version', 'body']);
      q = teamId === null ? q.where('team_id', 'is', null) : q.where('team_id', '=', teamId);
      const before = await q.orderBy('version', 'desc').limit(1).executeTakeFirst();
      const version = (before?.version ?? 0) + 1;
      await trx
        .insertInto('policies')
        .values({ team_id: teamId, version, body: JSON.stringify(policy), created_ms: nowMs, created_by: actorUserId })
        .execute();
      await audit(trx, {
        atMs: nowMs,
        actorUserId,
        action: 'policy.put',
        subject: teamId === null ? 'org' : `team:${teamId}`,
        detail: { version, before: before ? JSON.parse(before.body) : null, after: policy },
      });
      return { version, teamId, policy };
    });
  }
}

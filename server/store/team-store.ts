/** What the manager's and admin's web app lists: users, teams, devices, policy history, live-status changes. */
import type { Kysely } from 'kysely';
import type { Role, ServerDatabase } from '../db/schema';

export class TeamStore {
  constructor(private readonly db: Kysely<ServerDatabase>) {}

  async users(): Promise<
    { id: number; email: string; name: string; role: Role; createdMs: number; hasPassword: boolean; teams: string[]; manages: string[] }[]
  > {
    const [users, members, managers] = await Promise.all([
      this.db
        .selectFrom('users')
        .select(['id', 'email', 'name', 'role', 'created_ms', 'password_hash'])
        .where('removed_ms', 'is', null)
        .orderBy('email')
        .execute(),
      this.db.selectFrom('team_members').innerJoin('teams', 'teams.id', 'team_members.team_id').select(['team_members.user_id', 'teams.name']).execute(),
      this.db.selectFrom('team_managers').innerJoin('teams', 'teams.id', 'team_managers.team_id').select(['team_managers.user_id', 'teams.name']).execute(),
    ]);
    const group = (rows: { user_id: number; name: string }[]) => {
      const map = new Map<number, string[]>();
      for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.name]);
      return map;
    };
    const teamsOf = group(members);
    const managesOf = group(managers);
    return users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      createdMs: u.created_ms,
      hasPassword: u.password_hash !== null,
      teams: (teamsOf.get(u.id) ?? []).sort(),
      manages: (managesOf.get(u.id) ?? []).sort(),
    }));
  }

  /** Teams (all, or only these ids) with their managers' emails and how many active reps they have. */
  async teams(ids: number[] | null): Promise<{ id: number; name: string; createdMs: number; managers: string[]; reps: number }[]> {
    let q = this.db.selectFrom('teams').select(['id', 'name', 'created_ms']);
    if (ids !== null) q = q.where('id', 'in', ids.length > 0 ? ids : [-1]);
    const teams = await q.orderBy('name').execute();
    const managers = await this.db
      .selectFrom('team_managers')
      .innerJoin('users', 'users.id', 'team_managers.user_id')
      .select(['team_managers.team_id', 'users.email'])
      .where('users.removed_ms', 'is', null)
      .execute();
    const reps = await this.db
      .selectFrom('team_members')
      .innerJoin('users', 'users.id', 'team_members.user_id')
      .select(['team_members.team_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('users.removed_ms', 'is', null)
      .where('users.role', '=', 'rep')
      .groupBy('team_members.team_id')
      .execute();
    return teams.map((t) => ({
      id: t.id,
      name: t.name,
      createdMs: t.created_ms,
      managers: managers
        .filter((m) => m.team_id === t.id)
        .map((m) => m.email)
        .sort(),
      reps: Number(reps.find((r) => r.team_id === t.id)?.n ?? 0),
    }));
  }

  /** Creates a team; false when the name is taken. */
  async createTeam(name: string, nowMs: number): Promise<{ id: number; name: string } | null> {
    return this.db.transaction().execute(async (trx) => {
      if (await trx.selectFrom('teams').select('id').where('name', '=', name).executeTakeFirst()) return null;
      return trx.insertInto('teams').values({ name, created_ms: nowMs }).returning(['id', 'name']).executeTakeFirstOrThrow();
    });
  }

  /** Adds a user to a team as a member or a manager; idempotent. */
  async addToTeam(teamId: number, userId: number, as: 'member' | 'manager'): Promise<void> {
    const table = as === 'manager' ? 'team_managers' : 'team_members';
    await this.db.transaction().execute(async (trx) => {
      const has = await trx.selectFrom(table).select('user_id').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
      if (!has) await trx.insertInto(table).values({ team_id: teamId, user_id: userId }).execute();
    });
  }

  async removeFromTeam(teamId: number, userId: number): Promise<boolean> {
    const a = await this.db.deleteFrom('team_members').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
    const b = await this.db.deleteFrom('team_managers').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
    return Number(a.numDeletedRows) + Number(b.numDeletedRows) > 0;
  }

  async teamById(id: number): Promise<{ id: number; name: string } | undefined> {
    return this.db.selectFrom('teams').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  }

  /** Devices of the given users (null: everyone's), newest first. */
  async devices(
    userIds: number[] | null,
  ): Promise<
    { id: string; userId: number; email: string; name: string; createdMs: number; lastSeenMs: number | null; revokedMs: number | null; lastSeq: number }[]
  > {
    let q = this.db
      .selectFrom('devices')
      .innerJoin('users', 'users.id', 'devices.user_id')
      .select([
        'devices.id',
        'devices.user_id as userId',
        'users.email',
        'users.name',
        'devices.created_ms as createdMs',
        'devices.last_seen_ms as lastSeenMs',
        'devices.revoked_ms as revokedMs',
        'devices.last_seq as lastSeq',
      ])
      .where('users.removed_ms', 'is', null);
    if (userIds !== null) q = q.where('devices.user_id', 'in', userIds.length > 0 ? userIds : [-1]);
    return q.orderBy('devices.created_ms', 'desc').orderBy('devices.id').execute();
  }

  async policyVersions(teamId: number | null): Promise<{ version: number; createdMs: number; createdBy: string | null; body: string }[]> {
    let q = this.db
      .selectFrom('policies')
      .leftJoin('users', 'users.id', 'policies.created_by')
      .select(['policies.version', 'policies.created_ms as createdMs', 'users.email as createdBy', 'policies.body']);
    q = teamId === null ? q.where('policies.team_id', 'is', null) : q.where('policies.team_id', '=', teamId);
    return q.orderBy('policies.version', 'desc').limit(100).execute();
  }

  async setupCounts(nowMs: number): Promise<{ teams: number; managers: number; reps: number; devices: number; openCodes: number }> {
    const count = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);
    const [teams, managers, reps, devices, openCodes] = await Promise.all([
      count(
        this.db
          .selectFrom('teams')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst(),
      ),
      count(
        this.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('role', '=', 'manager')
          .where('removed_ms', 'is', null)
          .executeTakeFirst(),
      ),
      count(
        this.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('role', '=', 'rep')
          .where('removed_ms', 'is', null)
          .executeTakeFirst(),
      ),
      count(
        this.db
          .selectFrom('devices')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('revoked_ms', 'is', null)
          .executeTakeFirst(),
      ),
      count(
        this.db
          .selectFrom('enrollment_codes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('used_ms', 'is', null)
          .where('expires_ms', '>', nowMs)
          .executeTakeFirst(),
      ),
    ]);
    return { teams, managers, reps, devices, openCodes };
  }

  async passwordHashOf(userId: number): Promise<string | null> {
    return (await this.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst())?.password_hash ?? null;
  }

  /** Sets the password and ends every other session of the user. */
  async setPassword(userId: number, passwordHash: string, keepSessionHash: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', userId).where('token_hash', '!=', keepSessionHash).execute();
    });
  }

  /**
   * Statuses received after a point, across all users: one query per server process and poll, however
   * many pages listen. Ordered by time, so the last row's time is the next point to read from.
   */
  async statusesSince(afterMs: number): Promise<{ deviceId: string; userId: number; receivedMs: number; payload: string }[]> {
    return this.db
      .selectFrom('device_status')
      .innerJoin('devices', 'devices.id', 'device_status.device_id')
      .innerJoin('users', 'users.id', 'device_status.user_id')
      .select(['device_status.device_id as deviceId', 'device_status.user_id as userId', 'device_status.received_ms as receivedMs', 'device_status.payload'])
      .where('device_status.received_ms', '>', afterMs)
      .where('devices.revoked_ms', 'is', null)
      .where('users.removed_ms', 'is', null)
      .orderBy('device_status.received_ms')
      .execute();
  }

  /** Each user's pushed-records version: the sum of their devices' acknowledged sequence numbers. */
  async recordVersions(): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('devices')
      .select(['user_id', (eb) => eb.fn.sum<number>('last_seq').as('v')])
      .groupBy('user_id')
      .execute();
    return new Map(rows.map((r) => [r.user_id, Number(r.v)]));
  }
}

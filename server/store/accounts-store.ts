/** Users, teams, memberships, sign-in sessions and enrollment codes. */
import type { Kysely } from 'kysely';
import type { Role, ServerDatabase } from '../db/schema';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
}

export interface UserWithTeams extends User {
  /** Teams the user belongs to, and (managers) the teams they manage. */
  memberOf: number[];
  manages: number[];
}

const userColumns = ['users.id', 'users.email', 'users.name', 'users.role'] as const;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export class AccountsStore {
  constructor(private readonly db: Kysely<ServerDatabase>) {}

  async userCount(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async findActiveByEmail(email: string): Promise<(User & { passwordHash: string | null }) | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select([...userColumns, 'users.password_hash'])
      .where('email', '=', normalizeEmail(email))
      .where('removed_ms', 'is', null)
      .executeTakeFirst();
    return row && { id: row.id, email: row.email, name: row.name, role: row.role, passwordHash: row.password_hash };
  }

  async withTeams(user: User): Promise<UserWithTeams> {
    const [members, managers] = await Promise.all([
      this.db.selectFrom('team_members').select('team_id').where('user_id', '=', user.id).execute(),
      this.db.selectFrom('team_managers').select('team_id').where('user_id', '=', user.id).execute(),
    ]);
    return { ...user, memberOf: members.map((m) => m.team_id), manages: managers.map((m) => m.team_id) };
  }

  /** Creates the user (and the team, when named and new); a manager manages the team, others belong to it. */
  async createUser(input: { email: string; name: string; role: Role; passwordHash: string | null; team: string | null }, nowMs: number): Promise<User> {
    return this.db.transaction().execute(async (trx) => {
      const email = normalizeEmail(input.email);
      const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
      if (taken) throw new AccountError('email-taken', `A user with the email ${email} already exists.`);
      const user = await trx
        .insertInto('users')
        .values({ email, name: input.name, role: input.role, password_hash: input.passwordHash, created_ms: nowMs, removed_ms: null })
        .returning(['id', 'email', 'name', 'role'])
        .executeTakeFirstOrThrow();
      if (input.team !== null) {
        const teamId = await teamIdFor(trx, input.team, nowMs);
        await trx
          .insertInto(input.role === 'manager' ? 'team_managers' : 'team_members')
          .values({ team_id: teamId, user_id: user.id })
          .execute();
      }
      return user;
    });
  }

  async removeUser(userId: number, nowMs: number): Promise<boolean> {
    const result = await this.db.updateTable('users').set({ removed_ms: nowMs }).where('id', '=', userId).where('removed_ms', 'is', null).executeTakeFirst();
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    return Number(result.numUpdatedRows) > 0;
  }

  async findUser(id: number): Promise<User | undefined> {
    return this.db.selectFrom('users').select(userColumns).where('id', '=', id).where('removed_ms', 'is', null).executeTakeFirst();
  }

  async teamByName(name: string): Promise<{ id: number; name: string } | undefined> {
    return this.db.selectFrom('teams').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
  }

  /** Active reps, optionally of some teams only, with the first team each belongs to (null for none). */
  async reps(filter: { teamIds: number[] | null; userId: number | null }): Promise<(User & { team: string | null })[]> {
    let q = this.db
      .selectFrom('users')
      .leftJoin('team_members', 'team_members.user_id', 'users.id')
      .leftJoin('teams', 'teams.id', 'team_members.team_id')
      .select([...userColumns, 'teams.name as team'])
      .where('users.removed_ms', 'is', null)
      .where('users.role', '=', 'rep');
    if (filter.teamIds !== null) q = q.where('team_members.team_id', 'in', filter.teamIds.length > 0 ? filter.teamIds : [-1]);
    if (filter.userId !== null) q = q.where('users.id', '=', filter.userId);
    const rows = await q.orderBy('users.email').execute();
    const seen = new Set<number>();
    return rows.filter((r) => !seen.has(r.id) && seen.add(r.id) !== undefined);
  }

  async isMemberOfAny(userId: number, teamIds: readonly number[]): Promise<boolean> {
    if (teamIds.length === 0) return false;
    const row = await this.db.selectFrom('team_members').select('user_id').where('user_id', '=', userId).where('team_id', 'in', teamIds).executeTakeFirst();
    return row !== undefined;
  }

  async teamIdsOf(userId: number): Promise<number[]> {
    return (await this.db.selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute()).map((r) => r.team_id);
  }

  /** The first team of each user (the one whose policy applies, as teamIdsOf(id)[0]), in one query; users without one are left out. */
  async firstTeamOf(userIds: readonly number[]): Promise<Map<number, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('team_members')
      .select(['user_id', 'team_id'])
      .where('user_id', 'in', [...userIds])
      .execute();
    const first = new Map<number, number>();
    for (const r of rows) if (!first.has(r.user_id)) first.set(r.user_id, r.team_id);
    return first;
  }

  // --- sessions

  async createSession(s: { tokenHash: string; userId: number; csrfToken: string; nowMs: number; expiresMs: number }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ token_hash: s.tokenHash, user_id: s.userId, csrf_token: s.csrfToken, created_ms: s.nowMs, expires_ms: s.expiresMs })
      .execute();
  }

  /** The signed-in user of a live session; a removed user or an expired session has none. */
  async sessionUser(tokenHash: string, nowMs: number): Promise<{ user: User; csrfToken: string } | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([...userColumns, 'sessions.csrf_token'])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_ms', '>', nowMs)
      .where('users.removed_ms', 'is', null)
      .executeTakeFirst();
    return row && { user: { id: row.id, email: row.email, name: row.name, role: row.role }, csrfToken: row.csrf_token };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  // --- enrollment codes

  async createEnrollmentCode(c: { codeHash: string; userId: number; nowMs: number; expiresMs: number }): Promise<void> {
    await this.db
      .insertInto('enrollment_codes')
      .values({ code_hash: c.codeHash, user_id: c.userId, created_ms: c.nowMs, expires_ms: c.expiresMs, used_ms: null })
      .execute();
  }
}

export class AccountError extends Error {
  constructor(
    readonly code: 'email-taken',
    message: string,
  ) {
    super(message);
  }
}

async function teamIdFor(trx: Kysely<ServerDatabase>, name: string, nowMs: number): Promise<number> {
  const found = await trx.selectFrom('teams').select('id').where('name', '=', name).executeTakeFirst();
  if (found) return found.id;
  const created = await trx.insertInto('teams').values({ name, created_ms: nowMs }).returning('id').executeTakeFirstOrThrow();
  return created.id;
}

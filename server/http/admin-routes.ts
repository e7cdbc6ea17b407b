/** The admin's pages: users, teams and their managers, devices, the policy's history, and a user's own password. */
import { z } from 'zod';
import { POLICY_SCHEMA } from '../../shared/sync/contract';
import type { DeviceRow, PolicyHistory, TeamRow, UserRow } from '../../shared/team/team-api';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { audit } from '../store/audit';
import { TeamStore } from '../store/team-store';
import { requireAdmin, visibleTeams } from './access';
import { HttpError, forbidden, notFound } from './errors';
import { route, userOf, type Route } from './route';

const email = z.string().trim().min(3).max(254).email('an email address');
const teamName = z.string().trim().min(1).max(100);
const idParam = z
  .object({
    id: z.coerce
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1),
  })
  .strict();

export const ADMIN_ROUTES: readonly Route[] = [
  route({
    id: 'users.list',
    method: 'GET',
    url: '/api/users',
    auth: 'user',
    summary: 'Admins list every user with their role and teams.',
    handler: async ({ principal, services }) => {
      requireAdmin(userOf(principal).user);
      return { body: { users: (await new TeamStore(services.db).users()) satisfies UserRow[] } };
    },
  }),
  route({
    id: 'teams.list',
    method: 'GET',
    url: '/api/teams',
    auth: 'user',
    summary: 'The teams you may see (all for admins, yours for managers) with their managers and rep counts.',
    handler: async ({ principal, services }) => {
      const actor = userOf(principal).user;
      if (actor.role === 'rep') throw forbidden('Teams are listed for managers and admins.');
      return { body: { teams: (await new TeamStore(services.db).teams(visibleTeams(actor))) satisfies TeamRow[] } };
    },
  }),
  route({
    id: 'teams.create',
    method: 'POST',
    url: '/api/teams',
    auth: 'user',
    summary: 'Admins create a team.',
    body: z.object({ name: teamName }).strict(),
    handler: async ({ body, principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      requireAdmin(actor);
      const team = await new TeamStore(services.db).createTeam(body.name, nowMs);
      if (!team) throw new HttpError(409, 'team-exists', `A team named ${body.name} already exists.`);
      await audit(services.db, { atMs: nowMs, actorUserId: actor.id, action: 'team.create', subject: `team:${team.id}`, detail: { name: team.name } });
      return { status: 201, body: { team } };
    },
  }),
  route({
    id: 'teams.members.add',
    method: 'POST',
    url: '/api/teams/:id/members',
    auth: 'user',
    summary: 'Admins add a user to a team, as a member (reps) or as one of its managers.',
    params: idParam,
    body: z.object({ email, as: z.enum(['member', 'manager']) }).strict(),
    handler: async ({ params, body, principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      requireAdmin(actor);
      const store = new TeamStore(services.db);
      const team = await store.teamById(params.id);
      if (!team) throw notFound('The team');
      const user = await services.accounts.findActiveByEmail(body.email);
      if (!user) throw notFound(`The user ${body.email}`);
      if (body.as === 'manager' && user.role === 'rep')
        throw new HttpError(409, 'not-a-manager', `${user.email} is a rep; make them a manager (or add a manager) to manage a team.`);
      await store.addToTeam(team.id, user.id, body.as);
      await audit(services.db, {
        atMs: nowMs,
        actorUserId: actor.id,
        action: 'team.add',
        subject: `team:${team.id}`,
        detail: { user: user.email, as: body.as },
      });
      return { body: { ok: true } };
    },
  }),
  route({
    id: 'devices.list',
    method: 'GET',
    url: '/api/devices',
    auth: 'user',
    summary: "Devices with when they were last seen: everyone's for admins, your teams' reps' for managers, your own for reps.",
    handler: async ({ principal, services }) => {
      const actor = userOf(principal).user;
      const teams = visibleTeams(actor);
      const userIds =
        teams === null ? null : actor.role === 'rep' ? [actor.id] : (await services.accounts.reps({ teamIds: teams, userId: null })).map((r) => r.id);
      const devices = (await new TeamStore(services.db).devices(userIds)).map(({ userId: _u, ...d }) => d) satisfies DeviceRow[];
      return { body: { devices } };
    },
  }),
  route({
    id: 'policy.history',
    method: 'GET',
    url: '/api/policy/history',
    auth: 'user',
    summary: "A policy's versions, newest first: the org's (admins) or a team's (its managers and admins).",
    query: z.object({ team: teamName.optional() }).strict(),
    handler: async ({ query, principal, services }) => {
      const actor = userOf(principal).user;
      let teamId: number | null = null;
      if (query.team !== undefined) {
        const team = await services.accounts.teamByName(query.team);
        if (!team) throw notFound(`The team ${query.team}`);
        teamId = team.id;
      }
      const allowed = actor.role === 'admin' || (actor.role === 'manager' && teamId !== null && actor.manages.includes(teamId));
      if (!allowed) throw forbidden("Admins see the org's policy; managers see their own teams' policies.");
      const current = await services.policies.current(teamId);
      const versions = (await new TeamStore(services.db).policyVersions(teamId)).map((v) => ({
        version: v.version,
        createdMs: v.createdMs,
        createdBy: v.createdBy,
        policy: POLICY_SCHEMA.parse(JSON.parse(v.body)),
      }));
      return {
        body: {
          team: query.team ?? null,
          current: { version: current.version, inherited: current.teamId !== teamId, policy: current.policy },
          versions,
        } satisfies PolicyHistory,
      };
    },
  }),
  route({
    id: 'account.password',
    method: 'POST',
    url: '/api/account/password',
    auth: 'user',
    summary: 'Changes your own password; your other sessions end.',
    body: z.object({ current: z.string().min(1).max(1024), next: z.string().min(12, 'at least 12 characters').max(1024) }).strict(),
    handler: async ({ body, principal, services, nowMs }) => {
      const { user, tokenHash } = userOf(principal);
      const store = new TeamStore(services.db);
      const stored = await store.passwordHashOf(user.id);
      if (stored === null || !(await verifyPassword(body.current, stored)))
        throw new HttpError(400, 'wrong-password', 'Your current password is not right; type it again.');
      await store.setPassword(user.id, await hashPassword(body.next), tokenHash);
      await audit(services.db, { atMs: nowMs, actorUserId: user.id, action: 'user.password', subject: `user:${user.id}`, detail: {} });
      return { body: { ok: true } };
    },
  }),
];

/** The manager's pages: Team now (with its live stream), a rep's detail, and the admin's first-run checklist. */
import { z } from 'zod';
import { DEVICE_STATUS_SCHEMA } from '../../shared/sync/contract';
import type { RepDetail, RepStatus, Setup, TeamNow, TeamNowRow } from '../../shared/team/team-api';
import { addDays } from '../../shared/timesheet/local-time';
import type { UserWithTeams } from '../store/accounts-store';
import { TeamStore } from '../store/team-store';
import { hoursReport } from '../reports/hours';
import { RepTodayCache, zonesOf } from '../reports/team-now';
import { answerRepView, isRepViewRequest, REP_VIEW_REQUESTS } from '../reports/rep-views';
import { requestSchemas, isRequestName } from '../../shared/api/contract';
import { mayActOn, requireAdmin, visibleTeams } from './access';
import type { Services } from './context';
import { forbidden, HttpError, notFound } from './errors';
import { route, userOf, type Route } from './route';
import { liveHub, openEventStream, POLL_MS, type Listener } from './team-live';

const teamName = z.string().trim().min(1).max(100);
const userIdParam = z
  .object({
    id: z.coerce
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1),
  })
  .strict();

const caches = new WeakMap<Services, RepTodayCache>();
const cacheOf = (services: Services) => {
  let c = caches.get(services);
  if (!c) caches.set(services, (c = new RepTodayCache()));
  return c;
};

function requireManagerOrAdmin(actor: UserWithTeams): void {
  if (actor.role === 'rep') throw forbidden('Team pages are for managers and admins; your own figures are in the Stint app.');
}

/** The reps on the actor's Team now, optionally one team only (which must be theirs). */
async function teamReps(services: Services, actor: UserWithTeams, team: string | null) {
  let teamIds = visibleTeams(actor);
  if (team !== null) {
    const found = await services.accounts.teamByName(team);
    if (!found) throw notFound(`The team ${team}`);
    if (teamIds !== null && !teamIds.includes(found.id)) throw forbidden('You can see only the teams you manage.');
    teamIds = [found.id];
  }
  return services.accounts.reps({ teamIds, userId: null });
}

/** Each user's latest status (the device heard from last). */
async function latestStatuses(services: Services, userIds: number[]): Promise<Map<number, RepStatus>> {
  const out = new Map<number, RepStatus>();
  for (const r of await services.sync.statuses(userIds)) {
    const seen = out.get(r.userId);
    if (seen && seen.receivedMs >= r.receivedMs) continue;
    const status = DEVICE_STATUS_SCHEMA.safeParse(JSON.parse(r.payload));
    if (status.success) out.set(r.userId, { deviceId: r.deviceId, receivedMs: r.receivedMs, status: status.data });
  }
  return out;
}

async function rowsFor(services: Services, reps: { id: number; email: string; name: string; team: string | null }[], nowMs: number): Promise<TeamNowRow[]> {
  const ids = reps.map((r) => r.id);
  const [statuses, versions, policy, policyRevision] = await Promise.all([
    latestStatuses(services, ids),
    new TeamStore(services.db).recordVersions(),
    services.policies.current(null),
    // Any team's policy change moves it: each rep is rated by their team's policy.
    services.policies.revision(),
  ]);
  const todays = await cacheOf(services).getMany(services.db, reps, versions, policy.policy, policyRevision, nowMs, services.options.fallbackTimeZone);
  return reps.map((rep) => ({
    userId: rep.id,
    email: rep.email,
    name: rep.name,
    team: rep.team,
    status: statuses.get(rep.id) ?? null,
    today: todays.get(rep.id)!,
  }));
}

export const TEAM_ROUTES: readonly Route[] = [
  route({
    id: 'team.now',
    method: 'GET',
    url: '/api/team/now',
    auth: 'user',
    summary: "Team now: each rep's live status and today's figures (worked, productivity, calls, AHT) from the synced records.",
    query: z.object({ team: teamName.optional() }).strict(),
    handler: async ({ query, principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      requireManagerOrAdmin(actor);
      const reps = await teamReps(services, actor, query.team ?? null);
      return { body: { nowMs, rows: await rowsFor(services, reps, nowMs) } satisfies TeamNow };
    },
  }),
  route({
    id: 'team.events',
    method: 'GET',
    url: '/api/team/events',
    auth: 'user',
    summary:
      'Server-sent events for Team now (Accept: text/event-stream): `status` with statuses as they arrive, `records` when reps pushed records. Without that Accept header: the poll interval.',
    handler: async ({ principal, services, request, reply, nowMs }) => {
      const { user: actor, tokenHash } = userOf(principal);
      requireManagerOrAdmin(actor);
      if (!String(request.headers.accept ?? '').includes('text/event-stream')) return { body: { nowMs, pollMs: POLL_MS } };
      const visibleOf = async (who: UserWithTeams): Promise<Set<number> | null> => {
        const teams = visibleTeams(who);
        return teams === null ? null : new Set((await services.accounts.reps({ teamIds: teams, userId: null })).map((r) => r.id));
      };
      const visible = await visibleOf(actor);
      reply.hijack();
      const stream = openEventStream(reply.raw, nowMs);
      let stop = () => {};
      const listener: Listener = {
        visible,
        lastCheckMs: nowMs,
        send: stream.send,
        async recheck() {
          const session = await services.accounts.sessionUser(tokenHash, services.now());
          if (!session) return false;
          listener.visible = await visibleOf(await services.accounts.withTeams(session.user));
          return session.user.role !== 'rep';
        },
        close() {
          stop();
          stream.end();
        },
      };
      stop = liveHub(services).add(listener);
      request.raw.once('close', () => stop());
      return { body: null };
    },
  }),
  route({
    id: 'team.rep',
    method: 'GET',
    url: '/api/team/reps/:id',
    auth: 'user',
    summary: "A rep's detail: live status, today's figures, the last 7 days' hours and their devices (yourself, your team's reps, or anyone as an admin).",
    params: userIdParam,
    handler: async ({ params, principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      if (!(await mayActOn(services, actor, params.id))) throw forbidden('You can open only yourself or the reps of the teams you manage.');
      const [rep] = await services.accounts.reps({ teamIds: null, userId: params.id });
      if (!rep) throw notFound('The rep');
      const [row] = await rowsFor(services, [rep], nowMs);
      const { policy } = await services.policies.current(null);
      const to = row!.today.date;
      const [hours] = await hoursReport(services.db, [rep], { from: addDays(to, -6), to }, policy, nowMs, row!.today.timeZone);
      const devices = (await new TeamStore(services.db).devices([rep.id])).map((d) => ({
        id: d.id,
        createdMs: d.createdMs,
        lastSeenMs: d.lastSeenMs,
        revokedMs: d.revokedMs,
      }));
      return { body: { nowMs, rep: row!, days: hours?.days ?? [], devices } satisfies RepDetail };
    },
  }),
  route({
    id: 'team.repRequest',
    method: 'POST',
    url: '/api/team/reps/:id/request',
    auth: 'user',
    summary: `One of a rep's own views' requests (${REP_VIEW_REQUESTS.join(', ')}), answered read-only from their synced records with the device's shared code: for the managers of the rep's teams and admins; any other request is refused (403).`,
    params: userIdParam,
    body: z.object({ name: z.string().min(1).max(64), input: z.unknown() }).strict(),
    handler: async ({ params, body, principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      requireManagerOrAdmin(actor);
      if (!(await mayActOn(services, actor, params.id))) throw forbidden('You can open only the reps of the teams you manage.');
      if (!isRequestName(body.name)) throw notFound(`The request ${body.name}`);
      if (!isRepViewRequest(body.name)) throw forbidden("A rep's views are read-only here: changes are made on the rep's own device.");
      const schema: z.ZodType = requestSchemas[body.name];
      const parsed = schema.safeParse(body.input ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 5).map((i) => `${['input', ...i.path].join('.')}: ${i.message}`);
        throw new HttpError(400, 'invalid-input', `The request's input is not valid: ${issues.join('; ')}.`, { issues });
      }
      const [rep] = await services.accounts.reps({ teamIds: null, userId: params.id });
      if (!rep) throw notFound('The rep');
      const teams = await services.accounts.teamIdsOf(rep.id);
      const [{ policy }, zones, live] = await Promise.all([
        services.policies.current(teams[0] ?? null),
        zonesOf(services.db, [rep.id], services.options.fallbackTimeZone),
        latestStatuses(services, [rep.id]),
      ]);
      const status = live.get(rep.id);
      const ctx = {
        db: services.db,
        userId: rep.id,
        teamIds: teams,
        policy,
        timeZone: zones.get(rep.id)!,
        nowMs,
        live: status ? { receivedMs: status.receivedMs, app: status.status.app ?? null } : null,
      };
      return { body: { data: await answerRepView(ctx, body.name, parsed.data) } };
    },
  }),
  route({
    id: 'setup',
    method: 'GET',
    url: '/api/setup',
    auth: 'user',
    summary: "The admin's first-run checklist: how many teams, managers, reps, devices and open enrollment codes there are.",
    handler: async ({ principal, services, nowMs }) => {
      requireAdmin(userOf(principal).user);
      return { body: (await new TeamStore(services.db).setupCounts(nowMs)) satisfies Setup };
    },
  }),
];

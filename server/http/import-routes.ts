/**
 * Team data imports and the sales report (issue 15): a manager (of their teams) or an admin (of any)
 * previews a call log or CRM report, maps unknown agent or owner names to members, and commits it; the
 * sales report reads what was imported. Reps are refused.
 */
import { z } from 'zod';
import {
  IMPORT_REQUEST_SCHEMA,
  SET_MAPPING_SCHEMA,
  type ImportInvalid,
  type ImportMapping,
  type ImportPreview,
  type ImportRequest,
} from '../../shared/team/imports-api';
import { salesCsv } from '../../shared/team/sales-table';
import { isIsoDate } from '../../shared/timesheet/local-time';
import { requireTimeZone } from '../../shared/recording/zone-offset';
import { nameKey, parseTeamImport, planImport, type ImportPlan } from '../imports/team-import';
import { salesReport } from '../reports/sales-report';
import type { UserWithTeams } from '../store/accounts-store';
import { audit } from '../store/audit';
import { ImportsStore } from '../store/imports-store';
import { TeamStore } from '../store/team-store';
import { visibleTeams } from './access';
import type { Services } from './context';
import { forbidden, HttpError, notFound } from './errors';
import { route, userOf, type Route } from './route';

const isoDate = z.string().max(10).refine(isIsoDate, 'a real date as YYYY-MM-DD');
const teamName = z.string().trim().min(1).max(100);

function requireManagerOrAdmin(actor: UserWithTeams): void {
  if (actor.role === 'rep') throw forbidden('Team imports are for managers and admins.');
}

/** The team by name, which the actor must manage (admins: any). */
async function teamOf(services: Services, actor: UserWithTeams, name: string): Promise<{ id: number; name: string }> {
  requireManagerOrAdmin(actor);
  const team = await services.accounts.teamByName(name);
  if (actor.role !== 'admin' && (!team || !actor.manages.includes(team.id))) throw forbidden('You can import only for the teams you manage.');
  if (!team) throw notFound(`The team ${name}`);
  return team;
}

const membersOf = async (services: Services, teamId: number) =>
  (await services.accounts.reps({ teamIds: [teamId], userId: null })).map((r) => ({ id: r.id, email: r.email, name: r.name }));

/** Parses and plans an import; a file with bad rows is 422 with every line. */
async function prepare(services: Services, actor: UserWithTeams, body: ImportRequest): Promise<{ teamId: number; preview: ImportPreview; plan: ImportPlan }> {
  const team = await teamOf(services, actor, body.team);
  let zone = services.options.fallbackTimeZone;
  if (body.timeZone !== undefined) {
    try {
      zone = requireTimeZone(body.timeZone);
    } catch {
      throw new HttpError(400, 'invalid-input', `The time zone ${body.timeZone} is not an IANA zone name such as America/New_York.`);
    }
  }
  const bytes = new Uint8Array(Buffer.from(body.file.base64, 'base64'));
  const parsed = parseTeamImport(bytes, { source: body.source, zone, dateFormat: body.dateFormat });
  if (!parsed.ok) {
    const n = parsed.errors.length;
    const answer: Omit<ImportInvalid, 'error' | 'message'> = { source: parsed.source, errors: parsed.errors };
    throw new HttpError(422, 'import-invalid', `${body.file.name} cannot be imported: ${n} ${n === 1 ? 'problem' : 'problems'}; nothing was imported.`, answer);
  }
  const store = new ImportsStore(services.db);
  const plan = await planImport(store, team.id, parsed.parsed, await membersOf(services, team.id));
  return { teamId: team.id, preview: { source: parsed.source, detected: parsed.detected, ...plan.preview }, plan };
}

export const IMPORT_ROUTES: readonly Route[] = [
  route({
    id: 'imports.preview',
    method: 'POST',
    url: '/api/imports/preview',
    auth: 'user',
    summary:
      "A call log or CRM report for a team (managers: their teams; admins: any): its source, what a commit would add or update, each agent's or owner's user and the unknown names; 422 with the lines of bad rows.",
    body: IMPORT_REQUEST_SCHEMA,
    handler: async ({ body, principal, services }) => {
      const { preview } = await prepare(services, userOf(principal).user, body);
      return { body: preview };
    },
  }),
  route({
    id: 'imports.commit',
    method: 'POST',
    url: '/api/imports/commit',
    auth: 'user',
    summary:
      'Imports a call log or CRM report for a team; 409 listing the names while some are unknown, 422 with the lines of bad rows. Importing again adds nothing.',
    body: IMPORT_REQUEST_SCHEMA,
    handler: async ({ body, principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      const { teamId, preview, plan } = await prepare(services, actor, body);
      if (preview.unknownNames.length > 0) {
        const n = preview.unknownNames.length;
        throw new HttpError(
          409,
          'unknown-names',
          `${n} ${n === 1 ? 'name' : 'names'} in ${body.file.name} ${n === 1 ? 'is' : 'are'} nobody of team ${body.team} yet: map ${n === 1 ? 'it' : 'them'} to a member (or to nobody), then import again.`,
          { names: preview.unknownNames },
        );
      }
      await new ImportsStore(services.db).write(teamId, plan.write, nowMs);
      await audit(services.db, {
        atMs: nowMs,
        actorUserId: actor.id,
        action: 'import.commit',
        subject: body.team,
        detail: { file: body.file.name, source: preview.source, added: preview.added, updated: preview.updated },
      });
      return { body: preview };
    },
  }),
  route({
    id: 'imports.mapping',
    method: 'GET',
    url: '/api/imports/mapping',
    auth: 'user',
    summary: "A team's mapping from dialer agents and CRM owners to its members, the members, and how many rows it has imported.",
    query: z.object({ team: teamName }).strict(),
    handler: async ({ query, principal, services }) => {
      const team = await teamOf(services, userOf(principal).user, query.team);
      const store = new ImportsStore(services.db);
      const [names, members, counts] = await Promise.all([store.names(team.id), membersOf(services, team.id), store.counts(team.id)]);
      const byId = new Map(members.map((m) => [m.id, m]));
      const mappings = names.map((n) => {
        const m = n.userId === null ? undefined : byId.get(n.userId);
        return { name: n.name, userId: n.userId, email: m?.email ?? null, userName: m?.name ?? null };
      });
      return { body: { team: team.name, mappings, members, counts } satisfies ImportMapping };
    },
  }),
  route({
    id: 'imports.mapping.set',
    method: 'PUT',
    url: '/api/imports/mapping',
    auth: 'user',
    summary: "Maps an agent's or owner's name to a member of the team (by email), or to nobody (null: that name's rows are left out).",
    body: SET_MAPPING_SCHEMA,
    handler: async ({ body, principal, services, nowMs }) => {
      const team = await teamOf(services, userOf(principal).user, body.team);
      let userId: number | null = null;
      if (body.email !== null) {
        const email = body.email.toLowerCase();
        const member = (await membersOf(services, team.id)).find((m) => m.email.toLowerCase() === email);
        if (!member) throw new HttpError(404, 'not-a-member', `${body.email} is not a rep of team ${team.name}: add them to the team first.`);
        userId = member.id;
      }
      await new ImportsStore(services.db).setName(team.id, { nameKey: nameKey(body.name), name: body.name, userId }, nowMs);
      return { body: { team: team.name, name: body.name, userId } };
    },
  }),
  route({
    id: 'reports.sales',
    method: 'GET',
    url: '/api/reports/sales',
    auth: 'user',
    summary:
      "Sales KPIs (open/closed opportunities, win rate, lost % by reason, SQL → customer, lead response, sales cycle) per rep and for the team, from the team's imports; JSON or the table as CSV.",
    query: z
      .object({ from: isoDate, to: isoDate, team: teamName.optional(), format: z.enum(['json', 'csv']).default('json') })
      .strict()
      .refine((q) => q.from <= q.to, { message: 'from must not be after to' })
      .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: 'a report covers at most a year' }),
    handler: async ({ query, principal, services, reply }) => {
      const actor = userOf(principal).user;
      requireManagerOrAdmin(actor);
      let teamIds: number[];
      if (query.team !== undefined) teamIds = [(await teamOf(services, actor, query.team)).id];
      else teamIds = visibleTeams(actor) ?? (await new TeamStore(services.db).teams(null)).map((t) => t.id);
      const reps = await services.accounts.reps({ teamIds, userId: null });
      const report = await salesReport(new ImportsStore(services.db), {
        range: { from: query.from, to: query.to },
        team: query.team ?? null,
        teamIds,
        reps,
        zone: services.options.fallbackTimeZone,
      });
      if (query.format === 'csv') {
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', `attachment; filename="sales-${query.from}-${query.to}.csv"`);
        return { body: salesCsv(report) };
      }
      return { body: report };
    },
  }),
];

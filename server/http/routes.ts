/** The server's routes: one table, read by the HTTP app, the OpenAPI document and the role matrix test. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  DEVICE_STATUS_SCHEMA,
  ENROLL_SCHEMA,
  POLICY_SCHEMA,
  STATUS_STALE_MS,
  SYNC_PUSH_SCHEMA,
  SYNC_SCHEMA_VERSION,
  WEEK_RECORDS_QUERY_SCHEMA,
  type DeviceStatus,
  type Policy,
  type SyncRecord,
  type SyncStatusResult,
  type WeekRecordsResult,
} from '../../shared/sync/contract';
import { otherDevicesWeekRecords } from '../reports/week';
import { isIsoDate } from '../../shared/timesheet/local-time';
import { EXPORT_FORMATS, DEFAULT_EXPORT_OPTIONS, type ExportFormat, type ExportOptions } from '../../shared/payroll/formats';
import { PAY_PROFILE_SCHEMA } from '../../shared/payroll/pay';
import type { PayList, PayrollPreview } from '../../shared/payroll/payroll-api';
import { SUBMIT_WEEK_SCHEMA } from '../../shared/payroll/week';
import type { APPROVALS_SCHEMA, AUDIT_SCHEMA } from '../../shared/payroll/approvals-api';
import { approvalList, decideWeek, markLateRecords, PayrollError, submitWeek, weekStates, type PayrollErrorCode } from '../payroll/approvals';
import { approvedWeekCsv, payrollExport } from '../payroll/export';
import { auditEntries } from '../store/audit';
import { WeeksStore } from '../store/weeks-store';
import { auditCsv } from '../payroll/audit-csv';
import { ROLES } from '../db/schema';
import { hashPassword, verifyPassword, DUMMY_HASH } from '../auth/passwords';
import { hashSecret, newEnrollmentCode, newToken, normalizeCode } from '../auth/secrets';
import { hoursReport } from '../reports/hours';
import { REPORT_TABLES, teamReport, teamReportCsv } from '../reports/team-report';
import { AccountError, normalizeEmail, type UserWithTeams } from '../store/accounts-store';
import type { Services } from './context';
import { audit } from '../store/audit';
import { hit } from '../store/rate-limits';
import { ping } from '../store/ping';
import { mayActOn, requireActOn, requireAdmin, visibleTeams } from './access';
import { HttpError, forbidden, notFound } from './errors';
import { ADMIN_ROUTES } from './admin-routes';
import { openApiDocument } from './openapi';
import { TEAM_ROUTES } from './team-routes';
import { IMPORT_ROUTES } from './import-routes';
import { deviceOf, route, userOf, type Route } from './route';
import { clearSessionCookie, setSessionCookie, SESSION_COOKIE } from './cookies';

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_LIMIT_PER_ACCOUNT = 10;
export const LOGIN_LIMIT_PER_ADDRESS = 50;
export const ENROLL_LIMIT_PER_ADDRESS = 20;
/** A device pushes a backlog in batches back to back, and its status every 30 s. */
export const PUSH_LIMIT_PER_MINUTE = 600;
export const STATUS_LIMIT_PER_MINUTE = 20;
/** Read before each submission: a rep clicking Submit again and again, not a heartbeat. */
export const WEEK_RECORDS_LIMIT_PER_MINUTE = 30;
export const ENROLLMENT_CODE_TTL_MS = 7 * 24 * 3600_000;

const email = z.string().trim().min(3).max(254).email('an email address');
const isoDate = z.string().max(10).refine(isIsoDate, 'a real date as YYYY-MM-DD');
const teamName = z.string().trim().min(1).max(100);

async function limit(services: Services, key: string, max: number, windowMs: number, nowMs: number): Promise<void> {
  const count = await hit(services.db, key, nowMs, windowMs);
  if (count > max) {
    const retryAfterS = Math.ceil((windowMs - (nowMs % windowMs)) / 1000);
    throw new HttpError(429, 'rate-limited', `Too many attempts. Wait ${Math.ceil(retryAfterS / 60)} minutes, then try again.`, {
      retryAfterSeconds: retryAfterS,
    });
  }
}

export const ROUTES: readonly Route[] = [
  route({
    id: 'openapi',
    method: 'GET',
    url: '/api/openapi.json',
    auth: 'none',
    summary: 'This API as an OpenAPI 3.1 document, generated from the schemas that validate requests.',
    handler: async () => ({ body: openApiDocument(ROUTES) }),
  }),
  route({
    id: 'healthz',
    method: 'GET',
    url: '/healthz',
    auth: 'none',
    summary: 'Liveness: the process answers.',
    handler: async () => ({ body: { ok: true } }),
  }),
  route({
    id: 'readyz',
    method: 'GET',
    url: '/readyz',
    auth: 'none',
    summary: 'Readiness: the database answers a query.',
    handler: async ({ services }) => {
      try {
        await ping(services.db);
        return { body: { ok: true } };
      } catch {
        throw new HttpError(503, 'database-unavailable', 'The database does not answer.');
      }
    },
  }),
  route({
    id: 'login',
    method: 'POST',
    url: '/api/login',
    auth: 'none',
    summary: 'Signs in with email and password; sets the session cookie and returns the CSRF token.',
    body: z.object({ email, password: z.string().min(1).max(1024) }).strict(),
    handler: async ({ body, services, request, reply, nowMs }) => {
      await limit(services, `login:address:${request.ip}`, LOGIN_LIMIT_PER_ADDRESS, LOGIN_WINDOW_MS, nowMs);
      await limit(services, `login:account:${normalizeEmail(body.email)}`, LOGIN_LIMIT_PER_ACCOUNT, LOGIN_WINDOW_MS, nowMs);
      const user = await services.accounts.findActiveByEmail(body.email);
      const ok = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || user.passwordHash === null || !ok) throw new HttpError(401, 'wrong-credentials', 'Wrong email or password.');
      const token = newToken();
      const csrfToken = newToken();
      await services.accounts.createSession({
        tokenHash: hashSecret(token),
        userId: user.id,
        csrfToken,
        nowMs,
        expiresMs: nowMs + services.options.sessionTtlMs,
      });
      setSessionCookie(reply, token, services.options);
      return { body: { user: { email: user.email, name: user.name, role: user.role }, csrfToken } };
    },
  }),
  route({
    id: 'logout',
    method: 'POST',
    url: '/api/logout',
    auth: 'user',
    summary: 'Signs out: the session ends on every server process at once.',
    handler: async ({ principal, services, reply }) => {
      await services.accounts.deleteSession(userOf(principal).tokenHash);
      clearSessionCookie(reply, services.options);
      return { body: { ok: true } };
    },
  }),
  route({
    id: 'me',
    method: 'GET',
    url: '/api/me',
    auth: 'user',
    summary: 'The signed-in user, their teams and the CSRF token to send as x-csrf-token.',
    handler: async ({ principal }) => {
      const { user, csrfToken } = userOf(principal);
      return { body: { user: { email: user.email, name: user.name, role: user.role, memberOf: user.memberOf, manages: user.manages }, csrfToken } };
    },
  }),
  route({
    id: 'users.create',
    method: 'POST',
    url: '/api/users',
    auth: 'user',
    summary: 'Admins add a user (and their team, when new).',
    body: z
      .object({
        email,
        name: z.string().trim().min(1).max(200),
        role: z.enum(ROLES),
        team: teamName.nullable().default(null),
        password: z.string().min(12).max(1024).nullable().default(null),
      })
      .strict(),
    handler: async ({ body, principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      requireAdmin(actor);
      try {
        const passwordHash = body.password === null ? null : await hashPassword(body.password);
        const user = await services.accounts.createUser({ ...body, passwordHash }, nowMs);
        await audit(services.db, {
          atMs: nowMs,
          actorUserId: actor.id,
          action: 'user.create',
          subject: `user:${user.id}`,
          detail: { email: user.email, role: user.role, team: body.team },
        });
        return { status: 201, body: { user } };
      } catch (e) {
        if (e instanceof AccountError) throw new HttpError(409, e.code, e.message);
        throw e;
      }
    },
  }),
  route({
    id: 'users.remove',
    method: 'DELETE',
    url: '/api/users/:id',
    auth: 'user',
    summary: 'Admins remove a user: their sessions and devices stop working at once.',
    params: z
      .object({
        id: z.coerce
          .number()
          .int()
          .min(1)
          .max(2 ** 31 - 1),
      })
      .strict(),
    handler: async ({ params, principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      requireAdmin(actor);
      if (params.id === actor.id) throw new HttpError(409, 'remove-self', 'You cannot remove yourself; ask another admin.');
      if (!(await services.accounts.removeUser(params.id, nowMs))) throw notFound('The user');
      await audit(services.db, { atMs: nowMs, actorUserId: actor.id, action: 'user.remove', subject: `user:${params.id}`, detail: {} });
      return { body: { ok: true } };
    },
  }),
  route({
    id: 'enrollment-codes.create',
    method: 'POST',
    url: '/api/enrollment-codes',
    auth: 'user',
    summary: "A one-time code that enrolls one device of a rep (yourself, your team's, or anyone's as an admin).",
    body: z.object({ email }).strict(),
    handler: async ({ body, principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      const target = await services.accounts.findActiveByEmail(body.email);
      if (!target || !(await mayActOn(services, actor, target.id)))
        throw forbidden('You can make codes only for yourself or, as a manager, for the members of your teams.');
      const code = newEnrollmentCode();
      const expiresMs = nowMs + ENROLLMENT_CODE_TTL_MS;
      await services.accounts.createEnrollmentCode({ codeHash: hashSecret(normalizeCode(code)), userId: target.id, nowMs, expiresMs });
      return { status: 201, body: { code, email: target.email, expiresMs } };
    },
  }),
  route({
    id: 'devices.revoke',
    method: 'POST',
    url: '/api/devices/:id/revoke',
    auth: 'user',
    summary: 'Revokes a device: its token stops working at once.',
    params: z.object({ id: z.string().min(1).max(64) }).strict(),
    handler: async ({ params, principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      const owner = await services.sync.deviceOwner(params.id);
      if (owner === undefined) throw notFound('The device');
      await requireActOn(services, actor, owner);
      await services.sync.revoke(params.id, nowMs);
      await audit(services.db, { atMs: nowMs, actorUserId: actor.id, action: 'device.revoke', subject: `device:${params.id}`, detail: { owner } });
      return { body: { ok: true } };
    },
  }),
  route({
    id: 'devices.enroll',
    method: 'POST',
    url: '/api/devices/enroll',
    auth: 'none',
    summary: 'Exchanges a one-time code for a device id and token bound to the rep.',
    body: ENROLL_SCHEMA,
    handler: async ({ body, services, request, nowMs }) => {
      await limit(services, `enroll:address:${request.ip}`, ENROLL_LIMIT_PER_ADDRESS, LOGIN_WINDOW_MS, nowMs);
      const token = newToken();
      const deviceId = randomUUID();
      const outcome = await services.sync.enroll(
        hashSecret(normalizeCode(body.code)),
        { id: deviceId, tokenHash: hashSecret(token), schemaVersion: SYNC_SCHEMA_VERSION },
        nowMs,
      );
      if (!outcome.ok) {
        const why = { 'unknown-code': 'This code is not known', 'used-code': 'This code was already used', 'expired-code': 'This code has expired' }[
          outcome.reason
        ];
        throw new HttpError(400, outcome.reason, `${why}. Ask your manager for a new enrollment code.`);
      }
      return { status: 201, body: { deviceId, token, userEmail: outcome.user.email, schemaVersion: SYNC_SCHEMA_VERSION } };
    },
  }),
  route({
    id: 'sync.push',
    method: 'POST',
    url: '/api/sync/push',
    auth: 'device',
    summary: "Stores a contiguous batch of the device's outbox; answers the highest sequence number held.",
    body: SYNC_PUSH_SCHEMA,
    // A newer device's records may not parse here: its schema version is what to talk about.
    precheck: (raw) => {
      const version = typeof raw === 'object' && raw !== null && 'schemaVersion' in raw ? raw.schemaVersion : undefined;
      if (typeof version === 'number' && version > SYNC_SCHEMA_VERSION) {
        throw new HttpError(
          400,
          'schema-too-new',
          `This device sends sync schema ${version}; this server knows up to ${SYNC_SCHEMA_VERSION}. Update the server to the device's Stint version, then sync again.`,
          { serverSchemaVersion: SYNC_SCHEMA_VERSION },
        );
      }
    },
    handler: async ({ body, principal, services, nowMs }) => {
      const { device } = deviceOf(principal);
      if (body.deviceId !== device.id)
        throw new HttpError(403, 'device-mismatch', 'The batch names a device this token does not own. Send the device id the server issued at enrollment.');
      await limit(services, `push:device:${device.id}`, PUSH_LIMIT_PER_MINUTE, 60_000, nowMs);
      // What the policy keeps on the device never lands here, even from a device that ignored it.
      const { policy } = await services.policies.current((await services.accounts.teamIdsOf(device.userId))[0] ?? null);
      const outcome = await services.sync.push(device, body.schemaVersion, withinPolicy(body.batch, policy), nowMs, (trx, stored) =>
        markLateRecords(trx, device.userId, stored, nowMs, services.options.fallbackTimeZone),
      );
      if (!outcome.ok) {
        throw new HttpError(
          409,
          outcome.reason === 'gap' ? 'sequence-gap' : 'concurrent-push',
          `The server holds this device's records up to ${outcome.expectedSeq - 1}: send from ${outcome.expectedSeq}.`,
          {
            expectedSeq: outcome.expectedSeq,
          },
        );
      }
      return { body: { ackSeq: outcome.ackSeq, stored: outcome.stored } };
    },
  }),
  route({
    id: 'sync.status',
    method: 'POST',
    url: '/api/sync/status',
    auth: 'device',
    summary: "The device's live status (every 30 s while the app runs).",
    body: DEVICE_STATUS_SCHEMA,
    handler: async ({ body, principal, services, nowMs }) => {
      const { device } = deviceOf(principal);
      if (body.deviceId !== device.id) throw new HttpError(403, 'device-mismatch', 'The status names a device this token does not own.');
      await limit(services, `status:device:${device.id}`, STATUS_LIMIT_PER_MINUTE, 60_000, nowMs);
      const current = await services.policies.current((await services.accounts.teamIdsOf(device.userId))[0] ?? null);
      // A device learns of a tighter policy a heartbeat after this status: what the policy keeps local is not stored.
      await services.sync.saveStatus(device, current.policy.upload.titles || body.app == null ? body : { ...body, app: null }, nowMs);
      // What the device pulls, as revisions: it asks for the policy or its weeks only when one moved.
      const weeksRevision = await new WeeksStore(services.db).revision(device.userId);
      return { body: { receivedMs: nowMs, policyRevision: `${current.teamId ?? 'org'}:${current.version}`, weeksRevision } satisfies SyncStatusResult };
    },
  }),
  route({
    id: 'sync.week-records',
    method: 'GET',
    url: '/api/sync/week-records',
    auth: 'device',
    summary:
      "The synced time records of the rep's other devices that the server reads for the workweek starting `week`: the device computes the week it submits over its own and these.",
    query: WEEK_RECORDS_QUERY_SCHEMA,
    handler: async ({ query, principal, services, nowMs }) => {
      // The token's own rep and nobody else: no user in the query, so another rep's records cannot be asked for.
      const { device, user } = deviceOf(principal);
      await limit(services, `week-records:device:${device.id}`, WEEK_RECORDS_LIMIT_PER_MINUTE, 60_000, nowMs);
      const records = await otherDevicesWeekRecords(services.db, user.id, device.id, query.week);
      return { body: { week: query.week, records } satisfies WeekRecordsResult };
    },
  }),
  route({
    id: 'status.list',
    method: 'GET',
    url: '/api/status',
    auth: 'user',
    summary: 'Who is working now: the latest status of each device you may see; stale ones are offline.',
    handler: async ({ principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      const teams = visibleTeams(actor);
      const userIds = teams === null ? null : [actor.id, ...(await services.accounts.reps({ teamIds: teams, userId: null })).map((r) => r.id)];
      const rows = await services.sync.statuses(userIds);
      return {
        body: {
          devices: rows.map((r) => {
            const status = DEVICE_STATUS_SCHEMA.parse(JSON.parse(r.payload)) satisfies DeviceStatus;
            return { deviceId: r.deviceId, email: r.email, name: r.name, receivedMs: r.receivedMs, online: nowMs - r.receivedMs <= STATUS_STALE_MS, status };
          }),
        },
      };
    },
  }),
  route({
    id: 'policy.get',
    method: 'GET',
    url: '/api/policy',
    auth: 'device',
    summary: "The policy in force for the device's rep (their team's, else the org's), with its version.",
    handler: async ({ principal, services }) => {
      const { user } = deviceOf(principal);
      const teams = await services.accounts.teamIdsOf(user.id);
      const current = await services.policies.current(teams[0] ?? null);
      return { body: { version: current.version, teamId: current.teamId, policy: current.policy } };
    },
  }),
  route({
    id: 'policy.put',
    method: 'PUT',
    url: '/api/policy',
    auth: 'user',
    summary: "Saves a new version of the org's policy (admins) or a team's (its managers); audited.",
    body: z.object({ team: teamName.nullable(), policy: POLICY_SCHEMA }).strict(),
    handler: async ({ body, principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      let teamId: number | null = null;
      if (body.team !== null) {
        const team = await services.accounts.teamByName(body.team);
        if (!team) throw notFound(`The team ${body.team}`);
        teamId = team.id;
      }
      const allowed = actor.role === 'admin' || (actor.role === 'manager' && teamId !== null && actor.manages.includes(teamId));
      if (!allowed) throw forbidden("Admins set the org's policy; managers set their own teams' policies.");
      const saved = await services.policies.put(teamId, body.policy, actor.id, nowMs);
      return { body: { version: saved.version, teamId: saved.teamId, policy: saved.policy } };
    },
  }),
  route({
    id: 'reports.hours',
    method: 'GET',
    url: '/api/reports/hours',
    auth: 'user',
    summary: "Each rep's worked, break and manual seconds per local day, from the synced records.",
    query: z
      .object({ from: isoDate, to: isoDate, team: teamName.optional(), user: email.optional() })
      .strict()
      .refine((q) => q.from <= q.to, { message: 'from must not be after to' })
      .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: 'a report covers at most a year' }),
    handler: async ({ query, principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      const reps = await repsInScope(services, actor, query.team ?? null, query.user ?? null);
      const { policy } = await services.policies.current(null);
      return { body: { from: query.from, to: query.to, reps: await hoursReport(services.db, reps, query, policy, nowMs, services.options.fallbackTimeZone) } };
    },
  }),
  route({
    id: 'reports.team',
    method: 'GET',
    url: '/api/reports/team',
    auth: 'user',
    summary:
      'The team report over a range (managers and admins): time use by category and app, productivity per day and calls, per rep and for the team (each rep categorized by the rules of their team’s policy); `user` narrows it to one rep; `format=csv` with `table` gives one table as CSV.',
    query: z
      .object({
        from: isoDate,
        to: isoDate,
        team: teamName.optional(),
        user: email.optional(),
        format: z.enum(['json', 'csv']).default('json'),
        table: z.enum(REPORT_TABLES).default('calls'),
      })
      .strict()
      .refine((q) => q.from <= q.to, { message: 'from must not be after to' })
      .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: 'a report covers at most a year' }),
    handler: async ({ query, principal, services, reply }) => {
      const actor = userOf(principal).user;
      if (actor.role === 'rep') throw forbidden('Team reports are for managers and admins; your own figures are in the Stint app.');
      const reps = await repsInScope(services, actor, query.team ?? null, query.user ?? null);
      const { policy } = await services.policies.current(null);
      const report = await teamReport(services.db, reps, query, policy);
      if (query.format === 'json') return { body: report };
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="team-${query.table}-${query.from}-${query.to}.csv"`);
      return { body: teamReportCsv(report, query.table) };
    },
  }),
  route({
    id: 'timesheets.submit',
    method: 'POST',
    url: '/api/timesheets/submit',
    auth: 'device',
    summary: "Submits the rep's computed week; refused with both figures when the server's computation differs by a second.",
    body: SUBMIT_WEEK_SCHEMA,
    handler: async ({ body, principal, services, nowMs }) => {
      const { device, user } = deviceOf(principal);
      if (body.deviceId !== device.id) throw new HttpError(403, 'device-mismatch', 'The submission names a device this token does not own.');
      return { status: 201, body: { week: await payroll(() => submitWeek(services, user, body, nowMs)) } };
    },
  }),
  route({
    id: 'timesheets.weeks',
    method: 'GET',
    url: '/api/timesheets/weeks',
    auth: 'device',
    summary: "The rep's submitted weeks from a date on: state, lock and the manager's comment (for the Timesheet view).",
    query: z.object({ from: isoDate }).strict(),
    handler: async ({ query, principal, services }) => {
      const { user } = deviceOf(principal);
      return { body: { weeks: await weekStates(services, user.id, query.from) } };
    },
  }),
  route({
    id: 'timesheets.week-csv',
    method: 'GET',
    url: '/api/timesheets/week.csv',
    auth: 'user',
    summary: 'An approved week as CSV: your own, or (managers, admins) a rep of yours.',
    query: z.object({ week: isoDate, user: email.optional() }).strict(),
    handler: async ({ query, principal, services, reply }) => {
      const actor = userOf(principal).user;
      let target: { id: number; email: string; name: string } = actor;
      if (query.user !== undefined) {
        const found = await services.accounts.findActiveByEmail(query.user);
        if (!found || !(await mayActOn(services, actor, found.id)))
          throw forbidden('You can download only your own weeks or, as a manager, those of your teams.');
        target = found;
      }
      const result = await approvedWeekCsv(services, target, query.week);
      if (!('text' in result))
        throw new HttpError(409, 'not-approved', `The week of ${result.weekStart} is ${result.status}, not approved: only approved weeks can be downloaded.`, {
          status: result.status,
        });
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${result.fileName}"`);
      return { body: result.text };
    },
  }),
  route({
    id: 'approvals.list',
    method: 'GET',
    url: '/api/approvals',
    auth: 'user',
    summary: 'Weeks to decide on: with week, every rep in scope and their week holding that date; without, all weeks waiting.',
    query: z.object({ week: isoDate.optional(), team: teamName.optional() }).strict(),
    handler: async ({ query, principal, services }) => {
      const actor = userOf(principal).user;
      if (actor.role === 'rep') throw forbidden('Managers and admins approve weeks; see your own weeks in the Timesheet view.');
      const reps = await repsInScope(services, actor, query.team ?? null, null);
      return { body: { weeks: await approvalList(services, reps, query.week ?? null) } satisfies z.infer<typeof APPROVALS_SCHEMA> };
    },
  }),
  ...(['approve', 'reject', 'reopen'] as const).map((decision) =>
    route({
      id: `approvals.${decision}`,
      method: 'POST',
      url: `/api/approvals/${decision}`,
      auth: 'user',
      summary:
        decision === 'approve'
          ? "Approves a rep's week (managers of their team, admins): the figures the server computes now, which lock the workweek."
          : decision === 'reject'
            ? 'Rejects a submitted week with a comment the rep sees.'
            : 'Reopens an approved week; the reason is required and audited.',
      body: z.object({ user: email, week: isoDate, comment: z.string().max(2000).nullable().default(null) }).strict(),
      handler: async ({ body, principal, services, nowMs }) => {
        const actor = userOf(principal).user;
        return {
          body: { week: await payroll(() => decideWeek(services, actor, { email: body.user, date: body.week, decision, comment: body.comment }, nowMs)) },
        };
      },
    }),
  ),
  route({
    id: 'pay.list',
    method: 'GET',
    url: '/api/pay',
    auth: 'user',
    summary: 'Every rep with their pay data (admins); null where it was never set and the defaults apply.',
    handler: async ({ principal, services }) => {
      requireAdmin(userOf(principal).user);
      const reps = await services.accounts.reps({ teamIds: null, userId: null });
      const profiles = await new WeeksStore(services.db).payProfiles(reps.map((r) => r.id));
      const users: PayList['users'] = reps.map((r) => ({ email: r.email, name: r.name, team: r.team, profile: profiles.get(r.id) ?? null }));
      return { body: { users } };
    },
  }),
  route({
    id: 'pay.get',
    method: 'GET',
    url: '/api/pay/:email',
    auth: 'user',
    summary: "A user's pay data (admins).",
    params: z.object({ email }).strict(),
    handler: async ({ params, principal, services }) => {
      requireAdmin(userOf(principal).user);
      const user = await services.accounts.findActiveByEmail(params.email);
      if (!user) throw notFound(`The user ${params.email}`);
      const profile = (await new WeeksStore(services.db).payProfiles([user.id])).get(user.id) ?? null;
      return { body: { email: user.email, profile } };
    },
  }),
  route({
    id: 'pay.put',
    method: 'PUT',
    url: '/api/pay/:email',
    auth: 'user',
    summary: "Sets a user's pay type, rate, multipliers and payroll ids (admins); audited with before and after.",
    params: z.object({ email }).strict(),
    body: PAY_PROFILE_SCHEMA,
    handler: async ({ params, body, principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      requireAdmin(actor);
      const user = await services.accounts.findActiveByEmail(params.email);
      if (!user) throw notFound(`The user ${params.email}`);
      await new WeeksStore(services.db).putPayProfile(user.id, body, actor.id, nowMs);
      return { body: { email: user.email, profile: body } };
    },
  }),
  route({
    id: 'payroll.preview',
    method: 'GET',
    url: '/api/exports/payroll',
    auth: 'user',
    summary:
      'Validates a pay period before exporting it (admins): who has weeks not approved or lacks the format’s id, earlier exports of the period and what changed since; nothing is marked.',
    query: z
      .object({
        from: isoDate,
        to: isoDate,
        format: z.enum(EXPORT_FORMATS),
        team: teamName.optional(),
        coCode: z.string().trim().min(1).max(3).optional(),
        batchId: z.string().trim().min(1).max(20).optional(),
        clientId: z.string().trim().min(1).max(8).optional(),
      })
      .strict()
      .refine((q) => q.from <= q.to, { message: 'from must not be after to' })
      .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000, { message: 'a pay period covers at most two months' }),
    handler: async ({ query, principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      requireAdmin(actor);
      const teamIds = await exportTeamIds(services, query.team ?? null);
      const options: ExportOptions = {
        adp: { ...DEFAULT_EXPORT_OPTIONS.adp, coCode: query.coCode ?? null, batchId: query.batchId ?? null },
        paychex: { ...DEFAULT_EXPORT_OPTIONS.paychex, clientId: query.clientId ?? null },
        iif: DEFAULT_EXPORT_OPTIONS.iif,
      };
      // The same code path as the export and the CLI, told to validate only.
      const r = await payroll(() =>
        payrollExport(
          services,
          { from: query.from, to: query.to, format: query.format, teamIds, options, partial: false, actorUserId: actor.id, preview: true },
          nowMs,
        ),
      );
      const body: PayrollPreview = {
        ok: r.ok,
        format: query.format satisfies ExportFormat,
        from: query.from,
        to: query.to,
        missingOptions: r.missingOptions,
        problems: r.problems,
        employees: r.employees,
        totals: r.totals,
        previous: r.previous,
        changes: r.changes,
      };
      return { body };
    },
  }),
  route({
    id: 'payroll.export',
    method: 'POST',
    url: '/api/exports/payroll',
    auth: 'user',
    summary: 'Exports approved time of a pay period (admins): validated, marked as exported; problems are listed, never dropped.',
    body: z
      .object({
        from: isoDate,
        to: isoDate,
        format: z.enum(EXPORT_FORMATS),
        team: teamName.nullable().default(null),
        partial: z.boolean().default(false),
        adp: z
          .object({
            coCode: z.string().trim().min(1).max(3),
            batchId: z.string().trim().min(1).max(20),
            doubleTimeCode: z.string().trim().min(1).max(3).default('D'),
          })
          .strict()
          .optional(),
        paychex: z
          .object({ clientId: z.string().trim().min(1).max(8) })
          .strict()
          .optional(),
        iif: z
          .object({ companyName: z.string().max(200).default(''), companyCreateTime: z.string().max(40).default('') })
          .strict()
          .optional(),
      })
      .strict()
      .refine((q) => q.from <= q.to, { message: 'from must not be after to' })
      .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000, { message: 'a pay period covers at most two months' }),
    handler: async ({ body, principal, services, nowMs }) => {
      const actor = userOf(principal).user;
      requireAdmin(actor);
      const teamIds = await exportTeamIds(services, body.team);
      const options = {
        adp: body.adp ?? DEFAULT_EXPORT_OPTIONS.adp,
        paychex: { ...DEFAULT_EXPORT_OPTIONS.paychex, clientId: body.paychex?.clientId ?? null },
        iif: { ...DEFAULT_EXPORT_OPTIONS.iif, ...body.iif },
      };
      const result = await payroll(() =>
        payrollExport(services, { from: body.from, to: body.to, format: body.format, teamIds, options, partial: body.partial, actorUserId: actor.id }, nowMs),
      );
      return {
        status: result.ok ? 201 : 409,
        body: result.ok ? result : { error: 'export-incomplete', message: problemsMessage(result.problems.length), ...result },
      };
    },
  }),
  route({
    id: 'audit.list',
    method: 'GET',
    url: '/api/audit',
    auth: 'user',
    summary:
      'The audit log (admins): submissions, approvals, rejections, reopenings, policy and pay changes, exports; by action prefix and by user (what they did or what was done to them); JSON or CSV.',
    query: z
      .object({
        from: isoDate,
        to: isoDate,
        action: z.string().max(64).optional(),
        user: email.optional(),
        format: z.enum(['json', 'csv']).default('json'),
      })
      .strict(),
    handler: async ({ query, principal, services, reply }) => {
      requireAdmin(userOf(principal).user);
      let userId: number | null = null;
      if (query.user !== undefined) {
        const found = await services.accounts.findActiveByEmail(query.user);
        if (!found) throw notFound(`The user ${query.user}`);
        userId = found.id;
      }
      const entries = await auditEntries(services.db, {
        fromMs: Date.parse(`${query.from}T00:00:00Z`),
        toMs: Date.parse(`${query.to}T00:00:00Z`) + 86_400_000,
        actionPrefix: query.action ?? null,
        userId,
        limit: 100_000,
      });
      if (query.format === 'csv') {
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', `attachment; filename="stint-audit-${query.from}-${query.to}.csv"`);
        return { body: auditCsv(entries) };
      }
      return { body: { entries } satisfies z.input<typeof AUDIT_SCHEMA> };
    },
  }),
  // The manager's and admin's web app (server/http/team-routes.ts, admin-routes.ts).
  ...TEAM_ROUTES,
  ...ADMIN_ROUTES,
  ...IMPORT_ROUTES,
];

const PAYROLL_STATUS: Record<PayrollErrorCode, number> = {
  'not-week-start': 400,
  'week-locked': 409,
  'figures-differ': 409,
  'unknown-user': 404,
  'not-allowed': 403,
  'not-submitted': 404,
  'wrong-state': 409,
  'comment-required': 400,
  'changed-since': 409,
  conflict: 409,
  'export-incomplete': 400,
  'export-invalid': 500,
};

/** The teams an export covers: all (null), or the one named. */
async function exportTeamIds(services: Services, team: string | null): Promise<number[] | null> {
  if (team === null) return null;
  const found = await services.accounts.teamByName(team);
  if (!found) throw notFound(`The team ${team}`);
  return [found.id];
}

/** Runs payroll domain code; its refusals become HTTP refusals with the same code. */
async function payroll<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof PayrollError) throw new HttpError(PAYROLL_STATUS[e.code], e.code, e.message, e.extra);
    throw e;
  }
}

const problemsMessage = (n: number) =>
  `${n} ${n === 1 ? 'problem stands' : 'problems stand'} in the way (listed in problems): approve the weeks and add the missing ids, or export with partial to leave those people out knowingly.`;

/** Window titles and urls leave out what the policy does not let leave the device. */
export function withinPolicy(batch: readonly SyncRecord[], policy: Policy): SyncRecord[] {
  return batch.map((r) => {
    if (r.kind !== 'activity') return r;
    const { title, url, ...rest } = r;
    return { ...rest, ...(policy.upload.titles && title !== undefined ? { title } : {}), ...(policy.upload.urls && url !== undefined ? { url } : {}) };
  });
}

/** The reps a report covers, narrowed by team and user; a filter outside the actor's reach is refused. */
async function repsInScope(services: Services, actor: UserWithTeams, team: string | null, user: string | null) {
  let teamIds = visibleTeams(actor);
  if (team !== null) {
    const found = await services.accounts.teamByName(team);
    if (!found) throw notFound(`The team ${team}`);
    if (teamIds !== null && !teamIds.includes(found.id)) throw forbidden('You can see only the teams you manage.');
    teamIds = [found.id];
  }
  let userId: number | null = null;
  if (user !== null) {
    const found = await services.accounts.findActiveByEmail(user);
    if (!found) throw notFound(`The user ${user}`);
    if (!(await mayActOn(services, actor, found.id))) throw forbidden('You can see only yourself or the members of your teams.');
    userId = found.id;
  }
  if (actor.role === 'rep') return services.accounts.reps({ teamIds: null, userId: actor.id });
  return services.accounts.reps({ teamIds, userId });
}

export { SESSION_COOKIE };

/**
 * Every route of the table × every kind of caller. The expectations are keyed by route id and must cover
 * the table exactly, so a new route fails here until someone says who may call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, SYNC_SCHEMA_VERSION } from '../../shared/sync/contract';
import { enrollmentCode } from '../admin';
import { hashSecret, newToken } from '../auth/secrets';
import { createHarness, PASSWORD, PEOPLE, T0, type Harness, type Person, type Session } from '../test-support/harness';
import { DIALECTS } from '../test-support/test-db';
import { ROUTES } from './routes';
import { computeWeek, payRulesOf } from '../../shared/payroll/week';
import { addDays } from '../../shared/timesheet/local-time';
import { decideWeek, submitWeek } from '../payroll/approvals';

const NO_RECORDS = { sessions: [], corrections: [], idle: [], idleChoices: [] };
const emptyWeek = (weekStart: string) => computeWeek(NO_RECORDS, weekStart, payRulesOf(DEFAULT_POLICY), T0, 'UTC');
let weekCounter = 0;
/** A week of rep A submitted by their device (and approved by the admin when asked), each call a new one. */
async function submittedWeek(h: Harness, deviceId: string, approved = false): Promise<string> {
  const weekStart = addDays('2025-01-06', 7 * ++weekCounter);
  const rep = (await h.services.accounts.findActiveByEmail(PEOPLE.rep.email))!;
  await submitWeek(h.services, rep, { deviceId, policyVersion: 0, figures: emptyWeek(weekStart) }, T0);
  if (approved) {
    const admin = await h.services.accounts.withTeams((await h.services.accounts.findActiveByEmail(PEOPLE.admin.email))!);
    await decideWeek(h.services, admin, { email: PEOPLE.rep.email, date: weekStart, decision: 'approve', comment: null }, T0);
  }
  return weekStart;
}
let approvedForCsv: string | null = null;
/** A one-call generic log of rep A for team A (import routes). */
const IMPORT_SAMPLE = {
  team: 'A',
  file: {
    name: 'calls.csv',
    base64: Buffer.from(`id,start,direction,answered,talk_seconds,agent\nm-1,2026-03-02T09:00:00Z,out,yes,60,${PEOPLE.rep.email}\n`).toString('base64'),
  },
};

const ACTORS = ['admin', 'manager', 'otherManager', 'rep', 'otherRep', 'anonymous', 'device', 'revokedDevice'] as const;
type Actor = (typeof ACTORS)[number];

interface Cell {
  url: string;
  payload?: unknown;
}
type Sample = (h: Harness, device: { deviceId: string; token: string }) => Promise<Cell>;

let counter = 0;
const ok = (status: number): Record<Actor, number> => Object.fromEntries(ACTORS.map((a) => [a, status])) as Record<Actor, number>;
/** Signed-in users only: devices and anonymous callers have no session. */
const users = (statuses: Partial<Record<Person, number>>, otherwise = 200): Record<Actor, number> => ({
  admin: otherwise,
  manager: otherwise,
  otherManager: otherwise,
  rep: otherwise,
  otherRep: otherwise,
  ...statuses,
  anonymous: 401,
  device: 401,
  revokedDevice: 401,
});
const deviceOnly: Record<Actor, number> = { ...ok(401), device: 200 };
const adminOnly = (status: number) => users({ admin: status }, 403);
/** Acting on rep A: admins, team A's manager and rep A themselves. */
const onRepA = (status: number) => users({ admin: status, manager: status, rep: status }, 403);

const MATRIX: Record<string, { sample: Sample; expect: Record<Actor, number> }> = {
  openapi: { sample: async () => ({ url: '/api/openapi.json' }), expect: ok(200) },
  healthz: { sample: async () => ({ url: '/healthz' }), expect: ok(200) },
  readyz: { sample: async () => ({ url: '/readyz' }), expect: ok(200) },
  login: { sample: async () => ({ url: '/api/login', payload: { email: PEOPLE.rep.email, password: 'correct horse battery' } }), expect: ok(200) },
  logout: { sample: async () => ({ url: '/api/logout' }), expect: users({}) },
  me: { sample: async () => ({ url: '/api/me' }), expect: users({}) },
  'users.create': {
    sample: async () => ({ url: '/api/users', payload: { email: `new${++counter}@example.com`, name: 'New', role: 'rep', team: 'A' } }),
    expect: adminOnly(201),
  },
  'users.remove': {
    sample: async (h) => {
      const user = await h.services.accounts.createUser(
        { email: `gone${++counter}@example.com`, name: 'Gone', role: 'rep', passwordHash: null, team: 'A' },
        T0,
      );
      return { url: `/api/users/${user.id}` };
    },
    expect: adminOnly(200),
  },
  'enrollment-codes.create': { sample: async () => ({ url: '/api/enrollment-codes', payload: { email: PEOPLE.rep.email } }), expect: onRepA(201) },
  'devices.revoke': {
    sample: async (h) => ({ url: `/api/devices/${(await h.enroll('rep')).deviceId}/revoke` }),
    expect: onRepA(200),
  },
  'devices.enroll': {
    sample: async (h) => ({ url: '/api/devices/enroll', payload: { code: (await enrollmentCode(h.services, PEOPLE.rep.email)).code } }),
    expect: ok(201),
  },
  'sync.push': {
    sample: async (_h, device) => ({ url: '/api/sync/push', payload: { schemaVersion: SYNC_SCHEMA_VERSION, deviceId: device.deviceId, batch: [] } }),
    expect: deviceOnly,
  },
  'sync.status': {
    sample: async (_h, device) => ({
      url: '/api/sync/status',
      payload: { deviceId: device.deviceId, atMs: T0, clockedIn: true, onBreak: false, onCall: false, category: null, todayWorkedSeconds: 60 },
    }),
    expect: deviceOnly,
  },
  'sync.week-records': { sample: async () => ({ url: '/api/sync/week-records?week=2026-03-02' }), expect: deviceOnly },
  'status.list': { sample: async () => ({ url: '/api/status' }), expect: users({}) },
  'policy.get': { sample: async () => ({ url: '/api/policy' }), expect: deviceOnly },
  'policy.put': {
    sample: async () => ({ url: '/api/policy', payload: { team: 'A', policy: DEFAULT_POLICY } }),
    expect: users({ admin: 200, manager: 200 }, 403),
  },
  'timesheets.submit': {
    sample: async (_h, device) => ({
      url: '/api/timesheets/submit',
      payload: { deviceId: device.deviceId, policyVersion: 0, figures: emptyWeek('2026-03-02') },
    }),
    expect: { ...ok(401), device: 201 },
  },
  'timesheets.weeks': { sample: async () => ({ url: '/api/timesheets/weeks?from=2026-01-05' }), expect: deviceOnly },
  'timesheets.week-csv': {
    sample: async (h, device) => {
      approvedForCsv ??= await submittedWeek(h, device.deviceId, true);
      return { url: `/api/timesheets/week.csv?week=${approvedForCsv}&user=${PEOPLE.rep.email}` };
    },
    expect: onRepA(200),
  },
  'approvals.list': { sample: async () => ({ url: '/api/approvals?week=2026-03-02' }), expect: users({ rep: 403, otherRep: 403 }) },
  'approvals.approve': {
    sample: async (h, device) => ({ url: '/api/approvals/approve', payload: { user: PEOPLE.rep.email, week: await submittedWeek(h, device.deviceId) } }),
    expect: users({ admin: 200, manager: 200 }, 403),
  },
  'approvals.reject': {
    sample: async (h, device) => ({
      url: '/api/approvals/reject',
      payload: { user: PEOPLE.rep.email, week: await submittedWeek(h, device.deviceId), comment: 'Tuesday is missing the client visit.' },
    }),
    expect: users({ admin: 200, manager: 200 }, 403),
  },
  'approvals.reopen': {
    sample: async (h, device) => ({
      url: '/api/approvals/reopen',
      payload: { user: PEOPLE.rep.email, week: await submittedWeek(h, device.deviceId, true), comment: 'The rep forgot a day.' },
    }),
    expect: users({ admin: 200, manager: 200 }, 403),
  },
  'pay.list': { sample: async () => ({ url: '/api/pay' }), expect: adminOnly(200) },
  'pay.get': { sample: async () => ({ url: `/api/pay/${PEOPLE.rep.email}` }), expect: adminOnly(200) },
  'pay.put': { sample: async () => ({ url: `/api/pay/${PEOPLE.rep.email}`, payload: { payType: 'hourly', regularRateCents: 2500 } }), expect: adminOnly(200) },
  'payroll.preview': { sample: async () => ({ url: '/api/exports/payroll?from=2024-01-01&to=2024-01-07&format=csv' }), expect: adminOnly(200) },
  'payroll.export': {
    sample: async () => ({ url: '/api/exports/payroll', payload: { from: '2024-01-01', to: '2024-01-07', format: 'csv' } }),
    expect: adminOnly(201),
  },
  'audit.list': { sample: async () => ({ url: '/api/audit?from=2026-03-01&to=2026-03-31&format=csv' }), expect: adminOnly(200) },
  'team.now': { sample: async () => ({ url: '/api/team/now' }), expect: users({ rep: 403, otherRep: 403 }) },
  'team.events': { sample: async () => ({ url: '/api/team/events' }), expect: users({ rep: 403, otherRep: 403 }) },
  'team.rep': { sample: async (h) => ({ url: `/api/team/reps/${h.ids.rep}` }), expect: onRepA(200) },
  'team.repRequest': {
    sample: async (h) => ({ url: `/api/team/reps/${h.ids.rep}/request`, payload: { name: 'timesheet.get', input: { from: '2026-03-02', to: '2026-03-08' } } }),
    expect: users({ admin: 200, manager: 200 }, 403),
  },
  setup: { sample: async () => ({ url: '/api/setup' }), expect: adminOnly(200) },
  'users.list': { sample: async () => ({ url: '/api/users' }), expect: adminOnly(200) },
  'teams.list': { sample: async () => ({ url: '/api/teams' }), expect: users({ rep: 403, otherRep: 403 }) },
  'teams.create': { sample: async () => ({ url: '/api/teams', payload: { name: `Team ${++counter}` } }), expect: adminOnly(201) },
  'teams.members.add': {
    sample: async (h) => ({ url: `/api/teams/${(await h.services.accounts.teamByName('A'))!.id}/members`, payload: { email: PEOPLE.rep.email, as: 'member' } }),
    expect: adminOnly(200),
  },
  'devices.list': { sample: async () => ({ url: '/api/devices' }), expect: users({}) },
  'policy.history': { sample: async () => ({ url: '/api/policy/history?team=A' }), expect: users({ admin: 200, manager: 200 }, 403) },
  'account.password': {
    sample: async () => ({ url: '/api/account/password', payload: { current: PASSWORD, next: PASSWORD } }),
    expect: users({}),
  },
  'reports.team': { sample: async () => ({ url: '/api/reports/team?from=2026-03-02&to=2026-03-08&team=A' }), expect: users({ admin: 200, manager: 200 }, 403) },
  'imports.preview': { sample: async () => ({ url: '/api/imports/preview', payload: IMPORT_SAMPLE }), expect: users({ admin: 200, manager: 200 }, 403) },
  'imports.commit': { sample: async () => ({ url: '/api/imports/commit', payload: IMPORT_SAMPLE }), expect: users({ admin: 200, manager: 200 }, 403) },
  'imports.mapping': { sample: async () => ({ url: '/api/imports/mapping?team=A' }), expect: users({ admin: 200, manager: 200 }, 403) },
  'imports.mapping.set': {
    sample: async () => ({ url: '/api/imports/mapping', payload: { team: 'A', name: 'Rep A (dialer)', email: PEOPLE.rep.email } }),
    expect: users({ admin: 200, manager: 200 }, 403),
  },
  'reports.sales': {
    sample: async () => ({ url: '/api/reports/sales?from=2026-03-02&to=2026-03-08&team=A' }),
    expect: users({ admin: 200, manager: 200 }, 403),
  },
  'reports.hours': { sample: async () => ({ url: `/api/reports/hours?from=2026-03-02&to=2026-03-08&user=${PEOPLE.rep.email}` }), expect: onRepA(200) },
};

it('the matrix covers exactly the routes of the table', () => {
  expect(Object.keys(MATRIX).sort()).toEqual(ROUTES.map((r) => r.id).sort());
});

describe.each(DIALECTS)('role matrix (%s)', (dialect) => {
  let h: Harness;
  let device: { deviceId: string; token: string };
  let revoked: { deviceId: string; token: string };
  beforeAll(async () => {
    h = await createHarness(dialect);
    approvedForCsv = null;
    device = await h.enroll('rep');
    revoked = await h.enroll('rep');
    await h.services.sync.revoke(revoked.deviceId, T0);
  });
  afterAll(() => h.close());

  /** A fresh session straight in the store: logout must not end the session another cell uses. */
  const sessionOf = async (person: Person): Promise<Session> => {
    const token = newToken();
    const csrf = newToken();
    await h.services.accounts.createSession({ tokenHash: hashSecret(token), userId: h.ids[person], csrfToken: csrf, nowMs: T0, expiresMs: T0 + 3600_000 });
    return { cookie: `stint_session=${token}`, csrf };
  };

  for (const r of ROUTES) {
    it(`${r.method} ${r.url}`, async () => {
      const cell = MATRIX[r.id]!;
      const got: Partial<Record<Actor, number>> = {};
      for (const actor of ACTORS) {
        const { url, payload } = await cell.sample(h, device);
        const auth =
          actor === 'anonymous'
            ? {}
            : actor === 'device'
              ? { token: device.token }
              : actor === 'revokedDevice'
                ? { token: revoked.token }
                : { session: await sessionOf(actor) };
        const res = await h.request({ method: r.method, url, payload, ...auth });
        got[actor] = res.statusCode;
      }
      expect(got).toEqual(cell.expect);
    });
  }
});

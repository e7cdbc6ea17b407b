/**
 * Every route of the table with malformed, mutated and oversized input, signed in as an admin and as an
 * enrolled device: never a 5xx, and a refusal writes nothing (rate-limit counters aside, which count
 * attempts on purpose).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, SYNC_SCHEMA_VERSION } from '../../shared/sync/contract';
import { hashSecret, newToken } from '../auth/secrets';
import { createHarness, PEOPLE, T0, type Harness, type Session } from '../test-support/harness';
import { session as sessionRecord } from '../test-support/records';
import { DIALECTS } from '../test-support/test-db';
import { BODY_LIMIT_BYTES } from './app';
import { ROUTES } from './routes';
import { computeWeek, payRulesOf } from '../../shared/payroll/week';

const TABLES = [
  'users',
  'teams',
  'team_members',
  'team_managers',
  'enrollment_codes',
  'devices',
  'records',
  'device_status',
  'policies',
  'audit_log',
  'timesheet_weeks',
  'pay_profiles',
  'payroll_exports',
  'team_import_names',
  'team_calls',
  'team_opportunities',
  'team_leads',
] as const;
const NO_RECORDS = { sessions: [], corrections: [], idle: [], idleChoices: [] };

function validBody(id: string, deviceId: string): Record<string, unknown> | null {
  switch (id) {
    case 'login':
      return { email: PEOPLE.rep.email, password: 'not the password' };
    case 'users.create':
      return { email: 'fuzz@example.com', name: 'Fuzz', role: 'rep', team: 'A' };
    case 'enrollment-codes.create':
      return { email: PEOPLE.rep.email };
    case 'devices.enroll':
      return { code: 'AAAA-BBBB-CCCC' };
    case 'sync.push':
      return { schemaVersion: SYNC_SCHEMA_VERSION, deviceId, batch: [sessionRecord(1, T0, 1)] };
    case 'sync.status':
      return { deviceId, atMs: T0, clockedIn: true, onBreak: false, onCall: false, category: null, todayWorkedSeconds: 60 };
    case 'policy.put':
      return { team: 'A', policy: DEFAULT_POLICY };
    case 'timesheets.submit':
      return { deviceId, policyVersion: 0, figures: computeWeek(NO_RECORDS, '2026-03-02', payRulesOf(DEFAULT_POLICY), T0, 'UTC') };
    case 'approvals.approve':
    case 'approvals.reject':
    case 'approvals.reopen':
      return { user: PEOPLE.rep.email, week: '2026-03-02', comment: 'fuzz' };
    case 'pay.put':
      return { payType: 'hourly', regularRateCents: 2500, adpFileNumber: '000101' };
    case 'payroll.export':
      return { from: '2026-03-02', to: '2026-03-08', format: 'adp', adp: { coCode: 'WXY', batchId: 'B1' } };
    case 'teams.create':
      return { name: 'Fuzz team' };
    case 'teams.members.add':
      return { email: PEOPLE.rep.email, as: 'member' };
    case 'imports.preview':
    case 'imports.commit':
      return {
        team: 'A',
        file: {
          name: 'calls.csv',
          base64: Buffer.from(`id,start,direction,answered,talk_seconds,agent\nf-1,2026-03-02T09:00:00Z,out,yes,60,${PEOPLE.rep.email}\n`).toString('base64'),
        },
        timeZone: 'UTC',
      };
    case 'imports.mapping.set':
      return { team: 'A', name: 'Fuzz Agent', email: PEOPLE.rep.email };
    case 'account.password':
      return { current: 'not the password', next: 'a new long password' };
    default:
      return null;
  }
}

/** A valid body with one field broken: replaced by any JSON value, dropped, or joined by an unknown one. */
const mutated = (body: Record<string, unknown>) =>
  fc.oneof(
    fc.record({ key: fc.constantFrom(...Object.keys(body)), value: fc.jsonValue() }).map(({ key, value }) => ({ ...body, [key]: value })),
    fc.constantFrom(...Object.keys(body)).map((key) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key))),
    fc.record({ key: fc.string({ maxLength: 8 }), value: fc.jsonValue() }).map(({ key, value }) => ({ ...body, [`x${key}`]: value })),
  );

const rawBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '{"a":', '[1,2', '\u0000', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}'),
);

describe.each(DIALECTS)('fuzz (%s)', (dialect) => {
  let h: Harness;
  let admin: Session;
  let device: { deviceId: string; token: string };
  beforeAll(async () => {
    h = await createHarness(dialect);
    device = await h.enroll('rep');
  });
  // A new admin session for each route: the logout route ends the one it is sent with.
  beforeEach(async () => {
    const token = newToken();
    admin = { cookie: `stint_session=${token}`, csrf: newToken() };
    await h.services.accounts.createSession({ tokenHash: hashSecret(token), userId: h.ids.admin, csrfToken: admin.csrf, nowMs: T0, expiresMs: T0 + 10 ** 12 });
  });
  afterAll(() => h.close());

  const snapshot = async () => {
    const out: Record<string, unknown> = {};
    for (const table of TABLES) out[table] = await h.store.db.selectFrom(table).selectAll().execute();
    return JSON.stringify(out);
  };
  const send = async (r: (typeof ROUTES)[number], url: string, payload: string | undefined) => {
    // Each attempt in a new rate-limit window, so the limits do not hide the handlers.
    h.clock.now += 15 * 60_000;
    const before = await snapshot();
    const res = await h.request({ method: r.method, url, payload, ...(r.auth === 'device' ? { token: device.token } : { session: admin }) });
    expect(res.statusCode, `${r.method} ${url} ${String(payload).slice(0, 200)} → ${res.body}`).toBeLessThan(500);
    if (res.statusCode >= 400) expect(await snapshot()).toBe(before);
  };
  const sampleUrl = (url: string) => url.replace(':id', 'x').replace(':email', PEOPLE.rep.email);

  for (const r of ROUTES) {
    it(`${r.method} ${r.url}`, async () => {
      const body = validBody(r.id, device.deviceId);
      const bodies =
        body === null
          ? rawBody
          : fc.oneof(
              rawBody,
              mutated(body).map((b) => JSON.stringify(b)),
            );
      await fc.assert(
        fc.asyncProperty(bodies, async (payload) => send(r, sampleUrl(r.url), r.method === 'GET' ? undefined : payload)),
        { numRuns: 25 },
      );
      if (r.query) {
        const query = fc.dictionary(fc.constantFrom('from', 'to', 'team', 'user', 'week', 'format', 'action', 'x'), fc.string({ maxLength: 30 }), {
          maxKeys: 5,
        });
        await fc.assert(
          fc.asyncProperty(query, async (q) => send(r, `${sampleUrl(r.url)}?${new URLSearchParams(q).toString()}`, undefined)),
          { numRuns: 25 },
        );
      }
      if (r.url.includes(':id')) {
        // Not a small number: a real user's id would be removed, which is allowed and not the point here.
        const segment = fc.string({ minLength: 1, maxLength: 100 }).filter((s) => !/^\s*\d{1,3}\s*$/.test(s));
        await fc.assert(
          fc.asyncProperty(segment, async (s) => send(r, r.url.replace(':id', encodeURIComponent(s)), r.method === 'GET' ? undefined : '{}')),
          { numRuns: 25 },
        );
      }
      if (r.method !== 'GET') {
        const huge = JSON.stringify({ ...(body ?? {}), pad: 'x'.repeat(BODY_LIMIT_BYTES + 1) });
        const res = await h.request({
          method: r.method,
          url: sampleUrl(r.url),
          payload: huge,
          ...(r.auth === 'device' ? { token: device.token } : { session: admin }),
        });
        expect(res.statusCode).toBe(413);
      }
    });
  }
});

/**
 * A server over a fresh database with a fake clock and a small company: an admin, two teams each with a
 * manager and a rep, and helpers to sign in and to enroll a device. Requests go through Fastify's inject.
 */
import type { FastifyInstance, HTTPMethods, LightMyRequestResponse } from 'fastify';
import { createUser, enrollmentCode } from '../admin';
import type { ServerDb } from '../db/open';
import type { Dialect } from '../db/migrations/migration';
import { buildApp, CSRF_HEADER } from '../http/app';
import type { Services } from '../http/context';
import { createServices } from '../services';
import { createTestDb, type TestDb } from './test-db';

export const PASSWORD = 'correct horse battery';
export const T0 = Date.UTC(2026, 2, 2, 8, 0, 0); // a Monday

export const PEOPLE = {
  admin: { email: 'admin@example.com', role: 'admin', team: null },
  manager: { email: 'manager.a@example.com', role: 'manager', team: 'A' },
  otherManager: { email: 'manager.b@example.com', role: 'manager', team: 'B' },
  rep: { email: 'rep.a@example.com', role: 'rep', team: 'A' },
  otherRep: { email: 'rep.b@example.com', role: 'rep', team: 'B' },
} as const;
export type Person = keyof typeof PEOPLE;

export interface Session {
  cookie: string;
  csrf: string;
}

export interface Harness {
  dialect: Dialect;
  testDb: TestDb;
  store: ServerDb;
  services: Services;
  app: FastifyInstance;
  clock: { now: number };
  ids: Record<Person, number>;
  login(person: Person): Promise<Session>;
  enroll(person: Person): Promise<{ deviceId: string; token: string }>;
  request(opts: {
    method: HTTPMethods;
    url: string;
    session?: Session;
    token?: string;
    payload?: unknown;
    headers?: Record<string, string>;
  }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createHarness(dialect: Dialect, options: { people?: boolean } = {}): Promise<Harness> {
  const testDb = await createTestDb(dialect);
  const store = await testDb.open();
  const clock = { now: T0 };
  const services = createServices(store, () => clock.now);
  const app = await buildApp(services);
  const ids = {} as Record<Person, number>;
  if (options.people !== false) {
    for (const [key, p] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
      const user = await createUser(services, { email: p.email, name: key, role: p.role, team: p.team, password: PASSWORD });
      ids[key] = user.id;
    }
  }
  const request: Harness['request'] = (opts) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.session) {
      headers.cookie = opts.session.cookie;
      headers[CSRF_HEADER] ??= opts.session.csrf;
    }
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.payload !== undefined) headers['content-type'] ??= 'application/json';
    const payload = opts.payload === undefined ? undefined : typeof opts.payload === 'string' ? opts.payload : JSON.stringify(opts.payload);
    return app.inject({ method: opts.method, url: opts.url, headers, ...(payload === undefined ? {} : { payload }) });
  };
  return {
    dialect,
    testDb,
    store,
    services,
    app,
    clock,
    ids,
    request,
    async login(person) {
      const res = await request({ method: 'POST', url: '/api/login', payload: { email: PEOPLE[person].email, password: PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login of ${person} failed: ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'stint_session');
      return { cookie: `stint_session=${cookie!.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
    },
    async enroll(person) {
      const { code } = await enrollmentCode(services, PEOPLE[person].email);
      const res = await request({ method: 'POST', url: '/api/devices/enroll', payload: { code } });
      if (res.statusCode !== 201) throw new Error(`enroll of ${person} failed: ${res.body}`);
      return res.json() as { deviceId: string; token: string };
    },
    async close() {
      await app.close();
      await store.close();
      await testDb.drop();
    },
  };
}

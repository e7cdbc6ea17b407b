/** Two real server processes on one PostgreSQL behave as one server: sessions and rate limits are shared. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOGIN_LIMIT_PER_ACCOUNT } from './http/routes';
import { ServerProcess } from './test-support/server-process';
import { createTestDb, type TestDb } from './test-support/test-db';

const ADMIN = { email: 'boss@example.com', password: 'a long enough password' };
let db: TestDb;
let a: ServerProcess;
let b: ServerProcess;
let urlA: string;
let urlB: string;

beforeAll(async () => {
  db = await createTestDb('postgres');
  const env = { STINT_ADMIN_EMAIL: ADMIN.email, STINT_ADMIN_PASSWORD: ADMIN.password };
  a = new ServerProcess(['--db', db.target], env);
  urlA = await a.url;
  b = new ServerProcess(['--db', db.target], env);
  urlB = await b.url;
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.drop();
});

const login = (url: string, password: string) =>
  fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN.email, password }) });

it('a session made on one process works on the other, and logging out on either ends it on both', async () => {
  expect(urlA).not.toBe(urlB);
  const res = await login(urlA, ADMIN.password);
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const me = await fetch(`${urlB}/api/me`, { headers: { cookie } });
  expect(me.status).toBe(200);
  expect(((await me.json()) as { user: { email: string } }).user.email).toBe(ADMIN.email);
  expect((await fetch(`${urlB}/api/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } })).status).toBe(200);
  expect((await fetch(`${urlA}/api/me`, { headers: { cookie } })).status).toBe(401);
});

it('login attempts count across both processes', async () => {
  // Every attempt counts, and the test above made one.
  for (let i = 1; i < LOGIN_LIMIT_PER_ACCOUNT; i++) expect((await login(i % 2 === 0 ? urlA : urlB, `wrong ${i}`)).status).toBe(401);
  expect((await login(urlA, ADMIN.password)).status).toBe(429);
  expect((await login(urlB, ADMIN.password)).status).toBe(429);
});

it('shuts down gracefully on SIGTERM', async () => {
  expect(await a.stop()).toEqual({ code: 0, signal: null });
  expect((await fetch(`${urlB}/readyz`)).status).toBe(200);
});

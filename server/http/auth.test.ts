import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, PEOPLE, T0, type Harness } from '../test-support/harness';
import { DIALECTS } from '../test-support/test-db';
import { createServices } from '../services';
import { buildApp } from './app';
import { hit } from '../store/rate-limits';
import { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_ADDRESS, LOGIN_WINDOW_MS } from './routes';

describe.each(DIALECTS)('sign-in, sessions and CSRF (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  const login = (email: string, password: string, ip = '127.0.0.1') =>
    h.app.inject({ method: 'POST', url: '/api/login', payload: { email, password }, remoteAddress: ip });

  it('sets an HttpOnly, SameSite=Strict session cookie and stores only its hash', async () => {
    const res = await login(PEOPLE.manager.email, PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'stint_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeUndefined();
    const rows = await h.store.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === cookie.value)).toBe(false);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('marks the cookie Secure and sends HSTS with --secure-cookies', async () => {
    const app = await buildApp(createServices(h.store, () => h.clock.now, { secureCookies: true }));
    try {
      const res = await app.inject({ method: 'POST', url: '/api/login', payload: { email: PEOPLE.manager.email, password: PASSWORD } });
      expect(res.cookies.find((c) => c.name === 'stint_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    } finally {
      await app.close();
    }
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const wrong = await login(PEOPLE.manager.email, 'not the password');
    const unknown = await login('nobody@example.com', PASSWORD);
    expect([wrong.statusCode, wrong.json().error]).toEqual([401, 'wrong-credentials']);
    expect([unknown.statusCode, unknown.json().error]).toEqual([401, 'wrong-credentials']);
  });

  it('asks for the CSRF token on unsafe requests made with the cookie', async () => {
    const session = await h.login('admin');
    const without = await h.request({ method: 'PUT', url: '/api/policy', session, headers: { 'x-csrf-token': 'guess' }, payload: { team: null, policy: {} } });
    expect([without.statusCode, without.json().error]).toEqual([403, 'csrf']);
    const me = await h.request({ method: 'GET', url: '/api/me', session, headers: { 'x-csrf-token': '' } });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(session.csrf);
  });

  it('ends a session at logout and at expiry', async () => {
    const session = await h.login('rep');
    expect((await h.request({ method: 'POST', url: '/api/logout', session })).statusCode).toBe(200);
    expect((await h.request({ method: 'GET', url: '/api/me', session })).statusCode).toBe(401);
    const later = await h.login('rep');
    h.clock.now += h.services.options.sessionTtlMs;
    expect((await h.request({ method: 'GET', url: '/api/me', session: later })).statusCode).toBe(401);
    h.clock.now = T0;
  });

  it('limits attempts per account within a window, counted in the database', async () => {
    h.clock.now = T0 + 10 * LOGIN_WINDOW_MS;
    for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT; i++) expect((await login(PEOPLE.otherRep.email, `wrong ${i}`, `10.0.0.${i}`)).statusCode).toBe(401);
    const limited = await login(PEOPLE.otherRep.email, PASSWORD, '10.0.1.1');
    expect([limited.statusCode, limited.json().error]).toEqual([429, 'rate-limited']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    h.clock.now += LOGIN_WINDOW_MS;
    expect((await login(PEOPLE.otherRep.email, PASSWORD, '10.0.1.1')).statusCode).toBe(200);
  });

  it('limits attempts per address across accounts', async () => {
    h.clock.now = T0 + 20 * LOGIN_WINDOW_MS;
    // Earlier attempts from the address, as another server process would have counted them.
    for (let i = 0; i < LOGIN_LIMIT_PER_ADDRESS; i++) await hit(h.store.db, 'login:address:10.9.9.9', h.clock.now, LOGIN_WINDOW_MS);
    expect((await login(PEOPLE.admin.email, PASSWORD, '10.9.9.9')).statusCode).toBe(429);
    expect((await login(PEOPLE.admin.email, PASSWORD, '10.9.9.10')).statusCode).toBe(200);
  });
});

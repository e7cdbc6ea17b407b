/**
 * The team web app's end-to-end harness, shared by renderer/e2e/team*.e2e.test.ts: a real `stint-server`
 * process per dialect (SQLite, and the real PostgreSQL), its HTTP API from Node as an admin's script or a
 * rep's computer calls it, and real Chromium pages that collect their problems (page errors, console errors).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { ServerProcess } from '../server/test-support/server-process';
import { createTestDb, DIALECTS, type TestDb } from '../server/test-support/test-db';
import { SYNC_SCHEMA_VERSION, type DeviceStatus, type SyncRecord } from '../shared/sync/contract';
import { launchChromium, skipWithoutChromium } from './chromium';

export const ADMIN_EMAIL = 'boss@example.com';
export const ADMIN_PASSWORD = 'a long enough password';
export const MANAGER_PASSWORD = 'manager password 1';
/** How long to wait for the page to show a change: the server polls for statuses every 2 s. */
export const WAIT = { timeout: 20_000, interval: 100 };

export type Dialect = (typeof DIALECTS)[number];
export interface Session {
  cookie: string;
  csrf: string;
}
export interface Device {
  deviceId: string;
  token: string;
}
export interface CallOptions {
  session?: Session;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}
/** A page whose errors (uncaught, or logged to the console) collect in `problems`. */
export type WatchedPage = Page & { problems: string[] };

/** The server's HTTP API from Node, as an admin's script or a rep's computer calls it. */
export function teamApi(base: string) {
  const call = async (method: string, url: string, opts: CallOptions = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.session) {
      headers.cookie = opts.session.cookie;
      headers['x-csrf-token'] = opts.session.csrf;
    }
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await fetch(`${base}${url}`, { method, headers, ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
  };
  /** A call that must succeed: its JSON, or a throw that says what the server answered. */
  const ok = async (method: string, url: string, opts: CallOptions = {}) => {
    const res = await call(method, url, opts);
    if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(res.json)}`);
    return res.json;
  };
  return {
    call,
    ok,
    async login(email: string, password: string): Promise<Session> {
      const res = await call('POST', '/api/login', { body: { email, password } });
      if (res.status !== 200) throw new Error(`login ${email} → ${res.status}`);
      return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: String(res.json.csrfToken) };
    },
    /** A user added by the admin; their id. */
    async addUser(admin: Session, user: { email: string; name: string; role: string; team: string; password: string | null }): Promise<number> {
      const { user: added } = (await ok('POST', '/api/users', { session: admin, body: user })) as { user: { id: number } };
      return added.id;
    },
    /** A rep's computer: an enrollment code from the admin, exchanged for a device token. */
    async enroll(admin: Session, email: string, forwardedFor?: string): Promise<Device> {
      const { code } = await ok('POST', '/api/enrollment-codes', { session: admin, body: { email } });
      const device = await ok('POST', '/api/devices/enroll', { body: { code }, ...(forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {}) });
      return { deviceId: String(device.deviceId), token: String(device.token) };
    },
    /** Records pushed as the device's outbox sends them. */
    async push(device: Device, batch: SyncRecord[]): Promise<void> {
      await ok('POST', '/api/sync/push', { token: device.token, body: { schemaVersion: SYNC_SCHEMA_VERSION, deviceId: device.deviceId, batch } });
    },
    async status(device: Device, s: Partial<DeviceStatus>): Promise<void> {
      const body: DeviceStatus = {
        deviceId: device.deviceId,
        atMs: Date.now(),
        clockedIn: false,
        onBreak: false,
        onCall: false,
        category: null,
        todayWorkedSeconds: 0,
        ...s,
      };
      await ok('POST', '/api/sync/status', { token: device.token, body });
    },
  };
}
export type TeamApi = ReturnType<typeof teamApi>;

/** A recorded work session in UTC from a date and hour, `hours` long. */
export function workSession(seq: number, uuid: string, date: string, hour: number, hours: number): SyncRecord {
  const startMs = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  return { seq, uuid, kind: 'session', sessionKind: 'work', source: 'recorded', startMs, endMs: startMs + hours * 3600_000, timeZone: 'UTC', utcOffsetMin: 0 };
}

export interface Look {
  locale: string;
  dark: boolean;
  width: number;
  /** For file names: `en-US-light-1280`. */
  tag: string;
}

/** Every look a page is pictured in: en-US and zh-CN, light and dark, at the widths given (1280 and 420 px unless said). */
export function looks(widths: (locale: string, dark: boolean) => readonly number[] = () => [1280, 420]): Look[] {
  const out: Look[] = [];
  for (const locale of ['en-US', 'zh-CN'])
    for (const dark of [false, true])
      for (const width of widths(locale, dark)) out.push({ locale, dark, width, tag: `${locale}-${dark ? 'dark' : 'light'}-${width}` });
  return out;
}

export interface OpenOptions {
  locale?: string;
  dark?: boolean;
  width?: number;
  /** Signed in already: the session's cookie in the page's context. */
  session?: Session;
  /** Where the page goes first (`/` unless said); null: nowhere yet. */
  path?: string | null;
  /** Whether 4xx answers logged to the console count as problems; by default they do not (the page shows refusals as words). */
  countRefusals?: boolean;
}

/** One dialect's server and the pages opened on it; its fields are set from the harness's beforeAll on. */
export class TeamWeb {
  base!: string;
  http!: TeamApi;
  /** The first admin's session (a test that changes the admin's password signs in again and sets it). */
  admin!: Session;
  private db: TestDb | undefined;
  private server: ServerProcess | undefined;
  private readonly contexts: BrowserContext[] = [];

  constructor(
    readonly dialect: Dialect,
    private readonly browser: () => Browser,
  ) {}

  async start(serverArgs: readonly string[]): Promise<void> {
    this.db = await createTestDb(this.dialect);
    this.server = new ServerProcess(['--db', this.db.target, ...serverArgs], { STINT_ADMIN_EMAIL: ADMIN_EMAIL, STINT_ADMIN_PASSWORD: ADMIN_PASSWORD });
    this.base = await this.server.url;
    this.http = teamApi(this.base);
    this.admin = await this.http.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  async stop(): Promise<void> {
    for (const c of this.contexts) await c.close();
    await this.server?.stop();
    await this.db?.drop();
  }

  /** The session's cookie, as a browser context takes it. */
  cookie(session: Session): { name: string; value: string; url: string } {
    const at = session.cookie.indexOf('=');
    return { name: session.cookie.slice(0, at), value: session.cookie.slice(at + 1), url: this.base };
  }

  /** A new browser context (closed with the server if the test does not) and its page. */
  async open(options: OpenOptions = {}): Promise<WatchedPage> {
    const context = await this.browser().newContext({
      locale: options.locale ?? 'en-US',
      colorScheme: options.dark ? 'dark' : 'light',
      viewport: { width: options.width ?? 1280, height: 800 },
      timezoneId: 'UTC',
      acceptDownloads: true,
    });
    this.contexts.push(context);
    if (options.session) await context.addCookies([this.cookie(options.session)]);
    const page = Object.assign(await context.newPage(), { problems: [] as string[] });
    page.on('pageerror', (e) => page.problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && (options.countRefusals || !/status of 4\d\d/.test(m.text()))) page.problems.push(m.text());
    });
    const path = options.path === undefined ? '/' : options.path;
    if (path !== null) await page.goto(`${this.base}${path}`);
    return page;
  }

  /** Team North: its manager Nadia (MANAGER_PASSWORD) and two reps, Ann Archer and Bo Baker. */
  async seedNorth(): Promise<void> {
    await this.http.ok('POST', '/api/teams', { session: this.admin, body: { name: 'North' } });
    for (const p of [
      { email: 'nadia@example.com', name: 'Nadia North', role: 'manager', password: MANAGER_PASSWORD },
      { email: 'ann@example.com', name: 'Ann Archer', role: 'rep', password: null },
      { email: 'bo@example.com', name: 'Bo Baker', role: 'rep', password: null },
    ])
      await this.http.ok('POST', '/api/users', { session: this.admin, body: { ...p, team: 'North' } });
  }

  /** Signs in on the sign-in page, in either language. */
  async signIn(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel(/Email|邮箱/).fill(email);
    await page.getByLabel(/^(Password|密码)$/).fill(password);
    await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
    await page.locator('.team-app').waitFor();
  }
}

/**
 * The usual frame: Chromium for the file (skipped without it, as browser tests are), then for each dialect a
 * describe with its own server, `body` adding its seeding hooks (run after the server starts) and tests.
 */
export function describeTeamWeb(title: string, options: { screenshots: string; serverArgs?: readonly string[] }, body: (web: TeamWeb) => void): void {
  describe.skipIf(skipWithoutChromium())(title, () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
      mkdirSync(options.screenshots, { recursive: true });
    });
    afterAll(async () => {
      await browser?.close();
    });

    describe.each(DIALECTS)('against stint-server (%s)', (dialect) => {
      const web = new TeamWeb(dialect, () => browser);
      beforeAll(() => web.start(options.serverArgs ?? []));
      afterAll(() => web.stop());
      body(web);
    });
  });
}

/*
 * The device's sync against the real team server over loopback HTTP (the server's app listening on a port,
 * its clock in the test's hand), with the device's clock injected: a month offline, clock skew, a revoked
 * device, a server of another version, wrong and expired codes, the team's policy, and the preview, against a
 * SQLite and a PostgreSQL server. Each problem ends in words a person can act on (shared/sync/sync-words.ts).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiHandlers, RequestName, RequestInput, ResponseMap } from '../../shared/api/contract';
import { DEFAULT_POLICY, SYNC_SCHEMA_VERSION, type Policy } from '../../shared/sync/contract';
import { formatSyncStatus } from '../../electron/recorder/cli/sync-command';
import { dispatch } from '../../electron/recorder/api/dispatch';
import { createHandlers } from '../../electron/recorder/api/handlers';
import { FakeClock } from '../../electron/recorder/clock/fake-clock';
import { Store } from '../../electron/recorder/store/store';
import { SyncStore } from '../../electron/recorder/store/sync-store';
import { tokenVaultFor } from '../../electron/recorder/sync/token-vault';
import { Pusher, type PusherEvent, type PusherOptions } from '../../electron/recorder/sync/pusher';
import { fetchHttp, type SyncHttp } from '../../electron/recorder/sync/sync-client';
import { enrollmentCode } from '../../server/admin';
import { hoursReport } from '../../server/reports/hours';
import { WeeksStore } from '../../server/store/weeks-store';
import { createHarness, PEOPLE, type Harness } from '../../server/test-support/harness';
import { DIALECTS } from '../../server/test-support/test-db';
import { ChaosProxy } from './chaos-proxy';
import { mulberry32, seedBacklog } from './seed-backlog';

const DAY = 86_400_000;
const MONTH = 30 * DAY;

interface Device {
  dir: string;
  dbPath: string;
  store: Store;
  clock: FakeClock;
  handlers: ApiHandlers;
  request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<ResponseMap[N]>;
  refusal<N extends RequestName>(name: N, input: RequestInput<N>): Promise<string>;
  close(): void;
}

function device(clockMs: number): Device {
  const dir = mkdtempSync(join(tmpdir(), 'stint-sync-dev-'));
  const dbPath = join(dir, 'stint.db');
  const store = Store.open(dbPath);
  const clock = new FakeClock(clockMs, 'UTC');
  const handlers = createHandlers({ store, dbPath, clock, recorder: null });
  return {
    dir,
    dbPath,
    store,
    clock,
    handlers,
    async request(name, input) {
      const r = await dispatch(handlers, name, input);
      if (!r.body.ok) throw new Error(`${name}: ${r.body.error}`);
      return r.body.data as ResponseMap[typeof name];
    },
    async refusal(name, input) {
      const r = await dispatch(handlers, name, input);
      if (r.body.ok) throw new Error(`${name} was not refused`);
      return r.body.error;
    },
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each(DIALECTS)('device sync against the real server (%s)', (dialect) => {
  let h: Harness;
  let url: string;
  let d: Device;
  beforeAll(async () => {
    h = await createHarness(dialect);
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.clock.now = Date.now();
    d = device(h.clock.now);
  });
  const pushers: Pusher[] = [];
  afterEach(async () => {
    // A pusher left running by a failed assertion must not outlive its database.
    for (const p of pushers.splice(0)) await p.stop();
    d.close();
  });

  const code = async (person: keyof typeof PEOPLE = 'rep') => (await enrollmentCode(h.services, PEOPLE[person].email)).code;
  const pusher = (events: PusherEvent[], options: Partial<PusherOptions> = {}, random = mulberry32(7), http: SyncHttp = fetchHttp) => {
    const p = new Pusher(
      {
        clock: d.clock,
        random,
        http,
        store: new SyncStore(d.store.db),
        vault: tokenVaultFor(d.dbPath),
        liveStatus: () => ({ clockedIn: true, onBreak: false, onCall: false, category: 'Sales > CRM', todayWorkedSeconds: 3600 }),
        onEvent: (e) => events.push(e),
      },
      { retryBaseMs: 1000, retryCapMs: 3600_000, statusIntervalMs: 30_000, pushDelayMs: 0, ...options },
    );
    pushers.push(p);
    return p;
  };
  /** Resolves at the pusher's next event of a kind: the network is real, so the test waits on it, not on time. */
  const next = async (events: PusherEvent[], type: PusherEvent['type'], from: number) => {
    for (;;) {
      const found = events.slice(from).find((e) => e.type === type);
      if (found) return found;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const serverUuids = async (deviceId: string) =>
    (await h.store.db.selectFrom('records').select('uuid').where('device_id', '=', deviceId).execute()).map((r) => r.uuid).sort();

  it('refuses a wrong code, a used code and an expired code, each saying what to do', async () => {
    expect(await d.refusal('sync.enroll', { server: url, code: 'WRNG-CODE-HERE' })).toBe(
      'This enrollment code is not known to the server. Check it for typos, or ask your manager for a new one.',
    );
    const used = await code();
    await d.request('sync.enroll', { server: url, code: used });
    await d.request('sync.leave', {});
    expect(await d.refusal('sync.enroll', { server: url, code: used })).toBe('This enrollment code was already used. Ask your manager for a new one.');
    const late = await code();
    h.clock.now += 8 * DAY;
    expect(await d.refusal('sync.enroll', { server: url, code: late })).toBe('This enrollment code has expired. Ask your manager for a new one.');
    expect(await d.refusal('sync.enroll', { server: 'stint.example.com', code: late })).toMatch(/is not a server address/);
    expect(await d.refusal('sync.enroll', { server: 'http://127.0.0.1:9', code: late })).toMatch(/^The team server does not answer/);
    expect((await d.request('sync.status', {})).enrolled).toBe(false);
  });

  it('a month offline: retries with capped exponential backoff and jitter, never gives up, then sends it all once', { timeout: 240_000 }, async () => {
    const proxy = new ChaosProxy(mulberry32(1));
    proxy.chaos = false;
    const proxyUrl = await proxy.listen();
    proxy.target = url;
    try {
      await d.request('sync.enroll', { server: proxyUrl, code: await code() });
      // Offline from here: the rep works on, a dense month of it.
      proxy.target = null;
      const seeded = seedBacklog(d.dbPath, { firstDayMs: Math.floor(h.clock.now / DAY) * DAY, days: 30, spansPerHour: 6, startHour: 8, seed: 3 });
      const events: PusherEvent[] = [];
      const draws: number[] = [];
      const random = mulberry32(9);
      // A heartbeat every 6 h here, so a month is a few hundred attempts on loopback rather than 86,400.
      const p = pusher(events, { statusIntervalMs: 6 * 3600_000 }, () => {
        const r = random();
        draws.push(r);
        return r;
      });
      p.start();
      await d.clock.advance(0);
      const delays: number[] = [];
      let seen = 0;
      while (d.clock.now() - h.clock.now < MONTH) {
        const failed = await next(events, 'failed', seen);
        seen = events.indexOf(failed) + 1;
        if (failed.type !== 'failed') throw new Error('unreachable');
        expect(failed.code).toBe('unreachable');
        delays.push(failed.retryInMs!);
        await d.clock.advance(failed.retryInMs!);
      }
      // Each delay is half to all of min(cap, 1 s · 2^n), placed by the injected random.
      delays.forEach((delay, n) => {
        const ceiling = Math.min(3600_000, 1000 * 2 ** n);
        expect(delay).toBe(Math.round(ceiling / 2 + draws[n]! * (ceiling / 2)));
      });
      expect(delays.length).toBeGreaterThan(700);
      expect(new SyncStore(d.store.db).pending().count).toBe(seeded);
      const status = await d.request('sync.status', {});
      expect(status.lastError?.code).toBe('unreachable');
      expect(formatSyncStatus(status, 'UTC')).toMatch(/Last problem: .*The team server does not answer/);

      proxy.target = url;
      h.clock.now = d.clock.now();
      const from = events.length;
      await d.clock.advance(delays.at(-1)! + 3600_000);
      await next(events, 'drained', from);
      expect(new SyncStore(d.store.db).pending().count).toBe(0);
      const enrolled = await d.request('sync.status', {});
      const all = d.store.db
        .prepare(
          'SELECT uuid FROM sessions UNION ALL SELECT uuid FROM activity UNION ALL SELECT uuid FROM idle UNION ALL SELECT uuid FROM corrections ORDER BY 1',
        )
        .pluck()
        .all() as string[];
      expect(await serverUuids(enrolled.deviceId!)).toEqual([...all].sort());
      // At rest: no push timer, only the status heartbeat.
      expect(d.clock.pendingTimers().every((ms) => ms <= 6 * 3600_000)).toBe(true);
      expect(d.clock.pendingTimers().length).toBe(1);
      await p.stop();
      expect(d.clock.pendingTimers()).toEqual([]);

      const day0 = new Date(Math.floor(d.clock.now() / DAY) * DAY - 40 * DAY).toISOString().slice(0, 10);
      const dayN = new Date(d.clock.now()).toISOString().slice(0, 10);
      const timesheet = await d.request('timesheet.get', { from: day0, to: dayN, timeZone: 'UTC' });
      const reps = await hoursReport(
        h.store.db,
        [{ id: h.ids.rep, email: PEOPLE.rep.email, name: 'rep', team: 'A' }],
        { from: day0, to: dayN },
        DEFAULT_POLICY,
        d.clock.now(),
        'UTC',
      );
      expect(reps[0]!.days).toEqual(
        timesheet.days.map((day) => ({ date: day.date, workedSeconds: day.workedSeconds, breakSeconds: day.breakSeconds, manualSeconds: day.manualSeconds })),
      );
      const db = new Database(d.dbPath, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    } finally {
      await proxy.close();
    }
  });

  it('a clock 10 minutes ahead of the server: warned about, and the records keep the device’s times', async () => {
    d.clock.jumpWall(10 * 60_000);
    await d.request('sync.enroll', { server: url, code: await code() });
    const start = d.clock.now() - 3600_000;
    d.store.writeSessions([
      {
        uuid: 'skewed',
        kind: 'work',
        startMs: start,
        endMs: d.clock.now(),
        timeZone: 'UTC',
        utcOffsetMin: 0,
        startReason: 'manual',
        endReason: 'manual',
        open: false,
      },
    ]);
    const result = await d.request('sync.now', {});
    expect(result).toMatchObject({ via: 'direct', pushed: 1, pending: 0, error: null });
    const status = await d.request('sync.status', {});
    expect(status.clockSkewMs).toBeLessThan(-9.5 * 60_000);
    expect(formatSyncStatus(status, 'UTC')).toMatch(
      /Warning: +This computer's clock is 10 min \d+ s ahead of the team server's\. Records keep this computer's times/,
    );
    const row = await h.store.db.selectFrom('records').select(['start_ms']).where('uuid', '=', 'skewed').executeTakeFirstOrThrow();
    expect(row.start_ms).toBe(start);
  });

  it('a revoked device stops retrying and says how to go on; leaving and enrolling again sends what waited', async () => {
    await d.request('sync.enroll', { server: url, code: await code() });
    const { deviceId } = await d.request('sync.status', {});
    await h.services.sync.revoke(deviceId!, h.clock.now);
    d.store.writeSessions([
      {
        uuid: 'after-revoke',
        kind: 'work',
        startMs: d.clock.now() - 60_000,
        endMs: d.clock.now(),
        timeZone: 'UTC',
        utcOffsetMin: 0,
        startReason: 'manual',
        endReason: 'manual',
        open: false,
      },
    ]);
    const events: PusherEvent[] = [];
    const p = pusher(events);
    p.start();
    await d.clock.advance(0);
    const failed = await next(events, 'failed', 0);
    expect(failed).toMatchObject({ type: 'failed', code: 'device-revoked', retryInMs: null });
    await d.clock.advance(24 * 3600_000);
    expect(events.filter((e) => e.type === 'failed')).toHaveLength(1);
    expect(d.clock.pendingTimers()).toEqual([]);
    await p.stop();
    const text = formatSyncStatus(await d.request('sync.status', {}), 'UTC');
    expect(text).toMatch(/no longer accepts this device .* run `stint sync leave`, then enroll again with a new code/);
    await d.request('sync.leave', {});
    await d.request('sync.enroll', { server: url, code: await code() });
    expect(await d.request('sync.now', {})).toMatchObject({ pushed: 1, pending: 0, error: null });
  });

  it('a server of an older version: the device says to update the server and keeps the records', async () => {
    await d.request('sync.enroll', { server: url, code: await code() });
    d.store.writeSessions([
      {
        uuid: 'new-shape',
        kind: 'work',
        startMs: d.clock.now() - 60_000,
        endMs: d.clock.now(),
        timeZone: 'UTC',
        utcOffsetMin: 0,
        startReason: 'manual',
        endReason: 'manual',
        open: false,
      },
    ]);
    const events: PusherEvent[] = [];
    const p = pusher(events, { schemaVersion: SYNC_SCHEMA_VERSION + 1 });
    p.start();
    await d.clock.advance(0);
    const failed = await next(events, 'failed', 0);
    await p.stop();
    expect(failed).toMatchObject({ type: 'failed', code: 'server-too-old' });
    expect((failed as { retryInMs: number | null }).retryInMs).toBeGreaterThan(0);
    expect(new SyncStore(d.store.db).pending().count).toBe(1);
    expect(formatSyncStatus(await d.request('sync.status', {}), 'UTC')).toMatch(/runs an older Stint than this device\. Ask your admin to update the server/);
  });

  it("pulls the team's policy: it overrides the rep's settings, its rules sit under the rep's, and the preview shows what leaves", async () => {
    const admin = await h.login('admin');
    const policy: Policy = {
      ...DEFAULT_POLICY,
      idleThresholdSeconds: 600,
      weekStart: 'sun',
      idlePromptMinutes: 20,
      overtimeRules: 'flsa',
      rounding: { minutes: 15, mode: 'nearest' },
      upload: { titles: true, urls: false },
      rules: [
        { id: 'crm', category: 'Team > CRM > Salesforce', app: 'chrome', title: 'salesforce' },
        { id: 'chat', category: 'Team > Chat > Slack', app: 'slack' },
      ],
      ratings: [{ category: 'Team > Chat', rating: 'unproductive' }],
    };
    const put = await h.request({ method: 'PUT', url: '/api/policy', session: admin, payload: { team: null, policy } });
    expect(put.statusCode, put.body).toBe(200);
    await d.request('rules.add', { category: 'Mine > CRM > Pipeline', title: 'salesforce' });
    const t = d.clock.now() - 3600_000;
    d.store.startRun('r', 1, t);
    d.store.flush({
      runId: 'r',
      lastSeenMs: t + 60_000,
      activity: [
        {
          uuid: 'act',
          startMs: t,
          endMs: t + 60_000,
          timeZone: 'UTC',
          utcOffsetMin: 0,
          app: 'Google-chrome',
          title: 'Pipeline | Salesforce',
          url: 'https://x.my.salesforce.com/',
          open: false,
        },
      ],
      idle: [],
      sessions: [],
    });
    // The span's day to today: an hour ago is yesterday when the test runs just after midnight UTC.
    const days = { from: new Date(t).toISOString().slice(0, 10), to: new Date(d.clock.now()).toISOString().slice(0, 10) };
    const before = await d.request('sync.preview', { ...days, timeZone: 'UTC' });
    expect(before.policySource).toBe('default');
    expect(before.records).toEqual([
      { record: { uuid: 'act', kind: 'activity', startMs: t, endMs: t + 60_000, timeZone: 'UTC', utcOffsetMin: 0, app: 'Google-chrome' }, state: 'pending' },
    ]);

    await d.request('settings.set', { weekStart: 'tue' });
    await d.request('sync.enroll', { server: url, code: await code() });
    await d.request('sync.now', {});
    const status = await d.request('sync.status', {});
    expect(status.policy?.version).toBe(1);
    expect(formatSyncStatus(status, 'UTC')).toMatch(
      /Team policy: +version 1 \(set by your team\): idle after 600 s, week starts sun, titles uploaded, urls stay here, 2 team rules/,
    );
    expect(await d.request('settings.get', {})).toEqual({
      weekStart: 'sun',
      unconfirmedIdleLimitMinutes: null,
      overtimeRules: 'flsa',
      rounding: { minutes: 15, mode: 'nearest' },
      // The team sets the idle prompt; the pause and recording outside sessions stay the rep's (defaults here).
      idlePromptMinutes: 20,
      idleAutoPauseMinutes: 30,
      recordOutsideSessions: false,
      agentName: null,
      agentEmail: null,
      agentExtension: null,
      currency: 'USD',
    });
    expect(await d.refusal('settings.set', { weekStart: 'wed' })).toBe("weekStart is set by your team's policy on the server; ask your manager to change it.");
    expect(await d.refusal('settings.set', { idlePromptMinutes: 5 })).toMatch(/^idlePromptMinutes is set by your team's policy/);
    expect(await d.request('settings.set', { recordOutsideSessions: true })).toMatchObject({ recordOutsideSessions: true, idlePromptMinutes: 20 });
    // The rep's own rule wins over the team's; the team's over the built-in ones (at equal depth); the team's ratings apply.
    expect((await d.request('rules.test', { app: 'Google-chrome', title: 'Pipeline | Salesforce' })).category).toBe('Mine > CRM > Pipeline');
    expect(await d.request('rules.test', { app: 'Slack', title: 'deals' })).toMatchObject({ category: 'Team > Chat > Slack', rating: 'unproductive' });

    // What the server stored is what the preview shows, title included now that the policy lets it leave.
    const after = await d.request('sync.preview', { ...days, timeZone: 'UTC' });
    expect(after.policySource).toBe('team');
    expect(after.records).toEqual([{ record: { ...before.records[0]!.record, title: 'Pipeline | Salesforce' }, state: 'sent' }]);
    const stored = await h.store.db.selectFrom('records').select('payload').where('uuid', '=', 'act').executeTakeFirstOrThrow();
    const { seq: _seq, ...payload } = JSON.parse(stored.payload) as Record<string, unknown>;
    // The policy is pulled before the first push, so the record left as the preview shows it now; the url stayed here.
    expect(payload).toEqual(after.records[0]!.record);
  });
  it('pulls the policy and the week states only when the status answer says they changed; a quiet heartbeat writes nothing', async () => {
    await d.request('sync.enroll', { server: url, code: await code() });
    const paths: string[] = [];
    const counting: SyncHttp = {
      request: (method, target, options) => {
        paths.push(new URL(target).pathname);
        return fetchHttp.request(method, target, options);
      },
    };
    const events: PusherEvent[] = [];
    const p = pusher(events, {}, mulberry32(7), counting);
    const changes = () => d.store.db.prepare('SELECT total_changes()').pluck().get() as number;
    /** One heartbeat 30 s on, the server's clock moving with the device's (no skew to store). */
    const beat = async () => {
      const from = events.length;
      h.clock.now += 30_000;
      await d.clock.advance(30_000);
      await next(events, 'status', from);
    };
    p.start();
    await d.clock.advance(0);
    await next(events, 'status', 0);
    await next(events, 'drained', 0);
    expect(paths).toContain('/api/timesheets/weeks');

    paths.length = 0;
    const quiet = changes();
    for (let i = 0; i < 3; i++) await beat();
    expect(paths).toEqual(['/api/sync/status', '/api/sync/status', '/api/sync/status']);
    expect(changes()).toBe(quiet);

    // The team's policy changes: the next heartbeat pulls it (and only it) and keeps it.
    const admin = await h.login('admin');
    const put = await h.request({
      method: 'PUT',
      url: '/api/policy',
      session: admin,
      payload: { team: null, policy: { ...DEFAULT_POLICY, idleThresholdSeconds: 900 } },
    });
    expect(put.statusCode, put.body).toBe(200);
    paths.length = 0;
    await beat();
    expect(paths).toEqual(['/api/sync/status', '/api/policy']);
    expect(new SyncStore(d.store.db).bookkeeping().policy?.policy.idleThresholdSeconds).toBe(900);
    paths.length = 0;
    await beat();
    expect(paths).toEqual(['/api/sync/status']);

    // A week of the rep's changes on the server (here: submitted): the next heartbeat pulls the weeks and keeps them.
    const weekStart = '2026-11-23';
    const days = Array.from({ length: 7 }, (_, i) => ({
      date: new Date(Date.parse(weekStart) + i * DAY).toISOString().slice(0, 10),
      workedSeconds: 0,
      regularSeconds: 0,
      overtimeSeconds: 0,
      doubleTimeSeconds: 0,
      breakSeconds: 0,
      manualSeconds: 0,
      claimedIdleSeconds: 0,
      unconfirmedIdleSeconds: 0,
    }));
    await new WeeksStore(h.store.db).submit({
      userId: h.ids.rep,
      weekStart,
      figures: { weekStart, days },
      policyVersion: 1,
      deviceId: null,
      nowMs: h.clock.now,
    });
    paths.length = 0;
    await beat();
    expect(paths).toEqual(['/api/sync/status', '/api/timesheets/weeks']);
    expect(new SyncStore(d.store.db).weeks().weeks).toMatchObject([{ weekStart, status: 'submitted', locked: false }]);
    paths.length = 0;
    const settled = changes();
    await beat();
    expect(paths).toEqual(['/api/sync/status']);
    expect(changes()).toBe(settled);
  });
});

/*
 * A rep's views for their manager (issue 15 §3): the device answers the views' requests from its own records,
 * the team server from what the device synced, both with the shared builders (shared/reports, shared/timesheet);
 * the figures must be the same. Only the rep's team's manager and admins may ask, and only read requests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandlers, RequestInput, RequestName, ResponseMap } from '../../shared/api/contract';
import { DEFAULT_POLICY } from '../../shared/sync/contract';
import { dispatch } from '../../electron/recorder/api/dispatch';
import { createHandlers } from '../../electron/recorder/api/handlers';
import { FakeClock } from '../../electron/recorder/clock/fake-clock';
import { Store } from '../../electron/recorder/store/store';
import { enrollmentCode } from '../../server/admin';
import { createHarness, PEOPLE, type Harness, type Session } from '../../server/test-support/harness';
import { DIALECTS } from '../../server/test-support/test-db';
import { seedBacklog } from './seed-backlog';
import { REP_VIEW_REQUESTS } from '../../server/reports/rep-views';
import fc from 'fast-check';

const HOUR = 3_600_000;
const MONDAY = Date.UTC(2026, 2, 2); // 2026-03-02
const DAYS = 10;
const NOW = MONDAY + (DAYS - 1) * 24 * HOUR + 23 * HOUR; // the backlog's last evening: every record closed and synced

describe.each(DIALECTS)("a rep's views from the device and from the team server (%s)", (dialect) => {
  let h: Harness;
  let dir: string;
  let store: Store;
  let handlers: ApiHandlers;
  let manager: Session;
  const device = async <N extends RequestName>(name: N, input: RequestInput<N>): Promise<ResponseMap[N]> => {
    const r = await dispatch(handlers, name, input);
    if (!r.body.ok) throw new Error(`${name}: ${r.body.error}`);
    return r.body.data as ResponseMap[N];
  };
  const ask = (session: Session, name: string, input: unknown, userId = h.ids.rep) =>
    h.request({ method: 'POST', url: `/api/team/reps/${userId}/request`, session, payload: { name, input } });
  const server = async <N extends RequestName>(name: N, input: RequestInput<N>): Promise<ResponseMap[N]> => {
    const res = await ask(manager, name, input);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { data: ResponseMap[N] }).data;
  };

  beforeAll(async () => {
    h = await createHarness(dialect);
    h.clock.now = NOW;
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    // Titles travel, so the server categorizes the windows the device categorized.
    await h.services.policies.put(null, { ...DEFAULT_POLICY, upload: { titles: true, urls: true } }, h.ids.admin, NOW);
    dir = mkdtempSync(join(tmpdir(), 'stint-rep-views-'));
    const dbPath = join(dir, 'stint.db');
    seedBacklog(dbPath, { firstDayMs: MONDAY, days: DAYS, spansPerHour: 40, startHour: 8, seed: 15 });
    store = Store.open(dbPath);
    handlers = createHandlers({ store, dbPath, clock: new FakeClock(NOW, 'UTC'), recorder: null });
    await device('sync.enroll', { server: url, code: (await enrollmentCode(h.services, PEOPLE.rep.email)).code });
    for (let i = 0; i < 20 && (await device('sync.now', {})).pending > 0; i++);
    manager = await h.login('manager');
  }, 120_000);
  afterAll(async () => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
    await h.close();
  });

  it('time use, for every grouping, a day and a range, is the same', async () => {
    for (const by of ['category', 'app', 'title', 'site', 'hour'] as const) {
      for (const [from, to] of [
        ['2026-03-03', '2026-03-03'],
        ['2026-03-02', '2026-03-11'],
      ] as const) {
        const input = { from, to, by, timeZone: 'Europe/Paris' };
        const mine = await device('report.timeUse', input);
        expect(mine.activeSeconds).toBeGreaterThan(0);
        expect(await server('report.timeUse', input), `${by} ${from}..${to}`).toEqual(mine);
      }
    }
  });

  it('the timeline, the timesheet, the entries and Today are the same', async () => {
    const timeline = await device('timeline.get', { date: '2026-03-04', timeZone: 'UTC' });
    expect(timeline.activity.length).toBeGreaterThan(0);
    expect(await server('timeline.get', { date: '2026-03-04', timeZone: 'UTC' })).toEqual(timeline);
    for (const rules of ['none', 'california'] as const) {
      const input = { from: '2026-03-02', to: '2026-03-08', rules, timeZone: 'UTC' };
      const sheet = await device('timesheet.get', input);
      expect(sheet.totals.workedSeconds).toBeGreaterThan(0);
      expect(await server('timesheet.get', input)).toEqual(sheet);
    }
    const entries = await device('time.list', { from: '2026-03-02', to: '2026-03-08', timeZone: 'UTC' });
    expect(await server('time.list', { from: '2026-03-02', to: '2026-03-08', timeZone: 'UTC' })).toEqual(entries);
    // Today (the rep's zone, from their latest records): the totals the Today view shows.
    const day = '2026-03-11';
    expect((await server('status.get', {})).today).toEqual(
      expect.objectContaining({ date: day, ...pick(await device('report.timeUse', { from: day, to: day, by: 'app', timeZone: 'UTC' })) }),
    );
  });

  it('only the managers of the rep’s teams and admins may ask, and only read requests', async () => {
    const input = { from: '2026-03-02', to: '2026-03-08' };
    expect((await ask(await h.login('admin'), 'timesheet.get', input)).statusCode).toBe(200);
    for (const who of ['otherManager', 'rep', 'otherRep'] as const) {
      const res = await ask(await h.login(who), 'timesheet.get', input);
      expect(res.statusCode, who).toBe(403);
      expect(res.body).not.toContain('workedSeconds');
    }
    for (const [name, write] of [
      ['time.add', { kind: 'work', startMs: NOW - HOUR, endMs: NOW, reason: 'x' }],
      ['session.act', { action: 'start' }],
      ['settings.set', { weekStart: 'sun' }],
      ['idle.resolve', { idleUuid: 'u', choice: 'work' }],
      ['rules.add', { category: 'Work' }],
      ['sync.leave', {}],
    ] as const) {
      expect((await ask(manager, name, write)).statusCode, name).toBe(403);
    }
    expect((await ask(manager, 'timesheet.get', { from: '2026-03-08', to: '2026-03-02' })).statusCode).toBe(400);
    expect((await ask(manager, 'no.such', {})).statusCode).toBe(404);
  });

  it('any input to an allowed request is answered or refused, never a server error', async () => {
    const near = fc.record(
      {
        from: fc.constantFrom('2026-03-02', '2026-02-30', '', 'x'),
        to: fc.constantFrom('2026-03-08', '1999-01-01'),
        by: fc.string(),
        date: fc.string(),
        timeZone: fc.string(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...REP_VIEW_REQUESTS), fc.oneof(fc.anything(), near), async (name, input) => {
        expect((await ask(manager, name, input)).statusCode).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});

function pick(r: ResponseMap['report.timeUse']) {
  return {
    trackedSeconds: r.trackedSeconds,
    activeSeconds: r.activeSeconds,
    idleSeconds: r.idleSeconds,
    workSeconds: r.workSeconds,
    breakSeconds: r.breakSeconds,
    manualSeconds: r.manualSeconds,
    topApps: r.rows.slice(0, 5),
  };
}

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
import { CallsStore } from '../../electron/recorder/store/calls-store';
import type { CallRecord } from '../../shared/calls';
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
  let detected: string;
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
    // Calls timed on the device: by hand (answered, missed, a long wrap-up past the cap) and one detected, waiting.
    const calls = new CallsStore(store.db, store.deviceId);
    const at = (day: number, hour: number) => MONDAY + day * 24 * HOUR + hour * HOUR;
    const call = (startMs: number, talkMs: number, holdMs: number, wrapMs: number, answered = true, source: CallRecord['source'] = 'manual'): CallRecord => ({
      startMs,
      endMs: startMs + talkMs + holdMs,
      wrapEndMs: startMs + talkMs + holdMs + wrapMs,
      answered,
      talkMs,
      holdMs,
      wrapMs,
      direction: 'out',
      contact: '+1 555 0100',
      source,
    });
    for (const c of [
      call(at(1, 10), 300_000, 60_000, 120_000),
      call(at(1, 11), 0, 0, 0, false),
      call(at(2, 9.5), 600_000, 0, 900_000),
      call(at(2, 14), 240_000, 30_000, 45_000),
      call(at(3, 16), 420_000, 0, 60_000),
    ])
      calls.insert(c, 'UTC', NOW);
    detected = calls.insert(call(at(2, 15), 1_200_000, 0, 0, true, 'detected'), 'UTC', NOW, { detectedBy: 'zoom' });
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

  it('the Calls view: count, answered, AHT, by day and the list are the same; a detected call counts once confirmed', async () => {
    const input = { from: '2026-03-02', to: '2026-03-11', byDay: true, byAgent: true, scope: 'mine', timeZone: 'UTC' } as const;
    const before = await device('report.calls', input);
    expect(before).toMatchObject({ calls: 5, answered: 4, toReview: 1 });
    expect(before.ahtSeconds).toBeGreaterThan(0);
    expect(before.callsPerActiveHour).not.toBeNull();
    expect(await server('report.calls', input)).toEqual(before);
    for (const review of [undefined, 'pending', 'confirmed'] as const) {
      const q = { from: '2026-03-02', to: '2026-03-11', timeZone: 'Europe/Paris', ...(review ? { review } : {}) };
      expect(await server('calls.list', q), review).toEqual(await device('calls.list', q));
    }
    await device('calls.review', { uuid: detected, action: 'confirm' });
    for (let i = 0; i < 5 && (await device('sync.now', {})).pending > 0; i++);
    const after = await device('report.calls', input);
    expect(after).toMatchObject({ calls: 6, answered: 5, toReview: 0 });
    expect(await server('report.calls', input)).toEqual(after);
    const day = { ...input, from: '2026-03-04', to: '2026-03-04', byAgent: false };
    expect(await server('report.calls', day)).toEqual(await device('report.calls', day));
    // The call in progress is the device's: the server answers none.
    expect(await server('calls.state', {})).toMatchObject({ state: { status: 'idle' }, detected: null });
  });

  it('the Sales view: selling time and (without CRM imports) empty KPIs are the same', async () => {
    const input = { from: '2026-03-02', to: '2026-03-11', timeZone: 'UTC', businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] } };
    const mine = await device('report.sales', input);
    expect(mine.sellingTimeShare?.activeSeconds).toBeGreaterThan(0);
    expect(await server('report.sales', input)).toEqual(mine);
  });

  it('the Sales view: the team’s imported opportunities and leads the mapping gives the rep, as on the team sales report', async () => {
    const file = (name: string, text: string) => ({ name, base64: Buffer.from(text).toString('base64') });
    const opportunities = [
      '"Opportunity Owner","Opportunity Name","Opportunity ID","Stage","Amount","Created Date","Close Date","Loss Reason"',
      `"${PEOPLE.rep.email}","Acme","006A","Closed Won","1000","2/1/2026","3/3/2026",""`,
      `"${PEOPLE.rep.email}","Globex","006B","Closed Lost","500","2/2/2026","3/4/2026","Lost to competitor"`,
      `"${PEOPLE.rep.email}","Hooli","006D","Negotiation","900","2/21/2026","4/5/2026",""`,
    ].join('\r\n');
    const leads = [
      '"Lead Owner","Lead ID","Lead Status","Phone","Created Date"',
      `"${PEOPLE.rep.email}","00Q1","Working","(312) 555-0140","3/2/2026 9:00 AM"`,
    ].join('\r\n');
    for (const [name, text] of [
      ['opps.csv', opportunities],
      ['leads.csv', leads],
    ] as const) {
      const res = await h.request({ method: 'POST', url: '/api/imports/commit', session: manager, payload: { team: 'A', file: file(name, text) } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const mine = await server('report.sales', { from: '2026-03-01', to: '2026-03-31', timeZone: 'UTC' });
    expect(mine.opportunities).toEqual({ open: 1, closed: 2, won: 1, lost: 1 });
    expect(mine.leadResponse.leads).toBe(1);
    const team = await h.request({ method: 'GET', url: '/api/reports/sales?from=2026-03-01&to=2026-03-31&team=A', session: manager });
    const rep = (team.json() as { reps: { userId: number; kpis: ResponseMap['report.sales'] }[] }).reps.find((r) => r.userId === h.ids.rep)!.kpis;
    for (const key of ['opportunities', 'winRate', 'lostByReason', 'avgSalesCycleDays', 'sqlCohort'] as const) expect(mine[key], key).toEqual(rep[key]);
    expect(mine.leadResponse.leads).toBe(rep.leadResponse.leads);
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

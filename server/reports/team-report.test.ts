/** The team report over a range: time use by category and app, productivity per day and calls, per rep and for the team; its CSV. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/sync/contract';
import type { ServerDb } from '../db/open';
import { PolicyStore } from '../store/policy-store';
import { seedTeam } from '../test-support/team-seed';
import { createTestDb, DIALECTS, type TestDb } from '../test-support/test-db';
import { teamReport, teamReportCsv } from './team-report';

const MONDAY = Date.UTC(2026, 2, 2);
const NOW = MONDAY + 7 * 86_400_000;

describe.each(DIALECTS)('teamReport (%s)', (dialect) => {
  let testDb: TestDb;
  let store: ServerDb;
  beforeAll(async () => {
    testDb = await createTestDb(dialect);
    store = await testDb.open();
    await seedTeam(store, { team: 'T', reps: 2, fromDayMs: MONDAY, days: 7, nowMs: NOW });
    await store.db.updateTable('users').set({ name: '=HYPERLINK("x")' }).where('email', '=', 't.rep1@example.com').execute();
  });
  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  const reps = () => store.db.selectFrom('users').select(['id', 'email', 'name']).orderBy('id').execute();

  it('sums time use, productivity and calls per rep and for the team over the range', async () => {
    const report = await teamReport(store.db, await reps(), { from: '2026-03-02', to: '2026-03-03' }, DEFAULT_POLICY);
    expect(report.reps).toHaveLength(2);
    for (const rep of report.reps) {
      // Two days of 8 h of activity in 2-minute spans.
      expect(rep.apps.reduce((s, a) => s + a.seconds, 0)).toBe(2 * 8 * 3600);
      expect(rep.categories.reduce((s, c) => s + c.seconds, 0)).toBe(2 * 8 * 3600);
      expect(rep.days.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03']);
      expect(rep.calls.calls).toBe(24);
      expect(rep.calls.answered).toBe(20);
      expect(rep.calls.ahtSeconds).toBeGreaterThan(0);
      expect(rep.calls.callsPerActiveHour).toBeCloseTo(20 / 16);
    }
    expect(report.team.calls.calls).toBe(48);
    expect(report.team.apps.reduce((s, a) => s + a.seconds, 0)).toBe(4 * 8 * 3600);
    expect(report.team.days).toHaveLength(2);
    expect(report.team.days[0]!.activeSeconds).toBe(2 * 8 * 3600);
  });

  it('writes each table as CSV, defused against formulas', async () => {
    const report = await teamReport(store.db, await reps(), { from: '2026-03-02', to: '2026-03-02' }, DEFAULT_POLICY);
    const csv = teamReportCsv(report, 'calls');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('rep,email,calls,answered,aht_s,talk_s,hold_s,wrap_s,calls_per_hour');
    expect(lines).toHaveLength(1 + 2 + 1);
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""x""\)",t\.rep1@example\.com,12,10,/);
    expect(lines[3]).toMatch(/^Team,,24,20,/);
    const apps = teamReportCsv(report, 'apps').trimEnd().split('\r\n');
    expect(apps[0]).toContain('rep,email,app,seconds');
  });

  it('counts a call on the local day it started, in the zone it was timed in', async () => {
    const [rep] = await reps();
    const device = await store.db.selectFrom('devices').select('id').where('user_id', '=', rep!.id).executeTakeFirstOrThrow();
    // Tuesday 02:00 UTC is Monday 21:00 in New York: a Monday call, as the rep's device counts it.
    const startMs = Date.UTC(2026, 2, 10, 2);
    const data = { source: 'manual', direction: 'out', answered: 1, talk_ms: 300_000, hold_ms: 0, wrap_ms: 0, tz: 'America/New_York' };
    await store.db
      .insertInto('records')
      .values({
        user_id: rep!.id,
        uuid: 'late-evening-call',
        kind: 'call',
        device_id: device.id,
        seq: 1,
        start_ms: startMs,
        end_ms: startMs + 300_000,
        ref_uuid: null,
        payload: JSON.stringify({ seq: 1, uuid: 'late-evening-call', kind: 'call', startMs, endMs: startMs + 300_000, data }),
        received_ms: NOW,
      })
      .execute();
    const monday = await teamReport(store.db, [rep!], { from: '2026-03-09', to: '2026-03-09' }, DEFAULT_POLICY);
    const tuesday = await teamReport(store.db, [rep!], { from: '2026-03-10', to: '2026-03-10' }, DEFAULT_POLICY);
    expect(monday.team.calls.calls).toBe(1);
    expect(tuesday.team.calls.calls).toBe(0);
  });

  it("categorizes with the rep's team policy: its rules before the built-in ones, its ratings over them", async () => {
    const all = await reps();
    const before = await teamReport(store.db, all, { from: '2026-03-02', to: '2026-03-02' }, DEFAULT_POLICY);
    const youtube = before.team.apps.find((a) => a.app === 'YouTube')!.seconds;
    expect(youtube).toBeGreaterThan(0);
    expect(before.team.categories.some((c) => c.category === 'Training > Product > Demo videos')).toBe(false);
    const team = await store.db.selectFrom('teams').select('id').where('name', '=', 'T').executeTakeFirstOrThrow();
    await new PolicyStore(store.db).put(
      team.id,
      {
        ...DEFAULT_POLICY,
        rules: [{ id: 'team-videos', category: 'Training > Product > Demo videos', app: 'YouTube' }],
        ratings: [{ category: 'Training', rating: 'productive' }],
      },
      all[0]!.id,
      NOW,
    );
    const after = await teamReport(store.db, all, { from: '2026-03-02', to: '2026-03-02' }, DEFAULT_POLICY);
    expect(after.team.categories.find((c) => c.category === 'Training > Product > Demo videos')?.seconds).toBe(youtube);
    expect(after.team.days[0]!.productiveSeconds).toBe(before.team.days[0]!.productiveSeconds + youtube);
  });
});

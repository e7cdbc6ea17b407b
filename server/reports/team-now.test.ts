/**
 * Team now's figures for many reps come from a fixed number of queries (not a few per rep: 200 reps made
 * the cold load take seconds), and are the figures the rep-by-rep computation gives.
 */
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/sync/contract';
import { seedTeam } from '../test-support/team-seed';
import type { ServerDb } from '../db/open';
import { createTestDb, DIALECTS, type TestDb } from '../test-support/test-db';
import { PolicyStore } from '../store/policy-store';
import { repToday, teamToday } from './team-now';

const MONDAY = Date.UTC(2026, 2, 2);
const NOW = MONDAY + 2 * 86_400_000 + 13 * 3_600_000;

function counting(): { plugin: KyselyPlugin; count: () => number } {
  let n = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        n++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    },
    count: () => n,
  };
}

describe.each(DIALECTS)('teamToday (%s)', (dialect) => {
  let testDb: TestDb;
  let store: ServerDb;
  beforeAll(async () => {
    testDb = await createTestDb(dialect);
    store = await testDb.open();
    await seedTeam(store, { team: 'T', reps: 6, fromDayMs: MONDAY, days: 3, nowMs: NOW });
  });
  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  it('reads a fixed number of queries whatever the number of reps', async () => {
    const reps = await store.db.selectFrom('users').select(['id', 'email', 'name']).orderBy('id').execute();
    const withTeam = reps.map((r) => ({ ...r, team: 'T' }));
    const few = counting();
    await teamToday(store.db.withPlugin(few.plugin), withTeam.slice(0, 2), DEFAULT_POLICY, NOW, 'UTC');
    const many = counting();
    await teamToday(store.db.withPlugin(many.plugin), withTeam, DEFAULT_POLICY, NOW, 'UTC');
    expect(many.count()).toBe(few.count());
    expect(many.count()).toBeLessThanOrEqual(8);
  });

  it('gives each rep the figures of the rep-by-rep computation', async () => {
    const reps = (await store.db.selectFrom('users').select(['id', 'email', 'name']).orderBy('id').execute()).map((r) => ({ ...r, team: 'T' }));
    const batch = await teamToday(store.db, reps, DEFAULT_POLICY, NOW, 'UTC');
    for (const rep of reps) {
      const one = await repToday(store.db, rep, DEFAULT_POLICY, NOW, 'UTC');
      expect(batch.get(rep.id)).toEqual(one);
      expect(one.recordedWorkedSeconds).toBeGreaterThan(0);
      expect(one.answeredCalls).toBeGreaterThan(0);
    }
  });

  it("rates activity by the rep's team policy, as the team report and the device do", async () => {
    const reps = (await store.db.selectFrom('users').select(['id', 'email', 'name']).orderBy('id').execute()).map((r) => ({ ...r, team: 'T' }));
    const before = await teamToday(store.db, reps, DEFAULT_POLICY, NOW, 'UTC');
    const team = await store.db.selectFrom('teams').select('id').where('name', '=', 'T').executeTakeFirstOrThrow();
    // The team calls every app productive: a rule per seeded app under a category the team rates productive.
    const apps = ['Google Chrome', 'Salesforce', 'Slack', 'Five9 Agent Desktop', 'Microsoft Excel', 'YouTube'];
    await new PolicyStore(store.db).put(
      team.id,
      {
        ...DEFAULT_POLICY,
        rules: apps.map((app, i) => ({ id: `team-${i}`, category: 'Team > Work > Sales > Desk > All', app: `^${app}$` })),
        ratings: [{ category: 'Team > Work > Sales > Desk > All', rating: 'productive' }],
      },
      reps[0]!.id,
      NOW,
    );
    const after = await teamToday(store.db, reps, DEFAULT_POLICY, NOW, 'UTC');
    for (const rep of reps) {
      const b = before.get(rep.id)!;
      const a = after.get(rep.id)!;
      expect(a.activeSeconds).toBe(b.activeSeconds);
      expect(b.productiveSeconds).toBeLessThan(b.activeSeconds);
      expect(a.productiveSeconds).toBe(a.activeSeconds);
    }
  });
});

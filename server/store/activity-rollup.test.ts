/**
 * The activity rollup counts a span once: a re-sent batch and the same uuid from a second device of the rep
 * add nothing, and the migration's backfill gives what the pushes gave.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRecord } from '../../shared/sync/contract';
import { team } from '../db/migrations/003-team';
import { createHarness, T0, type Harness } from '../test-support/harness';
import { pushBody } from '../test-support/records';

const span = (seq: number, uuid: string, startMs: number, app: string): SyncRecord => ({
  seq,
  uuid,
  kind: 'activity',
  startMs,
  endMs: startMs + 600_000,
  timeZone: 'UTC',
  utcOffsetMin: 0,
  app,
});

describe.each(['sqlite', 'postgres'] as const)('activity rollup (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  const sums = async () =>
    (await h.store.db.selectFrom('activity_days').select(['app', 'day', 'ms']).orderBy('app').execute()).map((r) => ({
      ...r,
      day: Number(r.day),
      ms: Number(r.ms),
    }));

  it('adds each stored span once, and the backfill agrees', async () => {
    const a = await h.enroll('rep');
    const b = await h.enroll('rep');
    const batch = [span(1, 'x1', T0, 'Slack'), span(2, 'x2', T0 + 600_000, 'Slack'), span(3, 'x3', T0 + 1_200_000, 'Excel')];
    for (const device of [a, a, b]) {
      const res = await h.request({ method: 'POST', url: '/api/sync/push', token: device.token, payload: pushBody(device.deviceId, batch) });
      expect(res.statusCode).toBe(200);
    }
    const day = Math.floor(T0 / 86_400_000);
    const pushed = await sums();
    expect(pushed).toEqual([
      { app: 'Excel', day, ms: 600_000 },
      { app: 'Slack', day, ms: 1_200_000 },
    ]);
    // The migration again over the same records: the table anew, then its backfill.
    await h.store.db.schema.dropTable('activity_days').execute();
    await team.up(h.store.db as never, dialect);
    expect(await sums()).toEqual(pushed);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollmentCode } from '../admin';
import { createHarness, T0, type Harness } from '../test-support/harness';
import { DIALECTS } from '../test-support/test-db';
import { pruneExpired, RATE_LIMIT_KEEP_MS } from './housekeeping';
import { hit } from './rate-limits';

describe.each(DIALECTS)('housekeeping (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  it('deletes expired sessions and codes and old rate-limit windows, and keeps the live ones', async () => {
    await h.login('rep');
    await enrollmentCode(h.services, 'rep.a@example.com');
    await hit(h.store.db, 'old', T0, 60_000);
    // A day later: the rep's session (12 h) is over, the code (7 days) is not.
    h.clock.now = T0 + RATE_LIMIT_KEEP_MS + 60_000;
    const live = await h.login('manager');
    await hit(h.store.db, 'new', h.clock.now, 60_000);
    await pruneExpired(h.store.db, h.clock.now);
    expect(await h.store.db.selectFrom('sessions').select('user_id').execute()).toEqual([{ user_id: h.ids.manager }]);
    expect(await h.store.db.selectFrom('enrollment_codes').select('user_id').execute()).toEqual([{ user_id: h.ids.rep }]);
    expect((await h.store.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key).sort()).toEqual(
      ['login:account:manager.a@example.com', 'login:address:127.0.0.1', 'new'].sort(),
    );
    expect((await h.request({ method: 'GET', url: '/api/me', session: live })).statusCode).toBe(200);
  });
});

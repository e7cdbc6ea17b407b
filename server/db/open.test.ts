/** The server's PostgreSQL store outlives a connection that PostgreSQL closes under it (a restart, an admin's terminate). */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDb, PG_ADMIN_URL, type TestDb } from '../test-support/test-db';
import type { ServerDb } from './open';

describe('openServerDb on PostgreSQL', () => {
  let testDb: TestDb;
  let store: ServerDb;
  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  it('keeps serving when an idle pooled connection is terminated, instead of ending the process', async () => {
    testDb = await createTestDb('postgres');
    store = await testDb.open();
    await sql`SELECT 1`.execute(store.db);
    const name = new URL(testDb.target).pathname.slice(1);
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      const killed = await admin.query('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      expect(killed.rows.length).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // The terminated connection may be handed out once more before its error arrives: a query fails, the next succeeds.
    let answer: number | null = null;
    for (let attempt = 0; attempt < 3 && answer === null; attempt++) {
      try {
        const { rows } = await sql<{ n: number }>`SELECT 42 AS n`.execute(store.db);
        answer = rows[0]!.n;
      } catch {
        answer = null;
      }
    }
    expect(answer).toBe(42);
  });
});

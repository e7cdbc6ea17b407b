/**
 * A fresh database per test file, in both dialects: a SQLite file in a temporary folder, and a PostgreSQL
 * database with a unique name on the real server at 127.0.0.1:5432, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openServerDb, type ServerDb } from '../db/open';
import type { Dialect } from '../db/migrations/migration';

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];
export const PG_ADMIN_URL = process.env.STINT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb {
  /** What --db takes for this database. */
  target: string;
  open(): Promise<ServerDb>;
  drop(): Promise<void>;
}

export async function createTestDb(dialect: Dialect): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'stint-srv-'));
    const target = join(dir, 'server.db');
    return { target, open: () => openServerDb(target), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `stint_srv_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const target = url.toString();
  return { target, open: () => openServerDb(target), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

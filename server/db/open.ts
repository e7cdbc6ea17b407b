/**
 * Opens the server's store: a SQLite file (the embedded default) or PostgreSQL (`postgres://…`), both
 * through Kysely, and brings its schema up to date. PostgreSQL BIGINT columns come back as numbers (every
 * bigint here is a millisecond instant or a sequence number, well inside 2^53).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations';
import type { Dialect } from './migrations/migration';
import type { ServerDatabase } from './schema';

export interface ServerDb {
  db: Kysely<ServerDatabase>;
  dialect: Dialect;
  /** Where it is, without a password: what the server prints. */
  location: string;
  /** The SQLite connection, for `backup`; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
}

export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//i.test(target);

const PG_INT8 = 20;

export async function openServerDb(target: string): Promise<ServerDb> {
  const opened = isPostgresUrl(target) ? openPostgres(target) : openSqlite(target);
  await migrate(opened.db, opened.dialect);
  return opened;
}

function openSqlite(file: string): ServerDb {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the writer; several processes on one file wait for each other's writes.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<ServerDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', location: file, sqlite, close: () => db.destroy() };
}

function openPostgres(url: string): ServerDb {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === PG_INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, types, max: 10 });
  // An idle connection that PostgreSQL closes (a restart, an admin's terminate) is an 'error' event on the
  // pool; unheard, it ends the process. The pool drops that connection and opens another for the next query.
  pool.on('error', (error) => process.stderr.write(`stint-server: a PostgreSQL connection was closed (${error.message}); the next query opens another.\n`));
  const db = new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool }) });
  const location = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return { db, dialect: 'postgres', location, sqlite: null, close: () => db.destroy() };
}

async function migrate(db: Kysely<ServerDatabase>, dialect: Dialect): Promise<void> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const m of migrations) out[m.name] = { up: (raw) => m.up(raw, dialect) };
      return out;
    },
  };
  const { error, results } = await new Migrator({
    db,
    provider,
    migrationTableName: 'stint_migrations',
    migrationLockTableName: 'stint_migrations_lock',
  }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'a migration';
    throw new Error(`Could not bring the server database up to date (${failed} failed): ${error instanceof Error ? error.message : String(error)}`);
  }
}

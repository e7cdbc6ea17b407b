import Database from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../../../shared/user-error';
import { migrations, type Migration } from './migrations';

/** PRAGMA application_id marks a file as Stint's ("STNT"), so we never migrate someone else's database. */
export const STINT_APPLICATION_ID = 0x53544e54;

export interface OpenOptions {
  readonly?: boolean;
  /** Refuse to create the file: for commands that only read what `stint track` recorded. */
  mustExist?: boolean;
  /** For tests of individual migrations: stop after this version. */
  targetVersion?: number;
  migrations?: readonly Migration[];
}

export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  const isNew = path === ':memory:' || !existsSync(path);
  if (isNew && (options.readonly || options.mustExist) && path !== ':memory:') {
    throw new UserError(`No Stint database at ${path}. Run \`stint track\` first, or pass --db FILE.`);
  }
  if (isNew && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

  let db: Database.Database;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: !isNew });
  } catch (error) {
    throw new UserError(`Cannot open ${path}: ${(error as Error).message}. Check the path and its permissions.`);
  }
  try {
    // A writer that finds the database locked by another process (the recorder, a CLI command, a view's
    // request) waits up to 5 s for it instead of failing; the immediate transactions of the stores rely on it.
    db.pragma('busy_timeout = 5000');
    checkIsStint(db, path);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a commit survives a killed process; only an OS crash may lose the last ones.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (!options.readonly) migrate(db, options.migrations ?? migrations, options.targetVersion);
    else assertCurrent(db, path, options.migrations ?? migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function checkIsStint(db: Database.Database, path: string): void {
  let appId: number;
  let tableCount: number;
  let version: number;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
    version = db.pragma('user_version', { simple: true }) as number;
    tableCount = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
  } catch (error) {
    throw new UserError(`${path} is not a Stint database (${(error as Error).message}). Pass --db with a Stint database, or a new file name.`);
  }
  if (appId === STINT_APPLICATION_ID) return;
  // A brand-new, empty file. One with a user_version but no application id is another program's, empty or not:
  // migrating it from that version would stamp it as Stint's without the earlier migrations' tables.
  if (appId === 0 && tableCount === 0 && version === 0) return;
  throw new UserError(`${path} is not a Stint database: it holds other data. Pass --db with a Stint database, or a new file name.`);
}

function latest(list: readonly Migration[]): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}

function assertCurrent(db: Database.Database, path: string, list: readonly Migration[]): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > latest(list)) {
    throw new UserError(`${path} was written by a newer Stint (schema ${version}). Update Stint to read it.`);
  }
}

export function migrate(db: Database.Database, list: readonly Migration[], target?: number): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = latest(list);
  if (current > newest) {
    throw new UserError(`The database was written by a newer Stint (schema ${current}, this build knows ${newest}). Update Stint.`);
  }
  const pending = [...list].sort((a, b) => a.version - b.version).filter((m) => m.version > current && (target === undefined || m.version <= target));
  for (const migration of pending) {
    db.transaction(() => {
      // Two processes opening an old database at once: the second waits for the write lock, then finds it done.
      if ((db.pragma('user_version', { simple: true }) as number) >= migration.version) return;
      migration.up(db);
      db.pragma(`application_id = ${STINT_APPLICATION_ID}`);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

/** Deletes a database file and its WAL companions: one a command created and then wrote nothing to. */
export function discardDatabase(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
}

import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { once } from '../../../shared/once';
import { UserError } from '../../../shared/user-error';
import { defaultDataDir } from './data-path';
import { migrations, type Migration } from './migrations';
import { asStorageError, StorageError, writeProblem } from './storage-error';

/** PRAGMA application_id marks a file as Stint's ("STNT"), so we never migrate someone else's database. */
export const STINT_APPLICATION_ID = 0x53544e54;

export interface OpenOptions {
  readonly?: boolean;
  /**
   * Refuse to create the file: for commands that only read what `stint track` recorded. Such a command also
   * reads a file this process may not write (a read-only file or folder): it opens it read-only, and the
   * reports then leave their caches alone.
   */
  mustExist?: boolean;
  /** For tests of individual migrations: stop after this version. */
  targetVersion?: number;
  migrations?: readonly Migration[];
}

/**
 * better-sqlite3's compiled part, where npm installs it. Without it better-sqlite3 finds it with the `bindings`
 * package, which reads a stack trace and tries folders with failing require()s: a twentieth of `stint status`.
 * Undefined (search as usual) under Electron, whose packaged app keeps it elsewhere, and in a CommonJS bundle.
 */
const nativeBinding = once((): string | undefined => {
  if (process.versions.electron !== undefined || typeof import.meta.url !== 'string') return undefined;
  try {
    const addon = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3')), '..', 'build', 'Release', 'better_sqlite3.node');
    return existsSync(addon) ? addon : undefined;
  } catch {
    return undefined;
  }
});
const binding = () => {
  const addon = nativeBinding();
  return addon === undefined ? {} : { nativeBinding: addon };
};

export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  if (path === ':memory:') return setUp(new Database(path, binding()), path, options);
  const isNew = !existsSync(path);
  if (isNew && (options.readonly || options.mustExist)) {
    throw new UserError(`No Stint database at ${path}. Run \`stint track\` first, or pass --db FILE.`);
  }
  const created = isNew && createPrivate(path);
  if (!created) keepPrivate(path);
  const problem = writeProblem(path);
  if (problem !== null && !options.readonly && !options.mustExist) throw new StorageError(problem, path);
  const readonly = (options.readonly ?? false) || problem !== null;
  let db: Database.Database;
  try {
    db = readonly && problem === 'folder-read-only' ? openInFolderReadOnly(path) : new Database(path, { readonly, fileMustExist: true, ...binding() });
  } catch (error) {
    if (created) discardDatabase(path);
    const storage = asStorageError(error, path);
    if (storage instanceof StorageError) throw storage;
    throw new UserError(`Cannot open ${path}: ${(error as Error).message}. Check the path and its permissions.`);
  }
  try {
    return setUp(db, path, options);
  } catch (error) {
    // A database this call created and could not set up (a full disk) is not left behind as an empty file.
    if (created) discardDatabase(path);
    throw asStorageError(error, path);
  }
}

function setUp(db: Database.Database, path: string, options: OpenOptions): Database.Database {
  try {
    // A writer that finds the database locked by another process (the recorder, a CLI command, a view's
    // request) waits up to 5 s for it instead of failing; the immediate transactions of the stores rely on it.
    db.pragma('busy_timeout = 5000');
    checkIsStint(db, path);
    if (!db.readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a commit survives a killed process; only an OS crash may lose the last ones.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (!db.readonly) migrate(db, options.migrations ?? migrations, options.targetVersion);
    else assertCurrent(db, path, options.migrations ?? migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Creates the file, and its folder, for this user only: SQLite gives the -wal and -shm files the
 * database's mode. False when another process created it first.
 */
function createPrivate(path: string): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'wx', 0o600));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw asStorageError(error, path);
  }
}

/**
 * Takes group and other access away from an existing database, its companions and the default data
 * folder, where this user owns them (a data folder made with umask 022 was 755). A folder the user chose
 * with --db is theirs to set.
 */
function keepPrivate(path: string): void {
  const uid = process.getuid?.();
  if (uid === undefined) return; // Windows: the profile folder is already the user's
  const targets = [path, `${path}-wal`, `${path}-shm`];
  if (dirname(path) === defaultDataDir()) targets.push(dirname(path));
  for (const file of targets) {
    try {
      const stat = statSync(file);
      // Owner bits stay as they are: a file the user made read-only stays read-only.
      if (stat.uid === uid && (stat.mode & 0o077) !== 0) chmodSync(file, stat.mode & 0o700);
    } catch {
      // missing, or not ours to change (an immutable file): the open itself says what is wrong
    }
  }
}

/**
 * A WAL database in a folder nobody may write cannot be opened, even read-only, without its -shm file.
 * With no -wal file the database file holds everything: read a copy in memory (as a rollback-journal file).
 */
function openInFolderReadOnly(path: string): Database.Database {
  if (existsSync(`${path}-shm`) || existsSync(`${path}-wal`)) return new Database(path, { readonly: true, fileMustExist: true, ...binding() });
  const bytes = readFileSync(path);
  // Bytes 18 and 19 of the header: 2 = WAL, 1 = legacy; an in-memory database cannot be WAL.
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes.fill(1, 18, 20);
  return new Database(bytes, { readonly: true, ...binding() });
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
    const storage = asStorageError(error, path);
    if (storage instanceof StorageError) throw storage;
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
  // An older schema needs its migrations, which a read-only file cannot take.
  if (version < latest(list) && path !== ':memory:') throw new StorageError(writeProblem(path) ?? 'file-read-only', path);
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

import Database from 'better-sqlite3';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../../shared/user-error';
import { defaultDataDir } from './data-path';
import { openDatabase } from './open-database';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-open-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase: files that are not Stint’s', () => {
  it('refuses an empty SQLite file with a user_version and no application id, and leaves it as it was', () => {
    const path = join(dir, 'other.db');
    const raw = new Database(path);
    raw.pragma('user_version = 3');
    raw.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(UserError);
    expect(() => openDatabase(path)).toThrow(/is not a Stint database/);
    expect(readFileSync(path).equals(before)).toBe(true);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('application_id', { simple: true })).toBe(0);
    expect(check.prepare('SELECT count(*) AS n FROM sqlite_schema').get()).toEqual({ n: 0 });
    check.close();
  });
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('openDatabase: this user’s files only', () => {
  let umask: number;
  beforeEach(() => {
    umask = process.umask(0o022);
    vi.stubEnv('XDG_DATA_HOME', join(dir, 'xdg'));
  });
  afterEach(() => {
    process.umask(umask);
    vi.unstubAllEnvs();
  });

  it('creates the data folder 0700 and the database, -wal and -shm 0600, whatever the umask', () => {
    const path = join(defaultDataDir(), 'stint.db');
    const db = openDatabase(path);
    db.prepare("INSERT INTO meta (key, value) VALUES ('k', 'v')").run();
    expect(mode(defaultDataDir())).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(mode(file), file).toBe(0o600);
    db.close();
  });

  it('takes group and other access from an existing data folder and database, not from a folder chosen with --db', () => {
    const path = join(defaultDataDir(), 'stint.db');
    openDatabase(path).close();
    chmodSync(defaultDataDir(), 0o755);
    chmodSync(path, 0o644);
    openDatabase(path).close();
    expect(mode(defaultDataDir())).toBe(0o700);
    expect(mode(path)).toBe(0o600);

    const chosen = join(dir, 'shared');
    mkdirSync(chosen, { mode: 0o755 });
    const other = join(chosen, 'team.db');
    openDatabase(other).close();
    expect(mode(chosen)).toBe(0o755);
    expect(mode(other)).toBe(0o600);
    // A file the user made read-only stays read-only (for the user too), only closed to others.
    chmodSync(other, 0o444);
    openDatabase(other, { mustExist: true }).close();
    expect(mode(other)).toBe(0o400);
  });
});

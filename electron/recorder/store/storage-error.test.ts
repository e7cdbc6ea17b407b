import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asStorageError, StorageError, storageProblemOf } from './storage-error';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-storage-error-'));
  path = join(dir, 'stint.db');
  const db = new Database(path);
  db.exec('CREATE TABLE t (x BLOB UNIQUE)');
  db.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function errorOf(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('no error');
}

// Where no tmpfs can be mounted (cli-storage.test.ts), these are the only check of SQLite's own codes.
describe('storage problems from SQLite', () => {
  it('a database that cannot grow is a full disk (SQLite’s SQLITE_FULL, here from max_page_count)', () => {
    const db = new Database(path);
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const error = errorOf(() => db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(64 * 1024)));
    db.close();
    expect(storageProblemOf(error, path)).toBe('disk-full');
    expect(asStorageError(error, path)).toBeInstanceOf(StorageError);
    expect(asStorageError(error, path)).toMatchObject({ problem: 'disk-full', path });
  });

  it('a write through a read-only connection is a read-only file; other failures are not storage problems', () => {
    const db = new Database(path, { readonly: true });
    expect(
      storageProblemOf(
        errorOf(() => db.prepare('INSERT INTO t VALUES (1)').run()),
        path,
      ),
    ).toBe('file-read-only');
    db.close();
    const writer = new Database(path);
    writer.prepare('INSERT INTO t VALUES (1)').run();
    const unique = errorOf(() => writer.prepare('INSERT INTO t VALUES (1)').run());
    writer.close();
    expect(storageProblemOf(unique, path)).toBeNull();
    expect(asStorageError(unique, path)).toBe(unique);
  });
});

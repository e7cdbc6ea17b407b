import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/user-error';
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

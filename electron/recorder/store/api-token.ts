import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';

const KEY = 'api_token';

/**
 * The per-install secret every local API request carries: 32 random bytes as base64url, made on first
 * use and kept in the database's meta table so the desktop app and `stint track` share it.
 */
export function apiToken(db: Database.Database): string {
  const read = () => db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(KEY) as string | undefined;
  const existing = read();
  if (existing !== undefined) return existing;
  // OR IGNORE: two processes may race to create it; both then read the one that won.
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(KEY, randomBytes(32).toString('base64url'));
  return read()!;
}

import type Database from 'better-sqlite3';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

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

/** Compares a presented token with the real one in time that does not depend on where they differ. */
export function tokenMatches(presented: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares a presented token with the real one (store/api-token.ts) in time that does not depend on where they differ. */
export function tokenMatches(presented: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

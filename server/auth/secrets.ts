/**
 * Secrets the server hands out (session, CSRF and device tokens, enrollment codes) and how it keeps them:
 * random from the OS, stored only as a SHA-256 hash, so a copy of the database signs nobody in.
 */
import { createHash, randomBytes } from 'node:crypto';

export const newToken = (): string => randomBytes(32).toString('base64url');

/** Short enough to type from a screen: 12 characters of an alphabet without look-alikes, in groups of four. */
export function newEnrollmentCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]!);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

/** Codes are compared without case, spaces or dashes: what a person types, not how it was printed. */
export const normalizeCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

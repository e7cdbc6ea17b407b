import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock/clock';

/** How long a sign-in link works: long enough to switch to the browser, short enough to be useless in a log read later. */
import { SIGN_IN_CODE_TTL_MS } from './sign-in-ttl';

export { SIGN_IN_CODE_TTL_MS };

/**
 * The browser's cookie for the server on `port`. Browsers share 127.0.0.1's cookies between ports, so the
 * port in the name keeps two recorders on one host from overwriting each other's sign-in.
 */
export function sessionCookieName(port: number): string {
  return `stint_session_${port}`;
}

/** The session id the request's Cookie header carries under `name`, if any. Other ports' cookies are ignored. */
export function sessionFromCookies(cookieHeader: string | undefined, name: string): string | null {
  // Hand-read rather than @fastify/cookie: its parse works only once the Fastify plugin has loaded the ESM
  // `cookie` module. Session ids are base64url, so no value needs unquoting or decoding.
  for (const pair of (cookieHeader ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at >= 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return null;
}

/** Set-Cookie for a new session: not readable by scripts, never sent with another site's requests, for every path. */
export function sessionSetCookie(name: string, session: string): string {
  return `${name}=${session}; Path=/; HttpOnly; SameSite=Strict`;
}

/**
 * Browser sign-in for the local server, the way Jupyter does it: whoever can read the API token (the CLI,
 * `stint track` itself) asks for a one-time code, the browser trades it at GET /signin for an HttpOnly,
 * SameSite=Strict session cookie, and the page never carries a secret. Codes and sessions live only in
 * this process's memory, kept as SHA-256 digests; a restarted recorder forgets every session (sign in
 * again with `stint open`).
 */
export class BrowserSignIn {
  /** Code digest → expiry (clock ms). */
  private readonly codes = new Map<string, number>();
  /** Session digests. */
  private readonly sessions = new Set<string>();

  constructor(private readonly clock: Clock) {}

  /** A new one-time code, valid for SIGN_IN_CODE_TTL_MS from now. */
  issueCode(): string {
    const now = this.clock.now();
    for (const [key, expires] of this.codes) if (expires <= now) this.codes.delete(key);
    const code = randomBytes(32).toString('base64url');
    this.codes.set(digest(code), now + SIGN_IN_CODE_TTL_MS);
    return code;
  }

  /** Trades a code for a new session id, once: a used, expired or unknown code gives null, and is gone after the first try. */
  redeem(code: string): string | null {
    const key = digest(code);
    const expires = this.codes.get(key);
    if (expires === undefined) return null;
    this.codes.delete(key);
    if (this.clock.now() >= expires) return null;
    const session = randomBytes(32).toString('base64url');
    this.sessions.add(digest(session));
    return session;
  }

  /** Whether this is a session this server gave out. */
  isSession(session: string | null): boolean {
    return session !== null && this.sessions.has(digest(session));
  }
}

function digest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

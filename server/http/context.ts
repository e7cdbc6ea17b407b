import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';
import type { AccountsStore, User, UserWithTeams } from '../store/accounts-store';
import type { PolicyStore } from '../store/policy-store';
import type { Device, SyncStore } from '../store/sync-store';

export interface ServerOptions {
  /** Mark cookies Secure: the server is reached over TLS (directly or through a proxy). */
  secureCookies: boolean;
  sessionTtlMs: number;
  /** Zone for records that carry none. */
  fallbackTimeZone: string;
}

export const DEFAULT_SERVER_OPTIONS: ServerOptions = { secureCookies: false, sessionTtlMs: 12 * 3600_000, fallbackTimeZone: 'UTC' };

export interface Services {
  db: Kysely<ServerDatabase>;
  accounts: AccountsStore;
  sync: SyncStore;
  policies: PolicyStore;
  /** The clock: injected so tests step through expiry and rate-limit windows. */
  now: () => number;
  options: ServerOptions;
}

export type Principal = { kind: 'user'; user: UserWithTeams; csrfToken: string; tokenHash: string } | { kind: 'device'; device: Device; user: User };

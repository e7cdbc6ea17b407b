import type { Kysely } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/**
 * One numbered migration for both dialects, written with Kysely's schema builder; the dialect is passed
 * for the few places they differ (generated keys).
 */
export interface ServerMigration {
  name: string;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { ServerMigration } from './migration';

/** Accounts, teams, sessions, rate limits, enrollment, devices, synced records, live status, policy, audit. */
export const initial: ServerMigration = {
  name: '001-initial',
  async up(db, dialect) {
    // A generated integer key: serial in PostgreSQL, INTEGER PRIMARY KEY AUTOINCREMENT in SQLite.
    const id = dialect === 'postgres' ? 'serial' : 'integer';
    const key = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());
    const ms = 'bigint';
    await db.schema
      .createTable('teams')
      .addColumn('id', id, key)
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('created_ms', ms, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('users')
      .addColumn('id', id, key)
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(sqlIn('role', ['admin', 'manager', 'rep'])))
      .addColumn('password_hash', 'text')
      .addColumn('created_ms', ms, (c) => c.notNull())
      .addColumn('removed_ms', ms)
      .execute();
    for (const table of ['team_members', 'team_managers']) {
      await db.schema
        .createTable(table)
        .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addPrimaryKeyConstraint(`${table}_pk`, ['team_id', 'user_id'])
        .execute();
      await db.schema.createIndex(`${table}_by_user`).on(table).column('user_id').execute();
    }
    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_ms', ms, (c) => c.notNull())
      .addColumn('expires_ms', ms, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('window_start_ms', ms, (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('rate_limits_pk', ['key', 'window_start_ms'])
      .execute();
    await db.schema
      .createTable('enrollment_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_ms', ms, (c) => c.notNull())
      .addColumn('expires_ms', ms, (c) => c.notNull())
      .addColumn('used_ms', ms)
      .execute();
    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_ms', ms, (c) => c.notNull())
      .addColumn('revoked_ms', ms)
      .addColumn('last_seen_ms', ms)
      .addColumn('schema_version', 'integer', (c) => c.notNull())
      .addColumn('last_seq', ms, (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('records')
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('uuid', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('seq', ms, (c) => c.notNull())
      .addColumn('start_ms', ms)
      .addColumn('end_ms', ms)
      .addColumn('ref_uuid', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('received_ms', ms, (c) => c.notNull())
      .addPrimaryKeyConstraint('records_pk', ['user_id', 'uuid'])
      .execute();
    await db.schema.createIndex('records_by_start').on('records').columns(['user_id', 'kind', 'start_ms']).execute();
    await db.schema.createIndex('records_by_device_seq').on('records').columns(['device_id', 'seq']).execute();
    await db.schema
      .createTable('device_status')
      .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('received_ms', ms, (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('policies')
      .addColumn('id', id, key)
      .addColumn('team_id', 'integer', (c) => c.references('teams.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_ms', ms, (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .execute();
    await db.schema.createIndex('policies_by_scope').on('policies').columns(['team_id', 'version']).execute();
    await db.schema
      .createTable('audit_log')
      .addColumn('id', id, key)
      .addColumn('at_ms', ms, (c) => c.notNull())
      .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
  },
};

function sqlIn(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

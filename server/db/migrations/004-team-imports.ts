import type { ColumnDefinitionBuilder } from 'kysely';
import type { ServerMigration } from './migration';

/**
 * Team data imports (issue 15): call logs and CRM reports a manager uploads once for the whole team, and
 * each team's mapping from a dialer's agent or a CRM's owner to a user. Rows are keyed by their system and
 * their id there, so importing a file again adds nothing.
 */
export const teamImports: ServerMigration = {
  name: '004-team-imports',
  async up(db) {
    const ms = 'bigint';
    const team = (c: ColumnDefinitionBuilder) => c.notNull().references('teams.id').onDelete('cascade');
    const user = (c: ColumnDefinitionBuilder) => c.references('users.id').onDelete('set null');
    await db.schema
      .createTable('team_import_names')
      .addColumn('team_id', 'integer', team)
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // null: the name is nobody of this team (another team's agent): its rows are left out.
      .addColumn('user_id', 'integer', user)
      .addColumn('updated_ms', ms, (c) => c.notNull())
      .addPrimaryKeyConstraint('team_import_names_pk', ['team_id', 'name_key'])
      .execute();
    await db.schema
      .createTable('team_calls')
      .addColumn('team_id', 'integer', team)
      .addColumn('system', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', user)
      .addColumn('agent', 'text')
      .addColumn('start_ms', ms, (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('answered', 'integer', (c) => c.notNull())
      .addColumn('talk_ms', ms, (c) => c.notNull())
      .addColumn('hold_ms', ms, (c) => c.notNull())
      .addColumn('wrap_ms', ms, (c) => c.notNull())
      .addColumn('contact', 'text')
      // phoneKey(contact): a lead's first touch is found by its numbers' keys (shared/sales/phone-key.ts).
      .addColumn('contact_key', 'text')
      .addColumn('imported_ms', ms, (c) => c.notNull())
      .addPrimaryKeyConstraint('team_calls_pk', ['team_id', 'system', 'external_id'])
      .execute();
    await db.schema.createIndex('team_calls_by_start').on('team_calls').columns(['team_id', 'start_ms']).execute();
    await db.schema.createIndex('team_calls_by_contact').on('team_calls').columns(['team_id', 'contact_key', 'start_ms']).execute();
    for (const table of ['team_opportunities', 'team_leads'] as const) {
      let t = db.schema
        .createTable(table)
        .addColumn('team_id', 'integer', team)
        .addColumn('crm', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', user)
        .addColumn('owner', 'text');
      t =
        table === 'team_opportunities'
          ? t
              .addColumn('status', 'text', (c) => c.notNull())
              .addColumn('created_date', 'text', (c) => c.notNull())
              .addColumn('close_date', 'text')
              .addColumn('sql_date', 'text')
          : t.addColumn('created_ms', ms, (c) => c.notNull());
      // The record as the shared parser made it (shared/sales/types.ts), as JSON: what the KPIs read.
      await t
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('imported_ms', ms, (c) => c.notNull())
        .addColumn('updated_ms', ms, (c) => c.notNull())
        .addPrimaryKeyConstraint(`${table}_pk`, ['team_id', 'crm', 'external_id'])
        .execute();
    }
    await db.schema.createIndex('team_opportunities_by_created').on('team_opportunities').columns(['team_id', 'created_date']).execute();
    await db.schema.createIndex('team_leads_by_created').on('team_leads').columns(['team_id', 'created_ms']).execute();
  },
};

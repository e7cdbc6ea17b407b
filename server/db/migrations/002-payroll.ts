import type { ColumnDefinitionBuilder } from 'kysely';
import type { ServerMigration } from './migration';

/** Approvals and payroll (issue 14): submitted/approved weeks, pay data per user, exported periods. */
export const payroll: ServerMigration = {
  name: '002-payroll',
  async up(db, dialect) {
    const id = dialect === 'postgres' ? 'serial' : 'integer';
    const key = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());
    const ms = 'bigint';
    await db.schema
      .createTable('timesheet_weeks')
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('week_start', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('submitted_figures', 'text', (c) => c.notNull())
      .addColumn('approved_figures', 'text')
      .addColumn('current_figures', 'text', (c) => c.notNull())
      .addColumn('policy_version', 'integer', (c) => c.notNull())
      .addColumn('submitted_ms', ms, (c) => c.notNull())
      .addColumn('submitted_device', 'text')
      .addColumn('decided_ms', ms)
      .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
      .addColumn('comment', 'text')
      .addColumn('updated_ms', ms, (c) => c.notNull())
      .addPrimaryKeyConstraint('timesheet_weeks_pk', ['user_id', 'week_start'])
      .execute();
    await db.schema.createIndex('timesheet_weeks_by_week').on('timesheet_weeks').columns(['week_start', 'status']).execute();
    await db.schema
      .createTable('pay_profiles')
      .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_ms', ms, (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
      .execute();
    await db.schema
      .createTable('payroll_exports')
      .addColumn('id', id, key)
      .addColumn('from_date', 'text', (c) => c.notNull())
      .addColumn('to_date', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('created_ms', ms, (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .addColumn('figures', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('payroll_exports_by_period').on('payroll_exports').columns(['from_date', 'to_date']).execute();
    await db.schema.createIndex('audit_log_by_time').on('audit_log').columns(['at_ms']).execute();
  },
};

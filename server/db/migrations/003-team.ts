import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../schema';
import { addToRollup, rollupSpanOf, type RollupSpan } from '../../store/activity-rollup';
import type { ServerMigration } from './migration';

/** The manager's web app (issue 15): activity summed per rep, local day and window, for the team reports. */
export const team: ServerMigration = {
  name: '003-team',
  async up(db, _dialect) {
    await db.schema
      .createTable('activity_days')
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('day', 'integer', (c) => c.notNull())
      .addColumn('window_key', 'text', (c) => c.notNull())
      .addColumn('app', 'text', (c) => c.notNull())
      .addColumn('title', 'text')
      .addColumn('url', 'text')
      .addColumn('ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('activity_days_pk', ['user_id', 'day', 'window_key'])
      .execute();
    // The activity already synced, a page at a time.
    const typed = db as unknown as Kysely<ServerDatabase>;
    let after = { user: -1, uuid: '' };
    for (;;) {
      const rows = await typed
        .selectFrom('records')
        .select(['user_id', 'uuid', 'payload'])
        .where('kind', '=', 'activity')
        .where((eb) => eb.or([eb('user_id', '>', after.user), eb.and([eb('user_id', '=', after.user), eb('uuid', '>', after.uuid)])]))
        .orderBy('user_id')
        .orderBy('uuid')
        .limit(5000)
        .execute();
      if (rows.length === 0) break;
      await addToRollup(
        typed,
        rows.map((r) => rollupSpanOf(r.user_id, r.payload)).filter((s): s is RollupSpan => s !== null),
      );
      const last = rows.at(-1)!;
      after = { user: last.user_id, uuid: last.uuid };
    }
  },
};

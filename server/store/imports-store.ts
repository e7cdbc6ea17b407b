/**
 * Team data imports (migration 004): each team's name mapping, and the calls, opportunities and leads its
 * manager imported. Rows are keyed by team, system and the id there; SQL for them lives only here.
 */
import type { Kysely } from 'kysely';
import type { ImportedCall } from '../../shared/imports';
import type { Lead, Opportunity } from '../../shared/sales';
import type { ServerDatabase } from '../db/schema';

export interface NameMapping {
  nameKey: string;
  name: string;
  userId: number | null;
}

export interface StoredCrmRow {
  externalId: string;
  userId: number | null;
  payload: string;
}

/** IN lists are cut to this size: PostgreSQL and SQLite both take it well under their parameter limits. */
const CHUNK = 500;
const chunks = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
};

export class ImportsStore {
  constructor(private readonly db: Kysely<ServerDatabase>) {}

  async names(teamId: number): Promise<NameMapping[]> {
    const rows = await this.db
      .selectFrom('team_import_names')
      .select(['name_key', 'name', 'user_id'])
      .where('team_id', '=', teamId)
      .orderBy('name_key')
      .execute();
    return rows.map((r) => ({ nameKey: r.name_key, name: r.name, userId: r.user_id }));
  }

  async setName(teamId: number, mapping: NameMapping, nowMs: number): Promise<void> {
    await this.db
      .insertInto('team_import_names')
      .values({ team_id: teamId, name_key: mapping.nameKey, name: mapping.name, user_id: mapping.userId, updated_ms: nowMs })
      .onConflict((oc) => oc.columns(['team_id', 'name_key']).doUpdateSet({ name: mapping.name, user_id: mapping.userId, updated_ms: nowMs }))
      .execute();
  }

  async removeName(teamId: number, nameKey: string): Promise<boolean> {
    const r = await this.db.deleteFrom('team_import_names').where('team_id', '=', teamId).where('name_key', '=', nameKey).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Which of these calls the team has already (by system and id). */
  async presentCalls(teamId: number, system: string, externalIds: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks([...new Set(externalIds)])) {
      const rows = await this.db
        .selectFrom('team_calls')
        .select('external_id')
        .where('team_id', '=', teamId)
        .where('system', '=', system)
        .where('external_id', 'in', part)
        .execute();
      for (const r of rows) out.add(r.external_id);
    }
    return out;
  }

  /** The stored opportunities or leads of these ids, to tell added from updated from unchanged. */
  async presentCrm(
    table: 'team_opportunities' | 'team_leads',
    teamId: number,
    crm: string,
    externalIds: readonly string[],
  ): Promise<Map<string, StoredCrmRow>> {
    const out = new Map<string, StoredCrmRow>();
    for (const part of chunks([...new Set(externalIds)])) {
      const rows = await this.db
        .selectFrom(table)
        .select(['external_id', 'user_id', 'payload'])
        .where('team_id', '=', teamId)
        .where('crm', '=', crm)
        .where('external_id', 'in', part)
        .execute();
      for (const r of rows) out.set(r.external_id, { externalId: r.external_id, userId: r.user_id, payload: r.payload });
    }
    return out;
  }

  /** Writes an import at once: new calls are added (known ones are left as they are), CRM rows upserted. */
  async write(
    teamId: number,
    rows: {
      calls: { call: ImportedCall; userId: number | null; contactKey: string | null }[];
      opportunities: { crm: string; record: Opportunity; userId: number | null }[];
      leads: { crm: string; record: Lead; userId: number | null }[];
    },
    nowMs: number,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const part of chunks(rows.calls)) {
        await trx
          .insertInto('team_calls')
          .values(
            part.map(({ call, userId, contactKey }) => ({
              team_id: teamId,
              system: call.system,
              external_id: call.externalId,
              user_id: userId,
              agent: call.agent ?? null,
              start_ms: call.startMs,
              direction: call.direction,
              answered: call.answered ? 1 : 0,
              talk_ms: call.talkMs,
              hold_ms: call.holdMs,
              wrap_ms: call.wrapMs,
              contact: call.contact ?? null,
              contact_key: contactKey,
              imported_ms: nowMs,
            })),
          )
          .onConflict((oc) => oc.columns(['team_id', 'system', 'external_id']).doNothing())
          .execute();
      }
      for (const part of chunks(rows.opportunities)) {
        await trx
          .insertInto('team_opportunities')
          .values(
            part.map(({ crm, record, userId }) => ({
              team_id: teamId,
              crm,
              external_id: record.externalId,
              user_id: userId,
              owner: record.owner ?? null,
              status: record.status,
              created_date: record.createdDate,
              close_date: record.closeDate ?? null,
              sql_date: record.sqlDate ?? null,
              payload: JSON.stringify(record),
              imported_ms: nowMs,
              updated_ms: nowMs,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['team_id', 'crm', 'external_id']).doUpdateSet((eb) => ({
              user_id: eb.ref('excluded.user_id'),
              owner: eb.ref('excluded.owner'),
              status: eb.ref('excluded.status'),
              created_date: eb.ref('excluded.created_date'),
              close_date: eb.ref('excluded.close_date'),
              sql_date: eb.ref('excluded.sql_date'),
              payload: eb.ref('excluded.payload'),
              updated_ms: eb.ref('excluded.updated_ms'),
            })),
          )
          .execute();
      }
      for (const part of chunks(rows.leads)) {
        await trx
          .insertInto('team_leads')
          .values(
            part.map(({ crm, record, userId }) => ({
              team_id: teamId,
              crm,
              external_id: record.externalId,
              user_id: userId,
              owner: record.owner ?? null,
              created_ms: record.createdMs,
              payload: JSON.stringify(record),
              imported_ms: nowMs,
              updated_ms: nowMs,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['team_id', 'crm', 'external_id']).doUpdateSet((eb) => ({
              user_id: eb.ref('excluded.user_id'),
              owner: eb.ref('excluded.owner'),
              created_ms: eb.ref('excluded.created_ms'),
              payload: eb.ref('excluded.payload'),
              updated_ms: eb.ref('excluded.updated_ms'),
            })),
          )
          .execute();
      }
    });
  }

  /**
   * The opportunities a sales report over [from, to] reads: open ones created by its end, and those closed,
   * made SQL or created within it (opportunityTotals decides what counts where).
   */
  async opportunities(teamIds: readonly number[], from: string, to: string): Promise<{ teamId: number; userId: number | null; payload: string }[]> {
    if (teamIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('team_opportunities')
      .select(['team_id', 'user_id', 'payload'])
      .where('team_id', 'in', [...teamIds])
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'open'), eb('created_date', '<=', to)]),
          eb.and([eb('close_date', '>=', from), eb('close_date', '<=', to)]),
          eb.and([eb('sql_date', '>=', from), eb('sql_date', '<=', to)]),
          eb.and([eb('created_date', '>=', from), eb('created_date', '<=', to)]),
        ]),
      )
      .execute();
    return rows.map((r) => ({ teamId: r.team_id, userId: r.user_id, payload: r.payload }));
  }

  /** Leads created in [fromMs, toMs). */
  async leads(teamIds: readonly number[], fromMs: number, toMs: number): Promise<{ teamId: number; userId: number | null; payload: string }[]> {
    if (teamIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('team_leads')
      .select(['team_id', 'user_id', 'payload'])
      .where('team_id', 'in', [...teamIds])
      .where('created_ms', '>=', fromMs)
      .where('created_ms', '<', toMs)
      .execute();
    return rows.map((r) => ({ teamId: r.team_id, userId: r.user_id, payload: r.payload }));
  }

  /** A team's imported calls to or from these phone keys from `fromMs` on: the leads' first touches. */
  async callsToKeys(
    teamId: number,
    keys: readonly string[],
    fromMs: number,
  ): Promise<{ contactKey: string; startMs: number; direction: 'in' | 'out'; answered: boolean }[]> {
    const out: { contactKey: string; startMs: number; direction: 'in' | 'out'; answered: boolean }[] = [];
    for (const part of chunks([...new Set(keys)])) {
      const rows = await this.db
        .selectFrom('team_calls')
        .select(['contact_key', 'start_ms', 'direction', 'answered'])
        .where('team_id', '=', teamId)
        .where('contact_key', 'in', part)
        .where('start_ms', '>=', fromMs)
        .execute();
      for (const r of rows) out.push({ contactKey: r.contact_key!, startMs: r.start_ms, direction: r.direction, answered: r.answered === 1 });
    }
    return out;
  }

  /** How many calls, opportunities and leads the team has imported (for the Imports page). */
  async counts(teamId: number): Promise<{ calls: number; opportunities: number; leads: number }> {
    const count = async (table: 'team_calls' | 'team_opportunities' | 'team_leads') =>
      Number(
        (
          await this.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('team_id', '=', teamId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const [calls, opportunities, leads] = await Promise.all([count('team_calls'), count('team_opportunities'), count('team_leads')]);
    return { calls, opportunities, leads };
  }
}

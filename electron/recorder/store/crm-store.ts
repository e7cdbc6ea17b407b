import type Database from 'better-sqlite3';
import type { Lead, Opportunity } from '../../../shared/sales';

/**
 * CRM opportunities and leads as last imported: the CRM owns them, so importing a newer report of the
 * same records replaces them (keyed by system and the CRM's id) instead of adding them again.
 */
export class CrmStore {
  constructor(private readonly db: Database.Database) {}

  upsertOpportunities(system: string, opportunities: readonly Opportunity[], nowMs: number): { added: number; updated: number } {
    const exists = this.db.prepare('SELECT 1 FROM opportunities WHERE system = ? AND external_id = ?');
    const upsert = this.db.prepare(
      `INSERT INTO opportunities (system, external_id, name, account, stage, status, amount, currency, created_date, close_date, loss_reason, owner, sql_date, imported_ms)
       VALUES (@system, @externalId, @name, @account, @stage, @status, @amount, @currency, @createdDate, @closeDate, @lossReason, @owner, @sqlDate, @now)
       ON CONFLICT(system, external_id) DO UPDATE SET name = excluded.name, account = excluded.account, stage = excluded.stage,
         status = excluded.status, amount = excluded.amount, currency = excluded.currency, created_date = excluded.created_date,
         close_date = excluded.close_date, loss_reason = excluded.loss_reason, owner = excluded.owner, sql_date = excluded.sql_date,
         imported_ms = excluded.imported_ms`,
    );
    return this.db.transaction(() => {
      let added = 0;
      for (const o of opportunities) {
        if (exists.get(system, o.externalId) === undefined) added++;
        upsert.run({
          system,
          externalId: o.externalId,
          name: o.name,
          account: o.account ?? null,
          stage: o.stage,
          status: o.status,
          amount: o.amount ?? null,
          currency: o.currency ?? null,
          createdDate: o.createdDate,
          closeDate: o.closeDate ?? null,
          lossReason: o.lossReason ?? null,
          owner: o.owner ?? null,
          sqlDate: o.sqlDate ?? null,
          now: nowMs,
        });
      }
      return { added, updated: opportunities.length - added };
    }).immediate();
  }

  upsertLeads(system: string, leads: readonly Lead[], nowMs: number): { added: number; updated: number } {
    const exists = this.db.prepare('SELECT 1 FROM leads WHERE system = ? AND external_id = ?');
    const upsert = this.db.prepare(
      `INSERT INTO leads (system, external_id, created_ms, first_touch_ms, status, converted_date, owner, imported_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(system, external_id) DO UPDATE SET created_ms = excluded.created_ms, first_touch_ms = excluded.first_touch_ms,
         status = excluded.status, converted_date = excluded.converted_date, owner = excluded.owner, imported_ms = excluded.imported_ms`,
    );
    return this.db.transaction(() => {
      let added = 0;
      for (const l of leads) {
        if (exists.get(system, l.externalId) === undefined) added++;
        upsert.run(system, l.externalId, l.createdMs, l.firstTouchMs ?? null, l.status, l.convertedDate ?? null, l.owner ?? null, nowMs);
      }
      return { added, updated: leads.length - added };
    }).immediate();
  }

  opportunities(): Opportunity[] {
    const rows = this.db
      .prepare('SELECT external_id, name, stage, status, created_date, account, amount, currency, close_date, loss_reason, owner, sql_date FROM opportunities')
      .raw()
      .all() as [string, string, string, Opportunity['status'], string, ...(string | number | null)[]][];
    // Optional fields are set only when present, as the importers produce them.
    return rows.map(([externalId, name, stage, status, createdDate, account, amount, currency, closeDate, lossReason, owner, sqlDate]) => {
      const o: Opportunity = { externalId, name, stage, status, createdDate };
      if (account != null) o.account = account as string;
      if (amount != null) o.amount = amount as number;
      if (currency != null) o.currency = currency as string;
      if (closeDate != null) o.closeDate = closeDate as string;
      if (lossReason != null) o.lossReason = lossReason as Opportunity['lossReason'] & string;
      if (owner != null) o.owner = owner as string;
      if (sqlDate != null) o.sqlDate = sqlDate as string;
      return o;
    });
  }

  leads(): Lead[] {
    const rows = this.db.prepare('SELECT external_id, created_ms, first_touch_ms, status, converted_date, owner FROM leads').all() as {
      external_id: string;
      created_ms: number;
      first_touch_ms: number | null;
      status: string;
      converted_date: string | null;
      owner: string | null;
    }[];
    return rows.map((r) => ({
      externalId: r.external_id,
      createdMs: r.created_ms,
      status: r.status,
      ...(r.first_touch_ms === null ? {} : { firstTouchMs: r.first_touch_ms }),
      ...(r.converted_date === null ? {} : { convertedDate: r.converted_date }),
      ...(r.owner === null ? {} : { owner: r.owner }),
    }));
  }
}

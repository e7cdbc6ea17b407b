import type Database from 'better-sqlite3';
import {
  LOSS_REASONS,
  phoneKey,
  type Lead,
  type LeadTimes,
  type LossReason,
  type Opportunity,
  type OpportunityOptions,
  type OpportunityTotals,
} from '../../../shared/sales';

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
    return this.db
      .transaction(() => {
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
      })
      .immediate();
  }

  upsertLeads(system: string, leads: readonly Lead[], nowMs: number): { added: number; updated: number } {
    const exists = this.db.prepare('SELECT 1 FROM leads WHERE system = ? AND external_id = ?');
    const dropPhones = this.db.prepare('DELETE FROM lead_phones WHERE system = ? AND lead_id = ?');
    const addPhone = this.db.prepare('INSERT OR IGNORE INTO lead_phones (system, lead_id, phone, phone_key) VALUES (?, ?, ?, ?)');
    const upsert = this.db.prepare(
      `INSERT INTO leads (system, external_id, created_ms, first_touch_ms, status, converted_date, owner, imported_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(system, external_id) DO UPDATE SET created_ms = excluded.created_ms, first_touch_ms = excluded.first_touch_ms,
         status = excluded.status, converted_date = excluded.converted_date, owner = excluded.owner, imported_ms = excluded.imported_ms`,
    );
    return this.db
      .transaction(() => {
        let added = 0;
        for (const l of leads) {
          if (exists.get(system, l.externalId) === undefined) added++;
          upsert.run(system, l.externalId, l.createdMs, l.firstTouchMs ?? null, l.status, l.convertedDate ?? null, l.owner ?? null, nowMs);
          // The CRM owns the numbers: the latest report's replace the earlier ones.
          dropPhones.run(system, l.externalId);
          for (const phone of l.phones ?? []) {
            const key = phoneKey(phone);
            if (key !== null) addPhone.run(system, l.externalId, phone, key);
          }
        }
        return { added, updated: leads.length - added };
      })
      .immediate();
  }

  /**
   * shared/sales `opportunityTotals` computed inside SQLite, so 50,000 opportunities never cross into
   * JavaScript row by row: ISO dates compare as text; a cycle is whole days between the two dates, at
   * least 0; the median comes from the cycle histogram. Checked against the shared function by a property test.
   */
  opportunityTotals(options: OpportunityOptions & { owner?: string | null } = {}): OpportunityTotals {
    const params = {
      anyOwner: options.owner === undefined ? 1 : 0,
      owner: options.owner ?? null,
      from: options.range?.from ?? '0000-01-01',
      to: options.range?.to ?? '9999-12-31',
      currency: options.currency ?? null,
      fallback: (options.sqlDateFallback ?? 'createdDate') === 'createdDate' ? 1 : 0,
    };
    const counts = this.db
      .prepare(
        `SELECT
           count(*) FILTER (WHERE status = 'open' AND created_date <= @to),
           count(*) FILTER (WHERE status = 'won' AND close_date BETWEEN @from AND @to),
           count(*) FILTER (WHERE status = 'lost' AND close_date BETWEEN @from AND @to),
           ${LOSS_REASONS.map((r) => `count(*) FILTER (WHERE status = 'lost' AND close_date BETWEEN @from AND @to AND coalesce(loss_reason, 'other') = '${r}')`).join(',\n           ')},
           count(*) FILTER (WHERE coalesce(sql_date, iif(@fallback, created_date, NULL)) BETWEEN @from AND @to),
           count(*) FILTER (WHERE coalesce(sql_date, iif(@fallback, created_date, NULL)) BETWEEN @from AND @to AND status = 'won')
         FROM opportunities WHERE @anyOwner OR owner IS @owner`,
      )
      .raw()
      .get(params) as number[];
    const [open, won, lost, ...rest] = counts as [number, number, number, ...number[]];
    const lostByReason = Object.fromEntries(LOSS_REASONS.map((r, i) => [r, rest[i]!])) as Record<LossReason, number>;
    const [sqls, customers] = rest.slice(LOSS_REASONS.length) as [number, number];
    // One pass over the won opportunities in range, grouped by cycle and currency, gives both the cycle
    // histogram and the amounts per currency.
    const groups = this.db
      .prepare(
        `SELECT max(0, CAST(round(julianday(close_date) - julianday(created_date)) AS INTEGER)) AS days, coalesce(currency, @currency, 'unknown') AS code,
                count(*), total(amount), count(amount)
         FROM opportunities WHERE status = 'won' AND close_date BETWEEN @from AND @to AND (@anyOwner OR owner IS @owner)
         GROUP BY days, code ORDER BY days`,
      )
      .raw()
      .all(params) as [number, string, number, number, number][];
    const cycleDayCounts: [number, number][] = [];
    const dealAmounts: OpportunityTotals['dealAmounts'] = {};
    for (const [days, code, count, sum, amounts] of groups) {
      const last = cycleDayCounts[cycleDayCounts.length - 1];
      if (last && last[0] === days) last[1] += count;
      else cycleDayCounts.push([days, count]);
      if (amounts === 0) continue;
      const deal = (dealAmounts[code] ??= { sum: 0, count: 0 });
      deal.sum += sum;
      deal.count += amounts;
    }
    return { open, won, lost, lostByReason, cycleDayCounts, dealAmounts, sqls, customers };
  }

  /** The owners of the opportunities a report over `range` counts (open by its end, or closed or SQL within it); null: no owner given. */
  owners(range: { from: string; to: string }): (string | null)[] {
    return this.db
      .prepare(
        `SELECT DISTINCT owner FROM opportunities
         WHERE (status = 'open' AND created_date <= @to) OR (status != 'open' AND close_date BETWEEN @from AND @to)
            OR coalesce(sql_date, created_date) BETWEEN @from AND @to
         ORDER BY owner IS NULL, owner`,
      )
      .pluck()
      .all(range) as (string | null)[];
  }

  /**
   * Creation and first touch of the leads created in [fromMs, toMs). The first touch is the earlier of
   * the CRM's and the lead's first call (a call to or from one of its numbers at or after its creation,
   * outbound or answered inbound: shared/sales/sales-kpis.ts, "Lead response"), which triggers keep in
   * first_call_ms (migration 7).
   */
  leadTimes(fromMs: number, toMs: number): LeadTimes[] {
    const rows = this.db
      .prepare(
        `SELECT created_ms, min(coalesce(first_touch_ms, first_call_ms), coalesce(first_call_ms, first_touch_ms))
         FROM leads WHERE created_ms >= ? AND created_ms < ?`,
      )
      .raw()
      .all(fromMs, toMs) as [number, number | null][];
    return rows.map(([createdMs, firstTouchMs]) => (firstTouchMs === null ? { createdMs } : { createdMs, firstTouchMs }));
  }
}

import type { SalesReport } from '../../../shared/api/results';
import type Database from 'better-sqlite3';
import type { Categorizer } from '../../../shared/categories';
import { salesKpis } from '../../../shared/sales';
import { localDayBounds } from '../../../shared/timesheet';
import { CrmStore } from '../store/crm-store';
import { timeUseReport } from './time-use';

/** Sales KPIs over local dates from..to from imported CRM data, with selling time from recorded activity. */
export function salesReport(db: Database.Database, q: { from: string; to: string; timeZone: string; nowMs: number; categorizer: Categorizer }): SalesReport {
  const crm = new CrmStore(db);
  const fromMs = localDayBounds(q.from, q.timeZone).startMs;
  const toMs = localDayBounds(q.to, q.timeZone).endMs;
  const byCategory = timeUseReport(db, { fromMs, toMs, by: 'category', timeZone: q.timeZone, nowMs: q.nowMs, categorizer: q.categorizer });
  const activeSecondsByCategory = Object.fromEntries(byCategory.rows.map((r) => [r.key, r.seconds]));
  const kpis = salesKpis({
    opportunities: crm.opportunities(),
    leads: crm.leads(),
    zone: q.timeZone,
    range: { from: q.from, to: q.to },
    activeSecondsByCategory,
  });
  return { from: q.from, to: q.to, timeZone: q.timeZone, ...kpis };
}

import type { SalesReport } from '../../../shared/api/results';
import type Database from 'better-sqlite3';
import type { Categorizer } from '../../../shared/categories';
import { combineSalesKpis, leadResponse, opportunityKpis, type BusinessHours } from '../../../shared/sales';
import { localDayBounds } from '../../../shared/timesheet';
import { CrmStore } from '../store/crm-store';
import { timeUseReport } from './time-use';

/**
 * Sales KPIs over local dates from..to: opportunity figures summed in SQL from imported CRM data, lead
 * response from imported leads and the calls matched to them, selling time from recorded activity.
 */
export function salesReport(
  db: Database.Database,
  q: { from: string; to: string; timeZone: string; nowMs: number; categorizer: Categorizer; businessHours?: BusinessHours },
): SalesReport {
  const crm = new CrmStore(db);
  const range = { from: q.from, to: q.to };
  const fromMs = localDayBounds(q.from, q.timeZone).startMs;
  const toMs = localDayBounds(q.to, q.timeZone).endMs;
  const byCategory = timeUseReport(db, { fromMs, toMs, by: 'category', timeZone: q.timeZone, nowMs: q.nowMs, categorizer: q.categorizer });
  const activeSecondsByCategory = Object.fromEntries(byCategory.rows.map((r) => [r.key, r.seconds]));
  const leads = crm.leadTimes(fromMs, toMs);
  const kpis = combineSalesKpis(
    opportunityKpis(crm.opportunityTotals({ range })),
    leadResponse({ leads, zone: q.timeZone, range, ...(q.businessHours ? { businessHours: q.businessHours } : {}) }),
    { activeSecondsByCategory },
  );
  return { from: q.from, to: q.to, timeZone: q.timeZone, ...kpis };
}

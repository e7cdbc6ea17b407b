import { coveredSeconds, isTimedHere } from '../../../shared/calls/calls-report';
import type { SalesReport } from '../../../shared/api/results';
import type Database from 'better-sqlite3';
import type { Categorizer } from '../../../shared/categories';
import { isOwnAgent } from '../../../shared/calls/same-call';
import { combineSalesKpis, leadResponse, opportunityKpis, type BusinessHours } from '../../../shared/sales';
import { localDayBounds } from '../../../shared/timesheet';
import { ownCallRows } from '../store/calls-store';
import { CrmStore } from '../store/crm-store';
import { SettingsStore } from '../store/settings-store';
import { timeUseReport } from './time-use';

/**
 * Sales KPIs over local dates from..to: opportunity figures summed in SQL from imported CRM data (amounts
 * without a currency in the currency setting; one row per owner when there are several), lead response from
 * imported leads and the calls matched to them, selling time from recorded activity and the calls and
 * meetings timed here (by hand, or detected and confirmed).
 */
export function salesReport(
  db: Database.Database,
  q: { from: string; to: string; timeZone: string; nowMs: number; categorizer: Categorizer; businessHours?: BusinessHours },
): SalesReport {
  const crm = new CrmStore(db);
  const settings = new SettingsStore(db);
  const { currency } = settings.get();
  const identity = settings.identity();
  const range = { from: q.from, to: q.to };
  const fromMs = localDayBounds(q.from, q.timeZone).startMs;
  const toMs = localDayBounds(q.to, q.timeZone).endMs;
  const byCategory = timeUseReport(db, { fromMs, toMs, by: 'category', timeZone: q.timeZone, nowMs: q.nowMs, categorizer: q.categorizer });
  const activeSecondsByCategory = Object.fromEntries(byCategory.rows.map((r) => [r.key, r.seconds]));
  const leads = crm.leadTimes(fromMs, toMs);
  const kpis = combineSalesKpis(
    opportunityKpis(crm.opportunityTotals({ range, currency })),
    leadResponse({ leads, zone: q.timeZone, range, ...(q.businessHours ? { businessHours: q.businessHours } : {}) }),
    { activeSecondsByCategory, timedCallSeconds: timedCallSeconds(db, fromMs, toMs) },
  );
  const owners = crm.owners(range);
  return {
    from: q.from,
    to: q.to,
    timeZone: q.timeZone,
    currency,
    ...kpis,
    ...(owners.length > 1
      ? { owners: owners.map((owner) => ({ owner, mine: isOwnAgent(owner, identity), ...opportunityKpis(crm.opportunityTotals({ range, currency, owner })) })) }
      : {}),
  };
}

/** Seconds of calls and meetings timed here in [fromMs, toMs): by hand, or detected and confirmed; overlaps once. */
function timedCallSeconds(db: Database.Database, fromMs: number, toMs: number): number {
  const timed = ownCallRows(db, fromMs, toMs, { agentName: null, agentEmail: null, agentExtension: null }, 'none').filter(isTimedHere);
  return coveredSeconds(timed, fromMs, toMs);
}

import type { CallsReport } from '../../../shared/api/results';
import type Database from 'better-sqlite3';
import { callMetrics, callMetricsByDay } from '../../../shared/calls';
import { datesBetween, localDayBounds } from '../../../shared/timesheet';
import { CallsStore } from '../store/calls-store';
import { activeMs } from './time-use';

/**
 * AHT and the other call figures over local dates from..to: recorded, confirmed-detected and imported
 * calls; dismissed and merged detections are left out. Calls per active hour divide by active time.
 */
export function callsReport(db: Database.Database, q: { from: string; to: string; timeZone: string; byDay: boolean; nowMs: number }): CallsReport {
  const fromMs = localDayBounds(q.from, q.timeZone).startMs;
  const toMs = localDayBounds(q.to, q.timeZone).endMs;
  const calls = new CallsStore(db, '').times(fromMs, toMs);
  const total = callMetrics(calls, { activeSeconds: activeMs(db, fromMs, toMs, q.nowMs) / 1000 });
  const report: CallsReport = { from: q.from, to: q.to, timeZone: q.timeZone, ...total };
  if (q.byDay) {
    const activeSecondsByDate: Record<string, number> = {};
    for (const date of datesBetween(q.from, q.to)) {
      const day = localDayBounds(date, q.timeZone);
      activeSecondsByDate[date] = activeMs(db, day.startMs, day.endMs, q.nowMs) / 1000;
    }
    report.days = callMetricsByDay(calls, { zone: q.timeZone, activeSecondsByDate });
  }
  return report;
}

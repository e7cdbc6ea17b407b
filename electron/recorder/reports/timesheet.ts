import type Database from 'better-sqlite3';
import { addDays, computeTimesheet, localDayBounds, workweekStart, type Timesheet, type TimesheetOptions } from '../../../shared/timesheet';
import { CorrectionsStore } from '../store/corrections-store';

/**
 * The timesheet over local dates from..to: work sessions and breaks as they count after corrections,
 * each in the zone it was recorded in, through the shared timesheet engine. The whole workweeks around
 * the range are read so weekly overtime sees the days before `from`.
 */
export function timesheetReport(db: Database.Database, options: TimesheetOptions, nowMs: number): Timesheet {
  // Widest possible span of the workweeks around the range in any zone (offsets are within ±14 h).
  const first = addDays(workweekStart(options.from, options.weekStart), -2);
  const last = addDays(workweekStart(options.to, options.weekStart), 9);
  const fromMs = localDayBounds(first, 'UTC').startMs;
  const toMs = localDayBounds(last, 'UTC').endMs;
  const intervals = new CorrectionsStore(db, '').effective(fromMs, toMs, nowMs);
  const toInterval = (i: (typeof intervals)[number]) => ({ startMs: i.startMs, endMs: i.endMs, timeZone: i.timeZone, manual: i.manual });
  return computeTimesheet(intervals.filter((i) => i.kind === 'work').map(toInterval), intervals.filter((i) => i.kind === 'break').map(toInterval), options);
}

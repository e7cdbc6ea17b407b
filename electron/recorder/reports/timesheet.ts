import type Database from 'better-sqlite3';
import { addDays, localDayBounds, timesheetOf, workweekStart, type Timesheet, type TimesheetOptions } from '../../../shared/timesheet';
import { CorrectionsStore } from '../store/corrections-store';
import { SettingsStore } from '../store/settings-store';

/**
 * The timesheet over local dates from..to: work sessions and breaks as they count after corrections,
 * each in the zone it was recorded in, through the shared worked-time computation and timesheet engine. The whole workweeks around
 * the range are read so weekly overtime sees the days before `from`.
 */
export function timesheetReport(db: Database.Database, options: TimesheetOptions, nowMs: number): Timesheet {
  // Widest possible span of the workweeks around the range in any zone (offsets are within ±14 h).
  const first = addDays(workweekStart(options.from, options.weekStart), -2);
  const last = addDays(workweekStart(options.to, options.weekStart), 9);
  const fromMs = localDayBounds(first, 'UTC').startMs;
  const toMs = localDayBounds(last, 'UTC').endMs;
  const worked = new CorrectionsStore(db, '').workedTime(fromMs, toMs, nowMs, new SettingsStore(db).policy(), options.fallbackTimeZone);
  return timesheetOf(worked, options);
}

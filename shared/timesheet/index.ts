/** Public API of the timesheet engine (DESIGN.md §3 "Timesheets"). */
export type {
  IsoDate,
  OvertimeRules,
  Rounding,
  TimeInterval,
  TimeTotals,
  Timesheet,
  TimesheetDay,
  TimesheetOptions,
  TimesheetWarning,
  TimesheetWarningKind,
  AverageWeekWarning,
  DailyRestWarning,
  WeekStart,
} from './types';
export { computeTimesheet } from './timesheet';
export { addDays, datesBetween, isIsoDate, localDate, localDayBounds, parseDateArg, workweekStart } from './local-time';
export { roundWorkedSeconds } from './rounding';
export { splitWorkweek, type PaySplit } from './overtime';

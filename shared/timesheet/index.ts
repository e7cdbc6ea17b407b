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
export { computeTimesheet, timesheetOf } from './timesheet';
export { workedTime, workedTotals, type IdleMark, type IdleState, type WorkPiece, type WorkedSegment, type WorkedTime, type WorkedTotals } from './worked-time';
export {
  DEFAULT_POLICY,
  resolveIntervals,
  toEffective,
  workedTimeOf,
  type CorrectionRow,
  type EffectiveInterval,
  type IdleChoiceRow,
  type IdleRow,
  type ResolvedInterval,
  type SessionRow,
  type TimeRecords,
  type WorkedTimePolicy,
} from './effective';
export { addDays, datesBetween, isIsoDate, localDate, localDayBounds, workweekStart } from './local-time';
export { roundWorkedSeconds } from './rounding';
export { splitWorkweek, type PaySplit } from './overtime';

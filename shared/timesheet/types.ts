/** Timesheet engine types (DESIGN.md §3 "Timesheets"). All instants are UTC milliseconds. */

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

/** A span of work or of a break, in the zone it happened in. */
export interface TimeInterval {
  startMs: number;
  endMs: number;
  /** IANA zone the time was spent in; empty/missing means "use options.fallbackTimeZone". */
  timeZone: string;
  /** Entered by hand rather than recorded (work intervals only). */
  manual?: boolean;
}

/** Overtime presets (DESIGN.md §3); the contract, the CLI and the views all offer exactly these. */
export const OVERTIME_RULES = ['none', 'flsa', 'california'] as const;
export type OvertimeRules = (typeof OVERTIME_RULES)[number];
export const WEEK_STARTS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekStart = (typeof WEEK_STARTS)[number];
/** Rounding steps in minutes; 0 is no rounding. */
export const ROUNDING_MINUTES = [0, 6, 15] as const;
export const ROUNDING_MODES = ['nearest', 'up', 'down'] as const;

export interface Rounding {
  minutes: (typeof ROUNDING_MINUTES)[number];
  mode: (typeof ROUNDING_MODES)[number];
}

export const NO_ROUNDING: Rounding = Object.freeze({ minutes: 0, mode: 'nearest' });

export interface TimesheetOptions {
  /** Zone for intervals that carry none (e.g. imports). */
  fallbackTimeZone: string;
  rules: OvertimeRules;
  weekStart: WeekStart;
  rounding: Rounding;
  /** First local date reported, inclusive. */
  from: IsoDate;
  /** Last local date reported, inclusive. */
  to: IsoDate;
}

/** Seconds of one day or of the whole range. regular + overtime + doubleTime = worked. */
export interface TimeTotals {
  workedSeconds: number;
  regularSeconds: number;
  overtimeSeconds: number;
  doubleTimeSeconds: number;
  breakSeconds: number;
  /** Worked time added or changed by hand, to the second: an edit counts only where it differs from the recording. */
  manualSeconds: number;
  /** Worked time the device saw as idle and the rep said was work (or a call). */
  claimedIdleSeconds: number;
  /** Worked time the device saw as idle that has no answer yet; counted as work unless the policy leaves it out. */
  unconfirmedIdleSeconds: number;
}

export interface TimesheetDay extends TimeTotals {
  date: IsoDate;
  /** First instant of worked time on this local day (UTC ms), null when nothing was worked. */
  firstStart: number | null;
  /** Last instant of worked time on this local day (UTC ms), null when nothing was worked. */
  lastEnd: number | null;
  /** The zone this day is reckoned in (see `dayZones` in timesheet.ts). */
  timeZone: string;
}

/** Art. 6: the average working week over the reference period is over the limit. Durations in seconds. */
export interface AverageWeekWarning {
  kind: 'eu-48h-average';
  /** First day of the week whose rolling average is over, or the range's first day. */
  date: IsoDate;
  averageSeconds: number;
  limitSeconds: number;
  /** How many workweeks were averaged, from the one starting firstWeek to the one starting lastWeek. */
  weeks: number;
  firstWeek: IsoDate;
  lastWeek: IsoDate;
  /** The longest reference period the directive allows, in weeks. */
  referenceWeeks: number;
}

/** Art. 3: less daily rest than the minimum between the work begun on previousDate and the work on date. */
export interface DailyRestWarning {
  kind: 'eu-11h-daily-rest';
  date: IsoDate;
  restSeconds: number;
  minimumSeconds: number;
  previousDate: IsoDate;
}

export type TimesheetWarning = AverageWeekWarning | DailyRestWarning;
export type TimesheetWarningKind = TimesheetWarning['kind'];

export interface Timesheet {
  days: TimesheetDay[];
  totals: TimeTotals;
  warnings: TimesheetWarning[];
}

/** The longest the idle prompt may wait, and the longest an unanswered prompt may wait before the session pauses: a workday. */
export const MAX_IDLE_POLICY_MINUTES = 12 * 60;

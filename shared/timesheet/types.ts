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

export type OvertimeRules = 'none' | 'flsa' | 'california';
export type WeekStart = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface Rounding {
  minutes: 0 | 6 | 15;
  mode: 'nearest' | 'up' | 'down';
}

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

export type TimesheetWarningKind = 'eu-48h-average' | 'eu-11h-daily-rest';

export interface TimesheetWarning {
  kind: TimesheetWarningKind;
  date: IsoDate;
  message: string;
}

export interface Timesheet {
  days: TimesheetDay[];
  totals: TimeTotals;
  warnings: TimesheetWarning[];
}

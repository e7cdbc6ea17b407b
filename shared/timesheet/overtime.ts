/**
 * Splitting a workweek's daily worked totals into regular, overtime (1.5×) and double-time (2×).
 * Days are processed in calendar order, so hours over a weekly threshold land on the latest days.
 */
import type { OvertimeRules } from './types';

export interface PaySplit {
  regularSeconds: number;
  overtimeSeconds: number;
  doubleTimeSeconds: number;
}

const HOUR = 3600;
const WEEKLY_LIMIT = 40 * HOUR;
const DAILY_LIMIT = 8 * HOUR;
const DAILY_DOUBLE_TIME = 12 * HOUR;

/**
 * Splits the worked seconds of the days of one workweek (in order, at most 7) under `rules`.
 * For every day, regular + overtime + doubleTime equals its worked seconds.
 */
export function splitWorkweek(workedSeconds: readonly number[], rules: OvertimeRules): PaySplit[] {
  switch (rules) {
    case 'none':
      return workedSeconds.map((worked) => ({ regularSeconds: worked, overtimeSeconds: 0, doubleTimeSeconds: 0 }));
    case 'flsa':
      return splitFlsa(workedSeconds);
    case 'california':
      return splitCalifornia(workedSeconds);
  }
}

/** FLSA (29 U.S.C. § 207): every hour past 40 in the workweek is overtime; no daily rule. */
function splitFlsa(workedSeconds: readonly number[]): PaySplit[] {
  let weekSoFar = 0;
  return workedSeconds.map((worked) => {
    const regularSeconds = Math.min(worked, Math.max(0, WEEKLY_LIMIT - weekSoFar));
    weekSoFar += worked;
    return { regularSeconds, overtimeSeconds: worked - regularSeconds, doubleTimeSeconds: 0 };
  });
}

/**
 * California (Labor Code § 510(a) and the IWC wage orders, § 3(A)):
 * - a workday: hours 0–8 straight time, 8–12 at 1.5×, past 12 at 2×;
 * - the seventh consecutive day of work in a workweek (here: work on all seven days of it): the first
 *   8 h at 1.5× and every hour past 8 at 2×;
 * - the workweek: straight-time hours past 40 at 1.5×.
 *
 * No pyramiding: an hour already paid a daily or seventh-day premium is not counted again toward the
 * 40-hour weekly threshold (Monzon v. Schaefer Ambulance Service, 224 Cal.App.3d 16 (1990); DLSE, as
 * summarised at callaborlawblog.com "calculate overtime: daily and weekly overtime hours worked in a
 * week" — "once an hour worked is paid at the applicable daily overtime rate, that same hour cannot be
 * used in the computation of forty hours for the purposes of weekly overtime"). So the weekly rule
 * implemented is: only straight-time hours (the first 8 of each day other than the seventh) count
 * toward 40, and straight-time hours beyond the 40th become 1.5× on the day they fall. This equals the
 * DLSE's "daily or weekly overtime, whichever is greater" without ever counting an hour twice.
 */
function splitCalifornia(workedSeconds: readonly number[]): PaySplit[] {
  const seventhDayRule = workedSeconds.length === 7 && workedSeconds.every((worked) => worked > 0);
  let straightSoFar = 0;
  return workedSeconds.map((worked, index) => {
    if (seventhDayRule && index === 6) {
      const overtimeSeconds = Math.min(worked, DAILY_LIMIT);
      return { regularSeconds: 0, overtimeSeconds, doubleTimeSeconds: worked - overtimeSeconds };
    }
    const straight = Math.min(worked, DAILY_LIMIT);
    const doubleTimeSeconds = Math.max(0, worked - DAILY_DOUBLE_TIME);
    const dailyOvertime = worked - straight - doubleTimeSeconds;
    const regularSeconds = Math.min(straight, Math.max(0, WEEKLY_LIMIT - straightSoFar));
    straightSoFar += straight;
    return { regularSeconds, overtimeSeconds: dailyOvertime + (straight - regularSeconds), doubleTimeSeconds };
  });
}

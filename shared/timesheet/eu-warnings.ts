/**
 * EU Working Time Directive (2003/88/EC) checks. These are warnings for the rep and their manager,
 * never pay: they do not change any total. They are data (a kind and the figures behind it); the CLI
 * and the views put them into words in the reader's language.
 */
import { createDayLocator } from './local-time';
import type { Segment } from './intervals';
import type { IsoDate, TimesheetWarning } from './types';

const HOUR = 3600;
export const EU_MAX_AVERAGE_WEEK_SECONDS = 48 * HOUR;
export const EU_REFERENCE_WEEKS = 17;
export const EU_MIN_DAILY_REST_SECONDS = 11 * HOUR;

export interface WeekWorked {
  /** First date of the workweek. */
  startDate: IsoDate;
  /** Actual (unrounded) worked seconds on its seven days. */
  workedSeconds: number;
}

/**
 * Art. 6 and 16(b): at most 48 h a week on average over a 17-week reference period.
 *
 * What is computed: `weeks` are the workweeks that overlap the report range, in order, each with the
 * worked time of all seven of its days (whatever intervals the caller passed for them). For each week
 * W the rolling average is the mean over W and the up to 16 weeks before it in that list, i.e. over
 * min(17, weeks so far) weeks; a range shorter than 17 weeks is averaged over the weeks it has. When an
 * average is strictly over 48 h a warning is dated on W's first day inside the range.
 */
export function averageWeekWarnings(weeks: readonly WeekWorked[], from: IsoDate): TimesheetWarning[] {
  const warnings: TimesheetWarning[] = [];
  weeks.forEach((week, i) => {
    const window = weeks.slice(Math.max(0, i - EU_REFERENCE_WEEKS + 1), i + 1);
    const average = window.reduce((sum, w) => sum + w.workedSeconds, 0) / window.length;
    if (average <= EU_MAX_AVERAGE_WEEK_SECONDS) return;
    warnings.push({
      kind: 'eu-48h-average',
      date: week.startDate < from ? from : week.startDate,
      averageSeconds: Math.round(average),
      limitSeconds: EU_MAX_AVERAGE_WEEK_SECONDS,
      weeks: window.length,
      firstWeek: window[0]!.startDate,
      lastWeek: week.startDate,
      referenceWeeks: EU_REFERENCE_WEEKS,
    });
  });
  return warnings;
}

interface WorkingPeriod {
  endMs: number;
  /** null while the period holds only break time. */
  firstWorkMs: number | null;
  lastWorkEndMs: number;
  /** Zone of the period's first work, which decides the date it belongs to. */
  zone: string;
}

/**
 * Art. 3: at least 11 consecutive hours of rest between the end of one day's work and the start of the
 * next day's.
 *
 * What is computed: worked time and recorded breaks are joined into working periods (a break between two
 * stretches of work is part of the working day, not rest; a shift running past midnight stays one
 * period). A period belongs to the local date on which its work starts. Whenever the next period belongs
 * to a later date than the previous one, the rest is the time from the previous period's last worked
 * instant to the next period's first; less than 11 h warns on the later date, if it is in [from, to].
 * Gaps between periods of the same date (e.g. an unrecorded lunch) are not daily rest.
 */
export function dailyRestWarnings(worked: readonly Segment[], breaks: readonly Segment[], from: IsoDate, to: IsoDate): TimesheetWarning[] {
  const items = [...worked.map((s) => ({ ...s, isWork: true })), ...breaks.map((s) => ({ ...s, isWork: false }))].sort((a, b) => a.startMs - b.startMs);

  const periods: Array<{ firstWorkMs: number; lastWorkEndMs: number; zone: string }> = [];
  const close = (p: WorkingPeriod | null): void => {
    if (p && p.firstWorkMs !== null) periods.push({ firstWorkMs: p.firstWorkMs, lastWorkEndMs: p.lastWorkEndMs, zone: p.zone });
  };
  let current: WorkingPeriod | null = null;
  for (const item of items) {
    if (!current || item.startMs > current.endMs) {
      close(current);
      current = { endMs: item.endMs, firstWorkMs: null, lastWorkEndMs: 0, zone: item.zone };
    }
    current.endMs = Math.max(current.endMs, item.endMs);
    if (item.isWork) {
      if (current.firstWorkMs === null) {
        current.firstWorkMs = item.startMs;
        current.zone = item.zone;
      }
      current.lastWorkEndMs = Math.max(current.lastWorkEndMs, item.endMs);
    }
  }
  close(current);

  const locate = createDayLocator();
  const warnings: TimesheetWarning[] = [];
  for (let i = 1; i < periods.length; i++) {
    const prev = periods[i - 1]!;
    const next = periods[i]!;
    const prevDate = locate(prev.firstWorkMs, prev.zone).date;
    const nextDate = locate(next.firstWorkMs, next.zone).date;
    const restSeconds = (next.firstWorkMs - prev.lastWorkEndMs) / 1000;
    if (nextDate <= prevDate || restSeconds >= EU_MIN_DAILY_REST_SECONDS) continue;
    if (nextDate < from || nextDate > to) continue;
    warnings.push({ kind: 'eu-11h-daily-rest', date: nextDate, restSeconds, minimumSeconds: EU_MIN_DAILY_REST_SECONDS, previousDate: prevDate });
  }
  return warnings;
}

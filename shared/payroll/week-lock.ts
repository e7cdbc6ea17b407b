/**
 * Which approved week an edit would change (issue 13 §3): an approved week is locked on the device as on the
 * server, and the whole workweek is (overtime is split per workweek, so a Thursday edit can change Friday).
 * Local dates are what a week is made of, so a span counts in every local day it touches in its own zone.
 */
import { addDays, localDate } from '../timesheet/local-time';
import type { WeekState } from './week';

export interface EditedSpan {
  startMs: number;
  endMs: number;
  timeZone: string;
}

/** The first locked week any of the spans touches, or null when the edit may go. */
export function lockedWeekTouched(spans: readonly EditedSpan[], weeks: readonly WeekState[]): WeekState | null {
  const locked = weeks.filter((w) => w.locked);
  if (locked.length === 0) return null;
  for (const span of spans) {
    const first = localDate(span.startMs, span.timeZone);
    // The end is exclusive: a span ending at midnight does not touch the next day.
    const last = localDate(Math.max(span.startMs, span.endMs - 1), span.timeZone);
    for (const week of locked) {
      if (first <= addDays(week.weekStart, 6) && last >= week.weekStart) return week;
    }
  }
  return null;
}

import { addDays, localDate, workweekStart } from '../../shared/timesheet/local-time';
import type { IsoDate, WeekStart } from '../../shared/timesheet/types';
import type { ViewClock } from './view-clock';

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export const RANGE_PRESETS = ['today', 'yesterday', 'thisWeek', 'last7', 'thisMonth', 'last30', 'thisQuarter'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export function today(clock: ViewClock): IsoDate {
  return localDate(clock.now(), clock.timeZone());
}

function monthStart(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

function quarterStart(date: IsoDate): IsoDate {
  const month = Number(date.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return `${date.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

/** The dates a preset covers, ending today (inclusive) in the clock's zone. */
export function presetRange(preset: RangePreset, clock: ViewClock, weekStart: WeekStart = 'mon'): DateRange {
  const d = today(clock);
  switch (preset) {
    case 'today':
      return { from: d, to: d };
    case 'yesterday':
      return { from: addDays(d, -1), to: addDays(d, -1) };
    case 'thisWeek':
      return { from: workweekStart(d, weekStart), to: d };
    case 'last7':
      return { from: addDays(d, -6), to: d };
    case 'thisMonth':
      return { from: monthStart(d), to: d };
    case 'last30':
      return { from: addDays(d, -29), to: d };
    case 'thisQuarter':
      return { from: quarterStart(d), to: d };
  }
}

/** The preset a range equals today, if any (to highlight the right button). */
export function presetOf(range: DateRange, clock: ViewClock, presets: readonly RangePreset[] = RANGE_PRESETS): RangePreset | null {
  return (
    presets.find((p) => {
      const r = presetRange(p, clock);
      return r.from === range.from && r.to === range.to;
    }) ?? null
  );
}

/**
 * The rep's own approved week as CSV (issue 14 §6): one row per local day with the figures payroll pays, a
 * totals row, then who approved it and when. The words are the caller's (the CLI's English, the views' chosen
 * language); cells go through the timesheet CSV's escaping, so a name that looks like a formula stays text.
 */
import { csvCell } from '../timesheet/timesheet-csv';
import { WEEK_FIELDS, weekTotals, type WeekField, type WeekFigures, type WeekState } from './week';

export interface WeekCsvWords {
  date: string;
  fields: Record<WeekField, string>;
  total: string;
  employee: string;
  approvedBy: string;
  approvedOn: string;
  /** When the week was approved, as the reader writes dates and times. */
  instant(ms: number): string;
}

export function approvedWeekCsv(figures: WeekFigures, state: WeekState, employee: string, words: WeekCsvWords): string {
  const hours = (seconds: number) => (seconds / 3600).toFixed(2);
  const totals = weekTotals(figures);
  const rows: string[][] = [
    [words.date, ...WEEK_FIELDS.map((f) => words.fields[f])],
    ...figures.days.map((d) => [d.date, ...WEEK_FIELDS.map((f) => hours(d[f]))]),
    [words.total, ...WEEK_FIELDS.map((f) => hours(totals[f]))],
    [],
    [words.employee, employee],
    [words.approvedBy, state.decidedBy ?? ''],
    [words.approvedOn, state.decidedMs === null ? '' : words.instant(state.decidedMs)],
  ];
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The file a week is saved as. */
export const weekCsvFileName = (weekStart: string): string => `timesheet-${weekStart}-approved.csv`;

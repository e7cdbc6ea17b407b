import type { Timesheet, TimesheetDay } from './types';

/** The columns of the rep's timesheet CSV, in order; the headers are the caller's words (the rep's language). */
export const TIMESHEET_CSV_COLUMNS = ['date', 'start', 'end', 'worked', 'regular', 'overtime', 'doubleTime', 'breaks', 'manual'] as const;
export type TimesheetCsvColumn = (typeof TIMESHEET_CSV_COLUMNS)[number];

export interface TimesheetCsvWords {
  headers: Record<TimesheetCsvColumn, string>;
  /** The label of the totals row. */
  total: string;
  /** A clock time of a day in its zone, e.g. "09:00". */
  time(ms: number, timeZone: string): string;
}

/**
 * The week as CSV: one row per local day and a totals row; durations as decimal hours with two places (what
 * spreadsheets and payroll sheets sum), times as the reader writes them. Every cell is escaped, and one that a
 * spreadsheet would read as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe. CRLF line ends
 * and a byte-order mark, so Excel opens UTF-8 (Chinese headers) correctly.
 */
export function timesheetCsv(sheet: Pick<Timesheet, 'days' | 'totals'>, words: TimesheetCsvWords): string {
  const hours = (seconds: number) => (seconds / 3600).toFixed(2);
  const durations = (d: Omit<TimesheetDay, 'date' | 'firstStart' | 'lastEnd' | 'timeZone'>) => [
    hours(d.workedSeconds),
    hours(d.regularSeconds),
    hours(d.overtimeSeconds),
    hours(d.doubleTimeSeconds),
    hours(d.breakSeconds),
    hours(d.manualSeconds),
  ];
  const rows: string[][] = [
    TIMESHEET_CSV_COLUMNS.map((c) => words.headers[c]),
    ...sheet.days.map((d) => [
      d.date,
      d.firstStart === null ? '' : words.time(d.firstStart, d.timeZone),
      d.lastEnd === null ? '' : words.time(d.lastEnd, d.timeZone),
      ...durations(d),
    ]),
    [words.total, '', '', ...durations(sheet.totals)],
  ];
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** One CSV cell, quoted when needed and defused against formula injection. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

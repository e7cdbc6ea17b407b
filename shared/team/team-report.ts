/**
 * The team report's contract and its tables. The server computes a TeamReport (server/reports/team-report.ts),
 * the web app parses it with TEAM_REPORT_SCHEMA; every table of the reports page, and its CSV, is built here
 * by one function per table, so the page's rows and the downloaded file's rows cannot differ.
 */
import { z } from 'zod';
import { csvCell } from '../timesheet/timesheet-csv';
import type { HoursReport } from './hours-csv';

const nullableNumber = z.number().nullable();

export const CALL_FIGURES_SCHEMA = z.object({
  calls: z.number(),
  answered: z.number(),
  ahtSeconds: nullableNumber,
  avgTalkSeconds: nullableNumber,
  avgHoldSeconds: nullableNumber,
  avgWrapSeconds: nullableNumber,
  medianHandleSeconds: nullableNumber,
  p90HandleSeconds: nullableNumber,
  callsPerActiveHour: nullableNumber,
});

export const DAY_FIGURES_SCHEMA = z.object({ date: z.string(), activeSeconds: z.number(), productiveSeconds: z.number(), productivity: nullableNumber });
export type DayFigures = z.infer<typeof DAY_FIGURES_SCHEMA>;

export const REPORT_FIGURES_SCHEMA = z.object({
  categories: z.array(z.object({ category: z.string(), seconds: z.number() })),
  apps: z.array(z.object({ app: z.string(), seconds: z.number() })),
  days: z.array(DAY_FIGURES_SCHEMA),
  calls: CALL_FIGURES_SCHEMA,
});
export type ReportFigures = z.infer<typeof REPORT_FIGURES_SCHEMA>;

export const TEAM_REPORT_SCHEMA = z.object({
  from: z.string(),
  to: z.string(),
  reps: z.array(REPORT_FIGURES_SCHEMA.extend({ userId: z.number(), email: z.string(), name: z.string() })),
  team: REPORT_FIGURES_SCHEMA,
});
export type TeamReport = z.infer<typeof TEAM_REPORT_SCHEMA>;

export const REPORT_TABLES = ['categories', 'apps', 'productivity', 'calls'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/** How a column's values are written: the page formats them for people, the CSV writes them plainly. */
export type ColumnKind = 'text' | 'category' | 'date' | 'count' | 'seconds' | 'ratio' | 'rate';
export interface Column {
  /** The CSV header, and the key the page finds the column's label by. */
  key: string;
  kind: ColumnKind;
}
export type Cell = string | number | null;
export interface TableData {
  columns: readonly Column[];
  /** `team` marks the team's total rows, written after the reps'. */
  rows: { key: string; team: boolean; cells: Cell[] }[];
}

const REP: Column = { key: 'rep', kind: 'text' };
const EMAIL: Column = { key: 'email', kind: 'text' };

/** One table of the team report: the reps' rows, then the team's (under the name `teamName`). */
export function teamReportTable(report: TeamReport, table: ReportTable, teamName = 'Team'): TableData {
  const who = [
    ...report.reps.map((r) => ({ name: r.name, email: r.email, team: false, f: r as ReportFigures })),
    { name: teamName, email: '', team: true, f: report.team },
  ];
  const id = (w: (typeof who)[number]) => (w.team ? '*team' : w.email);
  if (table === 'categories')
    return {
      columns: [REP, EMAIL, { key: 'category', kind: 'category' }, { key: 'seconds', kind: 'seconds' }],
      rows: who.flatMap((w) => w.f.categories.map((c) => ({ key: `${id(w)}|${c.category}`, team: w.team, cells: [w.name, w.email, c.category, c.seconds] }))),
    };
  if (table === 'apps')
    return {
      columns: [REP, EMAIL, { key: 'app', kind: 'text' }, { key: 'seconds', kind: 'seconds' }],
      rows: who.flatMap((w) => w.f.apps.map((a) => ({ key: `${id(w)}|${a.app}`, team: w.team, cells: [w.name, w.email, a.app, a.seconds] }))),
    };
  if (table === 'productivity')
    return {
      columns: [
        REP,
        EMAIL,
        { key: 'date', kind: 'date' },
        { key: 'active_s', kind: 'seconds' },
        { key: 'productive_s', kind: 'seconds' },
        { key: 'productivity', kind: 'ratio' },
      ],
      rows: who.flatMap((w) =>
        w.f.days.map((d) => ({
          key: `${id(w)}|${d.date}`,
          team: w.team,
          cells: [w.name, w.email, d.date, d.activeSeconds, d.productiveSeconds, d.productivity],
        })),
      ),
    };
  return {
    columns: [
      REP,
      EMAIL,
      { key: 'calls', kind: 'count' },
      { key: 'answered', kind: 'count' },
      { key: 'aht_s', kind: 'seconds' },
      { key: 'talk_s', kind: 'seconds' },
      { key: 'hold_s', kind: 'seconds' },
      { key: 'wrap_s', kind: 'seconds' },
      { key: 'calls_per_hour', kind: 'rate' },
    ],
    rows: who.map((w) => {
      const c = w.f.calls;
      return {
        key: id(w),
        team: w.team,
        cells: [w.name, w.email, c.calls, c.answered, c.ahtSeconds, c.avgTalkSeconds, c.avgHoldSeconds, c.avgWrapSeconds, c.callsPerActiveHour],
      };
    }),
  };
}

/** Hours per rep over the range: each rep's worked, break and manual time summed over the days, and the days worked. */
export function hoursTable(report: HoursReport): TableData {
  return {
    columns: [
      REP,
      EMAIL,
      { key: 'team', kind: 'text' },
      { key: 'worked_s', kind: 'seconds' },
      { key: 'break_s', kind: 'seconds' },
      { key: 'manual_s', kind: 'seconds' },
      { key: 'days_worked', kind: 'count' },
    ],
    rows: report.reps.map((r) => ({
      key: r.email,
      team: false,
      cells: [
        r.name,
        r.email,
        r.team ?? '',
        r.days.reduce((s, d) => s + d.workedSeconds, 0),
        r.days.reduce((s, d) => s + d.breakSeconds, 0),
        r.days.reduce((s, d) => s + d.manualSeconds, 0),
        r.days.filter((d) => d.workedSeconds > 0).length,
      ],
    })),
  };
}

/** A cell as the CSV writes it: seconds and counts whole, a ratio with four decimals, a rate with two; nothing for null. */
export function plainCell(kind: ColumnKind, cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (kind === 'ratio') return cell.toFixed(4);
  if (kind === 'rate') return cell.toFixed(2);
  return String(Math.round(cell));
}

/** A table as CSV: UTF-8 with BOM, CRLF, every cell through the shared formula-safe writer. */
export function tableCsv(table: TableData): string {
  const lines = [
    table.columns.map((c) => csvCell(c.key)),
    ...table.rows.map((r) => r.cells.map((cell, i) => csvCell(plainCell(table.columns[i]!.kind, cell)))),
  ];
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

export function teamReportCsv(report: TeamReport, table: ReportTable): string {
  return tableCsv(teamReportTable(report, table));
}

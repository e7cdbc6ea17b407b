/**
 * The sales report's table, one row per rep and the team's last: the Sales page shows these cells and the
 * CSV download writes them, so the two cannot differ. Shares are fractions (the page formats them with Intl,
 * the CSV writes four decimals); a figure that cannot be computed (nothing closed) is null / empty.
 */
import { csvCell } from './hours-csv';
import type { SalesReport } from './imports-api';
import type { SalesKpis } from '../sales/sales-kpis';

export const SALES_COLUMNS = [
  'open',
  'closed',
  'won',
  'lost',
  'win_rate',
  'lost_pct',
  'lost_competitor',
  'lost_no_decision',
  'lost_other',
  'sqls',
  'customers',
  'sql_to_customer',
  'leads',
  'contacted',
  'median_response_s',
  'avg_cycle_days',
  'median_cycle_days',
] as const;
export type SalesColumn = (typeof SALES_COLUMNS)[number];
/** Columns holding fractions (0.25 = 25 %). */
export const SALES_SHARE_COLUMNS: ReadonlySet<SalesColumn> = new Set(['win_rate', 'lost_pct', 'sql_to_customer']);

export interface SalesTableRow {
  /** null for the team's row. */
  userId: number | null;
  name: string;
  email: string;
  values: Record<SalesColumn, number | null>;
}

function values(k: SalesKpis): Record<SalesColumn, number | null> {
  return {
    open: k.opportunities.open,
    closed: k.opportunities.closed,
    won: k.opportunities.won,
    lost: k.opportunities.lost,
    win_rate: k.winRate,
    lost_pct: k.lostPercent,
    lost_competitor: k.lostByReason.competitor,
    lost_no_decision: k.lostByReason.noDecision,
    lost_other: k.lostByReason.other,
    sqls: k.sqlCohort.sqls,
    customers: k.sqlCohort.customers,
    sql_to_customer: k.sqlToCustomerRate,
    leads: k.leadResponse.leads,
    contacted: k.leadResponse.contacted,
    median_response_s: k.leadResponse.medianSeconds,
    avg_cycle_days: k.avgSalesCycleDays,
    median_cycle_days: k.medianSalesCycleDays,
  };
}

/** The reps' rows, then the team's (named `teamLabel`, no email). */
export function salesTableRows(report: SalesReport, teamLabel = 'Team'): SalesTableRow[] {
  return [
    ...report.reps.map((r) => ({ userId: r.userId, name: r.name, email: r.email, values: values(r.kpis) })),
    { userId: null, name: teamLabel, email: '', values: values(report.total) },
  ];
}

/** A cell as the CSV writes it: counts and seconds whole, shares and days with decimals, empty for null. */
export function salesCsvValue(column: SalesColumn, value: number | null): string {
  if (value === null) return '';
  if (SALES_SHARE_COLUMNS.has(column)) return value.toFixed(4);
  if (column === 'avg_cycle_days') return value.toFixed(1);
  return String(Math.round(value));
}

/** The table as CSV: UTF-8 with BOM, CRLF, every cell through the formula-safe writer. */
export function salesCsv(report: SalesReport): string {
  const lines = [['rep', 'email', ...SALES_COLUMNS].map(csvCell).join(',')];
  for (const row of salesTableRows(report))
    lines.push([row.name, row.email, ...SALES_COLUMNS.map((c) => salesCsvValue(c, row.values[c]))].map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

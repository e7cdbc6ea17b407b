/**
 * The team hours report as CSV: one row per rep and local day, hours with two decimals. Every cell is
 * quoted, and one that a spreadsheet would run as a formula (= + - @, tab, carriage return) starts with an
 * apostrophe, so a name like "=HYPERLINK(…)" stays text.
 */
import { z } from 'zod';

export const HOURS_REPORT_SCHEMA = z.object({
  from: z.string(),
  to: z.string(),
  reps: z.array(
    z.object({
      email: z.string(),
      name: z.string(),
      team: z.string().nullable(),
      days: z.array(z.object({ date: z.string(), workedSeconds: z.number(), breakSeconds: z.number(), manualSeconds: z.number() })),
    }),
  ),
});
export type HoursReport = z.infer<typeof HOURS_REPORT_SCHEMA>;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

const hours = (seconds: number) => (seconds / 3600).toFixed(2);

export function hoursCsv(report: HoursReport): string {
  const lines = [['email', 'name', 'team', 'date', 'worked_hours', 'break_hours', 'manual_hours'].map(csvCell).join(',')];
  for (const rep of report.reps) {
    for (const d of rep.days) {
      lines.push([rep.email, rep.name, rep.team ?? '', d.date, hours(d.workedSeconds), hours(d.breakSeconds), hours(d.manualSeconds)].map(csvCell).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

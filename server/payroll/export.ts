/**
 * Payroll exports of approved time (issue 14 §5): gathers the approved days of a pay period, lists who
 * cannot be paid from it (a week not approved, an id missing) instead of dropping them, renders the file
 * with shared/payroll/formats.ts, reads it back to check it against the approved figures, and marks the
 * period exported, saying what changed since an earlier export of it.
 */
import {
  checkExport,
  DEFAULT_EXPORT_OPTIONS,
  employeeKey,
  missingOptions,
  PAY_CODES,
  renderExport,
  splitSeconds,
  type ExportFile,
  type ExportFormat,
  type ExportOptions,
  type PayCode,
  type PayLine,
} from '../../shared/payroll/formats';
import { DEFAULT_PAY_PROFILE } from '../../shared/payroll/pay';
import type { WeekStatus } from '../../shared/payroll/week';
import { addDays, localDayBounds, workweekStart } from '../../shared/timesheet/local-time';
import type { IsoDate } from '../../shared/timesheet/types';
import type { Services } from '../http/context';
import { rulesFor, usersWithTime } from '../reports/week';
import { audit } from '../store/audit';
import { WeeksStore } from '../store/weeks-store';
import { PayrollError } from './approvals';

export interface ExportProblem {
  email: string;
  name: string;
  kind: 'unapproved' | 'missing-id';
  weekStart: IsoDate | null;
  status: WeekStatus | 'not-submitted' | null;
}

export interface ExportChange {
  email: string;
  date: IsoDate;
  code: PayCode;
  beforeSeconds: number;
  afterSeconds: number;
}

export interface PreviousExport {
  id: number;
  from: IsoDate;
  to: IsoDate;
  format: string;
  createdMs: number;
  createdBy: string | null;
}

export interface ExportResult {
  /** False when problems were found and a partial export was not asked for: no file, nothing marked. */
  ok: boolean;
  problems: ExportProblem[];
  file: (ExportFile & { fileName: string }) | null;
  exportId: number | null;
  employees: number;
  totals: Record<PayCode, number>;
  /** Earlier exports overlapping this period, newest first: exporting again is said out loud. */
  previous: PreviousExport[];
  /** What differs from the newest earlier export, on the days both cover. */
  changes: ExportChange[];
  /** What the format needs besides the people's ids and was not given (a preview says so instead of refusing). */
  missingOptions: string[];
}

type Figures = Record<string, Record<IsoDate, Record<PayCode, number>>>;

export async function payrollExport(
  services: Services,
  req: {
    from: IsoDate;
    to: IsoDate;
    format: ExportFormat;
    teamIds: number[] | null;
    options: ExportOptions;
    partial: boolean;
    actorUserId: number | null;
    /** Validate only (the web page's summary before a download): no file, nothing marked or audited. */
    preview?: boolean;
  },
  nowMs: number,
): Promise<ExportResult> {
  const missing = missingOptions(req.format, req.options);
  if (missing.length > 0 && !req.preview)
    throw new PayrollError(
      'export-incomplete',
      `The ${req.format} export needs ${missing.join(' and ')}: give ${missing.map((m) => `--${m.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(' and ')}.`,
      {
        missingOptions: missing,
      },
    );
  const weeks = new WeeksStore(services.db);
  const reps = await services.accounts.reps({ teamIds: req.teamIds, userId: null });
  const ids = reps.map((r) => r.id);
  const [rows, profiles] = await Promise.all([weeks.approvedIn(ids, addDays(req.from, -6), req.to), weeks.payProfiles(ids)]);
  const rowOf = new Map(rows.map((w) => [`${w.userId}|${w.weekStart}`, w]));

  // The workweeks of the period, per week-start rule (teams may differ), and who has time in each.
  const weekStartsOf = new Map<string, IsoDate[]>();
  const timeIn = new Map<IsoDate, Set<number>>();
  const problems: ExportProblem[] = [];
  const lines: PayLine[] = [];
  const ruleCache = new Map<string | null, IsoDate[]>();
  for (const rep of reps) {
    let starts = ruleCache.get(rep.team);
    if (!starts) {
      const { rules } = await rulesFor(services.db, rep.id);
      starts = weekStartsOf.get(rules.weekStart);
      if (!starts) {
        starts = [];
        for (let w = workweekStart(req.from, rules.weekStart); w <= req.to; w = addDays(w, 7)) starts.push(w);
        weekStartsOf.set(rules.weekStart, starts);
      }
      ruleCache.set(rep.team, starts);
    }
    const employee = { email: rep.email, name: rep.name, profile: profiles.get(rep.id) ?? DEFAULT_PAY_PROFILE };
    const repLines: PayLine[] = [];
    const repProblems: ExportProblem[] = [];
    for (const weekStart of starts) {
      const w = rowOf.get(`${rep.id}|${weekStart}`);
      if (w?.status === 'approved' && w.approved) {
        for (const d of w.approved.days) {
          if (d.date < req.from || d.date > req.to || d.workedSeconds <= 0) continue;
          repLines.push({
            employee,
            weekStart,
            date: d.date,
            regularSeconds: d.regularSeconds,
            overtimeSeconds: d.overtimeSeconds,
            doubleTimeSeconds: d.doubleTimeSeconds,
          });
        }
        continue;
      }
      if (!w) {
        let who = timeIn.get(weekStart);
        if (!who) {
          // Zones are within ±14 h of UTC: the UTC days around the week hold every local day of it.
          const fromMs = localDayBounds(weekStart, 'UTC').startMs - 14 * 3600_000;
          const toMs = localDayBounds(addDays(weekStart, 6), 'UTC').endMs + 14 * 3600_000;
          who = await usersWithTime(services.db, ids, fromMs, toMs);
          timeIn.set(weekStart, who);
        }
        if (!who.has(rep.id)) continue;
      }
      repProblems.push({ email: rep.email, name: rep.name, kind: 'unapproved', weekStart, status: w ? w.status : 'not-submitted' });
    }
    if (repLines.length > 0 && employeeKey(req.format, employee) === null)
      repProblems.push({ email: rep.email, name: rep.name, kind: 'missing-id', weekStart: null, status: null });
    problems.push(...repProblems);
    if (repProblems.length === 0) lines.push(...repLines);
  }

  const previousRows = await weeks.exportsOverlapping(req.from, req.to);
  const previous = previousRows.map(({ figures: _f, ...p }) => p);
  const totals = { REG: 0, OT: 0, DT: 0 };
  for (const l of lines) {
    const s = splitSeconds(l);
    for (const c of PAY_CODES) totals[c] += s[c];
  }
  const employees = new Set(lines.map((l) => l.employee.email)).size;
  const figures: Figures = {};
  for (const l of lines) (figures[l.employee.email] ??= {})[l.date] = splitSeconds(l);
  const changes = previousRows[0] ? compare(JSON.parse(previousRows[0].figures) as Figures, figures, previousRows[0], req) : [];
  if (req.preview)
    return {
      ok: problems.length === 0 && missing.length === 0,
      problems,
      file: null,
      exportId: null,
      employees,
      totals,
      previous,
      changes,
      missingOptions: missing,
    };
  if (problems.length > 0 && !req.partial)
    return { ok: false, problems, file: null, exportId: null, employees, totals, previous, changes: [], missingOptions: [] };

  const file = renderExport(req.format, lines, req.options);
  const mismatches = checkExport(req.format, lines, file.text, req.options);
  if (mismatches.length > 0) {
    throw new PayrollError(
      'export-invalid',
      `The ${req.format} file does not add up to the approved timesheets (${mismatches.length} mismatches); nothing was exported. This is a bug in Stint: report it.`,
      {
        mismatches,
      },
    );
  }

  const exportId = await weeks.addExport({ from: req.from, to: req.to, format: req.format, nowMs, actorUserId: req.actorUserId, figures });
  await audit(services.db, {
    atMs: nowMs,
    actorUserId: req.actorUserId,
    action: 'payroll.export',
    subject: `export:${exportId}`,
    detail: {
      from: req.from,
      to: req.to,
      format: req.format,
      employees,
      totals,
      partial: problems.length > 0,
      problems,
      previous: previous.map((p) => p.id),
      changes,
    },
  });
  return {
    ok: true,
    problems,
    file: { ...file, fileName: `stint-payroll-${req.format}-${req.from}-to-${req.to}.${file.extension}` },
    exportId,
    employees,
    totals,
    previous,
    changes,
    missingOptions: [],
  };
}

/** Differences on the days both periods cover (an employee or day missing on one side counts as zero). */
function compare(before: Figures, after: Figures, prev: { from: IsoDate; to: IsoDate }, req: { from: IsoDate; to: IsoDate }): ExportChange[] {
  const from = prev.from > req.from ? prev.from : req.from;
  const to = prev.to < req.to ? prev.to : req.to;
  const out: ExportChange[] = [];
  const emails = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const email of emails) {
    const dates = [...new Set([...Object.keys(before[email] ?? {}), ...Object.keys(after[email] ?? {})])].filter((d) => d >= from && d <= to).sort();
    for (const date of dates) {
      for (const code of PAY_CODES) {
        const b = before[email]?.[date]?.[code] ?? 0;
        const a = after[email]?.[date]?.[code] ?? 0;
        if (Math.abs(a - b) >= 1) out.push({ email, date, code, beforeSeconds: b, afterSeconds: a });
      }
    }
  }
  return out;
}

/** A rep's own approved week as the generic CSV (their download). */
export async function approvedWeekCsv(
  services: Services,
  user: { id: number; email: string; name: string },
  date: IsoDate,
): Promise<{ text: string; fileName: string } | { status: WeekStatus | 'not-submitted'; weekStart: IsoDate }> {
  const { rules } = await rulesFor(services.db, user.id);
  const weekStart = workweekStart(date, rules.weekStart);
  const weeks = new WeeksStore(services.db);
  const w = await weeks.get(user.id, weekStart);
  if (!w || w.status !== 'approved' || !w.approved) return { status: w ? w.status : 'not-submitted', weekStart };
  const profile = (await weeks.payProfiles([user.id])).get(user.id) ?? DEFAULT_PAY_PROFILE;
  const employee = { email: user.email, name: user.name, profile };
  const lines = w.approved.days
    .filter((d) => d.workedSeconds > 0)
    .map((d) => ({
      employee,
      weekStart,
      date: d.date,
      regularSeconds: d.regularSeconds,
      overtimeSeconds: d.overtimeSeconds,
      doubleTimeSeconds: d.doubleTimeSeconds,
    }));
  const file = renderExport('csv', lines, DEFAULT_EXPORT_OPTIONS);
  return { text: file.text, fileName: `stint-timesheet-${user.email}-${weekStart}.csv` };
}

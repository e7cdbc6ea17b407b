/**
 * Payroll export files of approved time (issue 14 §5), pure: lines of approved hours in, file text out,
 * and the file read back to check it against the lines before it is offered (`checkExport`).
 *
 * Where each column set comes from:
 * - Generic CSV: ours (DESIGN.md §4): one row per employee × date × pay code.
 * - Gusto: "Upload payroll data with a CSV", support.gusto.com/article/999914471000000 — snake_case column
 *   titles (first_name, last_name, gusto_employee_id; hours per earning type for a regular payroll);
 *   one row per employee for the pay period.
 * - QuickBooks Desktop IIF: Intuit's IIF import kit, "Activities timed with the Timer (TIMEACT)" — a
 *   TIMERHDR block, then !TIMEACT with DATE (MM/DD/YY), JOB, EMP, ITEM, PITEM, DURATION (H:MM, "cannot be
 *   greater than 23:59"), PROJ, NOTE, BILLINGSTATUS; XFERTOPAYROLL=Y sends the time to payroll. Tab-separated.
 *   PITEM carries the payroll item (regular / overtime / double-time pay) as time-import tools do.
 * - ADP Workforce Now paydata: ADP Marketplace "Automated Paydata Integration for ADP Workforce Now" —
 *   Co Code 1st, Batch ID 2nd, File # 3rd, then Reg Hours, O/T Hours, Hours 3 Code and Amount (double time
 *   goes as Hours 3 with the company's earnings code).
 * - Paychex Flex: Paychex "SPI Specification Sheet" (myapps.paychex.com) — the 16 columns in their fixed
 *   order, Client ID and Worker ID required, Pay Component the company's earning name, Hours −999.99..999.99.
 *
 * Hours are decimals with two places (hundredths of an hour) except in IIF (H:MM). Rounding is cumulative
 * per employee, in row order, so every run of rows (a day, a week, the period) adds up to the approved
 * seconds within half a unit, never drifting: the file matches the timesheets to the minute.
 * Every text cell is escaped against formula injection: a cell starting with =, +, -, @, tab or CR gets a
 * leading apostrophe (OWASP "CSV Injection").
 */
import Papa from 'papaparse/papaparse.min.js';
import type { IsoDate } from '../timesheet/types';
import type { PayProfile } from './pay';

export const EXPORT_FORMATS = ['csv', 'gusto', 'iif', 'adp', 'paychex'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const PAY_CODES = ['REG', 'OT', 'DT'] as const;
export type PayCode = (typeof PAY_CODES)[number];

export interface PayEmployee {
  email: string;
  name: string;
  profile: PayProfile;
}

/** One employee's approved day. Exempt employees' hours are all regular (no overtime premium). */
export interface PayLine {
  employee: PayEmployee;
  weekStart: IsoDate;
  date: IsoDate;
  regularSeconds: number;
  overtimeSeconds: number;
  doubleTimeSeconds: number;
}

export interface ExportOptions {
  adp: { coCode: string | null; batchId: string | null; doubleTimeCode: string };
  paychex: { clientId: string | null; components: Record<PayCode, string> };
  iif: { companyName: string; companyCreateTime: string; payrollItems: Record<PayCode, string> };
}

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = {
  adp: { coCode: null, batchId: null, doubleTimeCode: 'D' },
  paychex: { clientId: null, components: { REG: 'Hourly', OT: 'Overtime', DT: 'Double Time' } },
  iif: { companyName: '', companyCreateTime: '', payrollItems: { REG: 'Hourly Rate', OT: 'Overtime Rate', DT: 'Double-time Rate' } },
};

export interface ExportFile {
  text: string;
  extension: 'csv' | 'iif';
  contentType: string;
}

/** The id a format needs for an employee, or null when it is missing. */
export function employeeKey(format: ExportFormat, e: PayEmployee): string | null {
  switch (format) {
    case 'csv':
      return e.email;
    case 'gusto':
      return e.profile.gustoEmployeeId ?? e.profile.gustoEmail;
    case 'iif':
      return e.profile.quickbooksName;
    case 'adp':
      return e.profile.adpFileNumber;
    case 'paychex':
      return e.profile.paychexWorkerId;
  }
}

/** What a format needs besides the employees' ids, as option names; empty when all is there. */
export function missingOptions(format: ExportFormat, o: ExportOptions): string[] {
  if (format === 'adp') return [...(o.adp.coCode ? [] : ['coCode']), ...(o.adp.batchId ? [] : ['batchId'])];
  if (format === 'paychex') return o.paychex.clientId ? [] : ['clientId'];
  return [];
}

const FORMULA = /^[=+\-@\t\r]/;
/** A text cell a spreadsheet would run as a formula gets a leading apostrophe. */
export const escapeFormula = (s: string): string => (FORMULA.test(s) ? `'${s}` : s);

export function splitSeconds(line: PayLine): Record<PayCode, number> {
  if (line.employee.profile.payType === 'exempt') return { REG: line.regularSeconds + line.overtimeSeconds + line.doubleTimeSeconds, OT: 0, DT: 0 };
  return { REG: line.regularSeconds, OT: line.overtimeSeconds, DT: line.doubleTimeSeconds };
}

/** Rounds a run of durations to whole units so that every prefix sum is the rounded prefix of the seconds. */
export function cumulativeUnits(secondsList: readonly number[], unitSeconds: number): number[] {
  let total = 0;
  let shown = 0;
  return secondsList.map((s) => {
    total += s;
    const next = Math.floor(total / unitSeconds + 0.5);
    const units = next - shown;
    shown = next;
    return units;
  });
}

const hundredths = (units: number): string => (units / 100).toFixed(2);
const cents = (c: number): string => (c / 100).toFixed(2);
const rateFor = (p: PayProfile, code: PayCode): string => {
  if (p.regularRateCents === null) return '';
  const m = code === 'REG' ? 1 : code === 'OT' ? p.overtimeMultiplier : p.doubleTimeMultiplier;
  return cents(Math.round((p.regularRateCents * Math.round(m * 1000)) / 1000));
};

function byEmployee(lines: readonly PayLine[]): PayLine[][] {
  const groups = new Map<string, PayLine[]>();
  for (const l of [...lines].sort((a, b) => a.employee.email.localeCompare(b.employee.email) || a.date.localeCompare(b.date))) {
    const list = groups.get(l.employee.email) ?? [];
    list.push(l);
    groups.set(l.employee.email, list);
  }
  return [...groups.values()];
}

function csv(fields: string[], data: string[][]): string {
  // With no rows papaparse ends the header with a line break of its own.
  return `${Papa.unparse({ fields, data }, { newline: '\r\n', escapeFormulae: FORMULA }).replace(/(\r\n)+$/, '')}\r\n`;
}

/** Last word is the last name; a one-word name is a first name. */
function splitName(name: string): { first: string; last: string } {
  const parts = name.trim().split(/\s+/);
  if (parts.length === 1) return { first: parts[0]!, last: '' };
  return { first: parts.slice(0, -1).join(' '), last: parts.at(-1)! };
}

const totalsOf = (lines: readonly PayLine[]): Record<PayCode, number> => {
  const t = { REG: 0, OT: 0, DT: 0 };
  for (const l of lines) {
    const s = splitSeconds(l);
    for (const c of PAY_CODES) t[c] += s[c];
  }
  return t;
};

const usDate = (d: IsoDate, year: 2 | 4) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${year === 2 ? d.slice(2, 4) : d.slice(0, 4)}`;
/** IIF cells cannot hold tabs or line breaks; formula escaping as everywhere. */
const iifCell = (s: string) => escapeFormula(s.replace(/[\t\r\n]+/g, ' '));
const IIF_MAX_MINUTES = 23 * 60 + 59;

/** Renders the export; the caller passes only approved lines of employees that have the format's id. */
export function renderExport(format: ExportFormat, lines: readonly PayLine[], o: ExportOptions): ExportFile {
  const groups = byEmployee(lines);
  switch (format) {
    case 'csv': {
      const data: string[][] = [];
      for (const group of groups) {
        const rows = group.flatMap((l) => PAY_CODES.map((code) => ({ l, code, seconds: splitSeconds(l)[code] }))).filter((r) => r.seconds > 0);
        const units = cumulativeUnits(
          rows.map((r) => r.seconds),
          36,
        );
        rows.forEach((r, i) =>
          data.push([r.l.employee.name, r.l.employee.email, r.l.weekStart, r.l.date, r.code, hundredths(units[i]!), rateFor(r.l.employee.profile, r.code)]),
        );
      }
      return { text: csv(['employee', 'employee_id', 'workweek', 'date', 'pay_code', 'hours', 'rate'], data), extension: 'csv', contentType: 'text/csv' };
    }
    case 'gusto': {
      const data = groups.map((group) => {
        const e = group[0]!.employee;
        const t = totalsOf(group);
        const units = cumulativeUnits([t.REG, t.OT, t.DT], 36);
        const { first, last } = splitName(e.name);
        return [first, last, employeeKey('gusto', e)!, hundredths(units[0]!), hundredths(units[1]!), hundredths(units[2]!)];
      });
      return {
        text: csv(['first_name', 'last_name', 'gusto_employee_id', 'regular_hours', 'overtime_hours', 'double_overtime_hours'], data),
        extension: 'csv',
        contentType: 'text/csv',
      };
    }
    case 'adp': {
      const data = groups.map((group) => {
        const e = group[0]!.employee;
        const t = totalsOf(group);
        const units = cumulativeUnits([t.REG, t.OT, t.DT], 36);
        const dt = units[2]! > 0;
        return [
          o.adp.coCode ?? '',
          o.adp.batchId ?? '',
          e.profile.adpFileNumber!,
          hundredths(units[0]!),
          hundredths(units[1]!),
          dt ? o.adp.doubleTimeCode : '',
          dt ? hundredths(units[2]!) : '',
        ];
      });
      return {
        text: csv(['Co Code', 'Batch ID', 'File #', 'Reg Hours', 'O/T Hours', 'Hours 3 Code', 'Hours 3 Amount'], data),
        extension: 'csv',
        contentType: 'text/csv',
      };
    }
    case 'paychex': {
      const data: string[][] = [];
      for (const group of groups) {
        const e = group[0]!.employee;
        const t = totalsOf(group);
        const units = cumulativeUnits([t.REG, t.OT, t.DT], 36);
        PAY_CODES.forEach((code, i) => {
          if (units[i]! === 0) return;
          data.push([
            o.paychex.clientId ?? '',
            e.profile.paychexWorkerId!,
            '',
            '',
            o.paychex.components[code],
            '',
            '',
            hundredths(units[i]!),
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
          ]);
        });
      }
      return { text: csv(PAYCHEX_COLUMNS, data), extension: 'csv', contentType: 'text/csv' };
    }
    case 'iif': {
      const out = [
        ['!TIMERHDR', 'VER', 'REL', 'COMPANYNAME', 'IMPORTEDBEFORE', 'FROMTIMER', 'COMPANYCREATETIME'],
        ['TIMERHDR', '8', '0', iifCell(o.iif.companyName), 'N', 'Y', iifCell(o.iif.companyCreateTime)],
        ['!TIMEACT', 'DATE', 'JOB', 'EMP', 'ITEM', 'PITEM', 'DURATION', 'PROJ', 'NOTE', 'XFERTOPAYROLL', 'BILLINGSTATUS'],
      ];
      for (const group of groups) {
        const rows = group.flatMap((l) => PAY_CODES.map((code) => ({ l, code, seconds: splitSeconds(l)[code] }))).filter((r) => r.seconds > 0);
        const minutes = cumulativeUnits(
          rows.map((r) => r.seconds),
          60,
        );
        rows.forEach((r, i) => {
          // A 25-hour DST day in one pay item goes in two rows: QuickBooks takes at most 23:59 in one.
          for (let left = minutes[i]!; left > 0; left -= IIF_MAX_MINUTES) {
            const m = Math.min(left, IIF_MAX_MINUTES);
            const duration = `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
            out.push([
              'TIMEACT',
              usDate(r.l.date, 2),
              '',
              iifCell(r.l.employee.profile.quickbooksName!),
              '',
              iifCell(o.iif.payrollItems[r.code]),
              duration,
              '',
              '',
              'Y',
              '0',
            ]);
          }
        });
      }
      return { text: out.map((row) => `${row.join('\t')}\r\n`).join(''), extension: 'iif', contentType: 'text/plain' };
    }
  }
}

const PAYCHEX_COLUMNS = [
  'Client ID',
  'Worker ID',
  'Org',
  'Job Number',
  'Pay Component',
  'Rate',
  'Rate Number',
  'Hours',
  'Units',
  'Line Date',
  'Amount',
  'Check Seq Number',
  'Override State',
  'Override Local',
  'Override Local Jurisdiction',
  'Labor Assignment',
];

/** One amount of time a file says: whose (the format's key, escaped as in the file), which day if it says, which code. */
export interface ReadBackRow {
  key: string;
  date: IsoDate | null;
  code: PayCode;
  seconds: number;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  Papa.parse(text.replace(/\r\n/g, '\n').replace(/\n$/, ''), {
    delimiter: ',',
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    step: (r) => {
      rows.push(r.data);
    },
  });
  return rows;
}

const hoursToSeconds = (s: string): number => {
  if (!/^\d+\.\d{2}$/.test(s)) throw new Error(`hours "${s}" are not a decimal with two places`);
  return Math.round(Number(s) * 100) * 36;
};

/** Reads an export back into amounts of time, checking its shape on the way (header, columns, durations). */
export function readBack(format: ExportFormat, text: string, o: ExportOptions): ReadBackRow[] {
  if (format === 'iif') {
    const lines = text.split('\r\n');
    if (lines.at(-1) !== '') throw new Error('the IIF file does not end with CRLF');
    const rows = lines.slice(0, -1).map((l) => l.split('\t'));
    if (rows[0]?.[0] !== '!TIMERHDR' || rows[1]?.[0] !== 'TIMERHDR' || rows[2]?.[0] !== '!TIMEACT')
      throw new Error('the IIF file lacks its TIMERHDR and !TIMEACT headers');
    const item = new Map(PAY_CODES.map((c) => [iifCell(o.iif.payrollItems[c]), c]));
    return rows.slice(3).map((r) => {
      if (r.length !== 11 || r[0] !== 'TIMEACT') throw new Error(`an IIF row has ${r.length} cells, not the 11 of !TIMEACT`);
      const m = /^(\d{1,2}):(\d{2})$/.exec(r[6]!);
      if (!m || Number(m[2]) > 59) throw new Error(`DURATION "${r[6]}" is not H:MM`);
      const minutes = Number(m[1]) * 60 + Number(m[2]);
      if (minutes > IIF_MAX_MINUTES) throw new Error(`DURATION ${r[6]} is above 23:59`);
      const code = item.get(r[5]!);
      if (!code) throw new Error(`payroll item "${r[5]}" is none of the export's`);
      const [mm, dd, yy] = r[1]!.split('/');
      return { key: r[3]!, date: `20${yy}-${mm}-${dd}`, code, seconds: minutes * 60 };
    });
  }
  const [header, ...rows] = parseCsv(text);
  const expect = (cols: string[]) => {
    if (JSON.stringify(header) !== JSON.stringify(cols)) throw new Error(`the header is ${JSON.stringify(header)}, not ${JSON.stringify(cols)}`);
  };
  switch (format) {
    case 'csv':
      expect(['employee', 'employee_id', 'workweek', 'date', 'pay_code', 'hours', 'rate']);
      return rows.map((r) => {
        const code = PAY_CODES.find((c) => c === r[4]);
        if (!code) throw new Error(`pay code "${r[4]}" is not REG, OT or DT`);
        return { key: r[1]!, date: r[3]!, code, seconds: hoursToSeconds(r[5]!) };
      });
    case 'gusto':
      expect(['first_name', 'last_name', 'gusto_employee_id', 'regular_hours', 'overtime_hours', 'double_overtime_hours']);
      return rows.flatMap((r) => PAY_CODES.map((code, i) => ({ key: r[2]!, date: null, code, seconds: hoursToSeconds(r[3 + i]!) })));
    case 'adp':
      expect(['Co Code', 'Batch ID', 'File #', 'Reg Hours', 'O/T Hours', 'Hours 3 Code', 'Hours 3 Amount']);
      return rows.flatMap((r) => {
        if (r[0] !== escapeFormula(o.adp.coCode ?? '') || r[1] !== escapeFormula(o.adp.batchId ?? '')) throw new Error('a row has another Co Code or Batch ID');
        const dt = r[5] === '' ? 0 : r[5] === escapeFormula(o.adp.doubleTimeCode) ? hoursToSeconds(r[6]!) : NaN;
        if (Number.isNaN(dt)) throw new Error(`Hours 3 Code "${r[5]}" is not the double-time code`);
        return [
          { key: r[2]!, date: null, code: 'REG' as const, seconds: hoursToSeconds(r[3]!) },
          { key: r[2]!, date: null, code: 'OT' as const, seconds: hoursToSeconds(r[4]!) },
          { key: r[2]!, date: null, code: 'DT' as const, seconds: dt },
        ];
      });
    case 'paychex': {
      expect(PAYCHEX_COLUMNS);
      const component = new Map(PAY_CODES.map((c) => [escapeFormula(o.paychex.components[c]), c]));
      return rows.map((r) => {
        if (r.length !== PAYCHEX_COLUMNS.length) throw new Error(`a row has ${r.length} columns, not ${PAYCHEX_COLUMNS.length}`);
        const code = component.get(r[4]!);
        if (!code) throw new Error(`Pay Component "${r[4]}" is none of the export's`);
        return { key: r[1]!, date: null, code, seconds: hoursToSeconds(r[7]!) };
      });
    }
  }
}

export interface ExportMismatch {
  key: string;
  /** What was compared: a date, a workweek (`week of DATE`), the period, or the file itself. */
  scope: string;
  code: PayCode | 'ALL' | null;
  expectedSeconds: number;
  fileSeconds: number;
}

/** Tolerance of the checks: the file says the approved time to the minute. */
export const EXPORT_TOLERANCE_SECONDS = 60;

/**
 * Checks a rendered file against the lines it came from: per employee and pay code over the period, per
 * day and per workweek where the format has dates, nobody in the file who is not in the lines.
 */
export function checkExport(format: ExportFormat, lines: readonly PayLine[], text: string, o: ExportOptions): ExportMismatch[] {
  let rows: ReadBackRow[];
  try {
    rows = readBack(format, text, o);
  } catch (e) {
    return [{ key: '', scope: `file: ${e instanceof Error ? e.message : String(e)}`, code: null, expectedSeconds: 0, fileSeconds: 0 }];
  }
  const expected = new Map<string, number>();
  const found = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, s: number) => m.set(k, (m.get(k) ?? 0) + s);
  const keyOf = (e: PayEmployee) => (format === 'iif' ? iifCell(employeeKey(format, e)!) : escapeFormula(employeeKey(format, e)!));
  const weekOf = new Map<string, IsoDate>();
  for (const l of lines) {
    const key = keyOf(l.employee);
    weekOf.set(`${key}|${l.date}`, l.weekStart);
    const s = splitSeconds(l);
    for (const code of PAY_CODES) {
      add(expected, `${key}|period|${code}`, s[code]);
      if (format === 'csv' || format === 'iif') {
        add(expected, `${key}|${l.date}|${code}`, s[code]);
        add(expected, `${key}|${l.date}|ALL`, s[code]);
        add(expected, `${key}|week of ${l.weekStart}|ALL`, s[code]);
      }
    }
  }
  const mismatches: ExportMismatch[] = [];
  for (const r of rows) {
    if (!expected.has(`${r.key}|period|${r.code}`)) {
      mismatches.push({ key: r.key, scope: 'not an approved employee of this export', code: r.code, expectedSeconds: 0, fileSeconds: r.seconds });
      continue;
    }
    add(found, `${r.key}|period|${r.code}`, r.seconds);
    if (r.date !== null) {
      const week = weekOf.get(`${r.key}|${r.date}`);
      if (week === undefined) {
        mismatches.push({ key: r.key, scope: `${r.date}: not an approved day`, code: r.code, expectedSeconds: 0, fileSeconds: r.seconds });
        continue;
      }
      add(found, `${r.key}|${r.date}|${r.code}`, r.seconds);
      add(found, `${r.key}|${r.date}|ALL`, r.seconds);
      add(found, `${r.key}|week of ${week}|ALL`, r.seconds);
    }
  }
  for (const [k, seconds] of expected) {
    const got = found.get(k) ?? 0;
    if (Math.abs(got - seconds) > EXPORT_TOLERANCE_SECONDS) {
      const [key, scope, code] = k.split('|') as [string, string, PayCode | 'ALL'];
      mismatches.push({ key, scope, code, expectedSeconds: seconds, fileSeconds: got });
    }
  }
  return mismatches;
}

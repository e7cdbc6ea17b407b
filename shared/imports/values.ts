/**
 * Cell values as the exporting systems write them: durations, flags, instants, locale dates and
 * amounts. Each parser returns the value or a message saying what was found and what was expected.
 * Local times are read in an IANA zone through Luxon; a local time that does not exist in that zone
 * (inside a spring-forward gap) is an error, since it means the zone given is not the export's. An
 * ambiguous local time (in the repeated hour of a fall-back) is read as Luxon does: the later instant.
 */
import { DateTime } from 'luxon';
import { DATE_BOUNDS_WORDS, instantProblem, isDateInBounds } from '../bounds';
import type { IsoDate } from '../timesheet/types';
import type { DateFormat } from './date-formats';
import type { ImportProblem, ImportProblemCode } from './result';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; problem?: ImportProblem };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(error: string, code?: ImportProblemCode, params: Record<string, string> = {}): Parsed<T> =>
  code === undefined ? { ok: false, error } : { ok: false, error, problem: { code, params } };

// ---------------------------------------------------------------------------------------------- durations

const CLOCK = /^(\d+):([0-5]\d):([0-5]\d)$/;
const SECONDS = /^\d+(?:\.\d+)?$/;

/** `h:mm:ss` (hours unbounded) to milliseconds. */
export function parseClockDuration(value: string, what: string): Parsed<number> {
  const m = CLOCK.exec(value);
  if (!m) return bad(`${what} "${value}" is not a duration: expected hh:mm:ss, like 00:04:35.`, 'not-duration', { what, value });
  return ok((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000);
}

/** Whole or decimal seconds to milliseconds. */
export function parseSecondsDuration(value: string, what: string): Parsed<number> {
  if (!SECONDS.test(value)) return bad(`${what} "${value}" is not a number of seconds: expected a whole number ≥ 0, like 275.`, 'not-seconds', { what, value });
  return ok(Math.round(Number(value) * 1000));
}

/** Seconds (`275`) or `h:mm:ss` (`0:04:35`) to milliseconds. */
export function parseFlexibleDuration(value: string, what: string): Parsed<number> {
  if (SECONDS.test(value)) return parseSecondsDuration(value, what);
  if (CLOCK.test(value)) return parseClockDuration(value, what);
  return bad(`${what} "${value}" is not a duration: expected seconds (like 275) or h:mm:ss (like 0:04:35).`, 'not-duration', { what, value });
}

/** A problem of a time read for a column, named with the column (its code keeps the column for the views). */
function withWhat<T>(parsed: { ok: false; error: string; problem?: ImportProblem }, what: string): Parsed<T> {
  return parsed.problem === undefined
    ? bad(`${what}: ${parsed.error}`)
    : bad(`${what}: ${parsed.error}`, parsed.problem.code, { ...parsed.problem.params, what });
}

// ------------------------------------------------------------------------------------------------- flags

const TRUE = new Set(['1', 'true', 'yes', 'y', 't', 'checked', 'x']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'f', 'unchecked']);

/** A yes/no cell; `null` for an empty one. */
export function parseFlag(value: string, what: string): Parsed<boolean | null> {
  const v = value.trim().toLowerCase();
  if (v === '') return ok(null);
  if (TRUE.has(v)) return ok(true);
  if (FALSE.has(v)) return ok(false);
  return bad(`${what} "${value}" is not yes or no: expected one of true/false, yes/no, 1/0.`, 'not-yes-no', { what, value });
}

// ---------------------------------------------------------------------------------------------- instants

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond?: number;
}

/** A local wall-clock time in `zone` as UTC milliseconds; refuses dates that do not exist and gap times. */
export function localToMs(parts: LocalParts, zone: string, shown: string): Parsed<number> {
  const dt = DateTime.fromObject({ ...parts, millisecond: parts.millisecond ?? 0 }, { zone });
  if (!dt.isValid) return bad(`"${shown}" is not a real date and time.`, 'not-real-date-time', { value: shown });
  if (dt.year !== parts.year || dt.month !== parts.month || dt.day !== parts.day || dt.hour !== parts.hour || dt.minute !== parts.minute) {
    return bad(`"${shown}" does not exist in ${zone} (the clocks jumped forward then); check the time zone given for this file.`, 'time-in-gap', {
      value: shown,
      zone,
    });
  }
  return ok(dt.toMillis());
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/;

export interface InstantOptions {
  /** Accept Unix epoch seconds (10 digits) and milliseconds (13 digits), as APIs write them. */
  epoch?: boolean;
}

/**
 * An instant written as ISO 8601 with `Z` or an offset (taken as is), as `yyyy-MM-dd HH:mm[:ss]` without
 * one (read in `zone`), or, with `epoch`, as Unix seconds or milliseconds.
 */
export function parseInstant(value: string, zone: string, what: string, options: InstantOptions = {}): Parsed<number> {
  const parsed = parseAnyInstant(value, zone, what, options);
  return parsed.ok ? inBounds(parsed.value, value, what) : parsed;
}

/** The instant, or why it is refused: one outside 1970–2100 is a broken cell, not a call or a lead. */
function inBounds(ms: number, value: string, what: string): Parsed<number> {
  const problem = instantProblem(ms, `${what} "${value.trim()}"`);
  return problem === null ? ok(ms) : bad(problem, 'instant-out-of-range', { what, value: value.trim() });
}

function parseAnyInstant(value: string, zone: string, what: string, options: InstantOptions): Parsed<number> {
  const v = value.trim();
  if (options.epoch && /^\d{9,10}(?:\.\d+)?$/.test(v)) return ok(Math.round(Number(v) * 1000));
  if (options.epoch && /^\d{12,13}$/.test(v)) return ok(Number(v));
  if (ISO_WITH_OFFSET.test(v)) {
    const iso = v.replace(/^(\d{4}-\d{2}-\d{2})[T ](.+?)\s*(Z|[+-][\d:]+)$/i, '$1T$2$3');
    const dt = DateTime.fromISO(iso, { setZone: true });
    if (dt.isValid) return ok(dt.toMillis());
  }
  const m = NAIVE.exec(v);
  if (m) {
    const parsed = localToMs(
      {
        year: Number(m[1]),
        month: Number(m[2]),
        day: Number(m[3]),
        hour: Number(m[4]),
        minute: Number(m[5]),
        second: Number(m[6] ?? 0),
        millisecond: Number((m[7] ?? '0').padEnd(3, '0')),
      },
      zone,
      v,
    );
    return parsed.ok ? parsed : withWhat(parsed, what);
  }
  const epoch = options.epoch ? ', Unix seconds' : '';
  return bad(
    `${what} "${value}" is not a date and time: expected ISO 8601 like 2026-03-14T09:05:00Z, ` + `or 2026-03-14 09:05:00 in ${zone}${epoch}.`,
    'not-date-time',
    {
      what,
      value,
      zone,
    },
  );
}

// -------------------------------------------------------------------------------------------- locale dates

export { DATE_FORMATS, type DateFormat } from './date-formats';

const EXAMPLE: Record<DateFormat, string> = {
  'MM/dd/yyyy': '03/14/2026',
  'dd/MM/yyyy': '14/03/2026',
  'yyyy-MM-dd': '2026-03-14',
  'dd.MM.yyyy': '14.03.2026',
};

const DATE_PART: Record<DateFormat, RegExp> = {
  'MM/dd/yyyy': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})/,
  'dd/MM/yyyy': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})/,
  'yyyy-MM-dd': /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})/,
  'dd.MM.yyyy': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})/,
};

// After the date: nothing, or a time "9:05", "09:05:07", "9:05 AM", "9:05 a.m.", optionally after "T" or ",".
const TIME_PART = /^(?:,?\s+|T)(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?(?:\.\d+)?(?:\s*(?<ampm>[ap])\.?\s?m\.?)?\s*$/i;

export interface LocaleDateTime {
  date: IsoDate;
  time: { hour: number; minute: number; second: number } | null;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A date in `format`, optionally followed by a 12- or 24-hour time; day and month may omit a leading 0. */
export function parseLocaleDateTime(value: string, format: DateFormat, what: string): Parsed<LocaleDateTime> {
  const v = value.trim();
  const expected = `expected a date as ${format} (like ${EXAMPLE[format]}), optionally with a time like 9:05 AM or 14:05`;
  const dm = DATE_PART[format].exec(v);
  if (!dm?.groups) return bad(`${what} "${value}" is not a date: ${expected}.`, 'not-date', { what, value, format, example: EXAMPLE[format] });
  const y = Number(dm.groups['y']);
  const mo = Number(dm.groups['m']);
  const d = Number(dm.groups['d']);
  const check = DateTime.fromObject({ year: y, month: mo, day: d }, { zone: 'utc' });
  if (!check.isValid) return bad(`${what} "${value}" is not a real date when read as ${format}.`, 'not-real-date', { what, value, format });
  const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  if (!isDateInBounds(date))
    return bad(`${what} "${value}" is outside the years Stint takes: expected ${DATE_BOUNDS_WORDS}.`, 'date-out-of-range', { what, value });
  const rest = v.slice(dm[0].length);
  if (rest === '') return ok({ date, time: null });
  const tm = TIME_PART.exec(rest);
  if (!tm?.groups) return bad(`${what} "${value}" is not a date: ${expected}.`, 'not-date', { what, value, format, example: EXAMPLE[format] });
  let hour = Number(tm.groups['h']);
  const minute = Number(tm.groups['mi']);
  const second = Number(tm.groups['s'] ?? 0);
  const ampm = tm.groups['ampm']?.toLowerCase();
  if (ampm) {
    if (hour < 1 || hour > 12) return bad(`${what} "${value}" has an hour of ${hour} with AM/PM: expected 1 to 12.`, 'bad-ampm-hour', { what, value });
    hour = (hour % 12) + (ampm === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return bad(`${what} "${value}" has an impossible time of day.`, 'impossible-time', { what, value });
  return ok({ date, time: { hour, minute, second } });
}

/** A locale date with a time of day, as an instant in `zone`; the time is required. */
export function parseLocaleInstant(value: string, format: DateFormat, zone: string, what: string): Parsed<number> {
  const parsed = parseLocaleDateTime(value, format, what);
  if (!parsed.ok) return parsed;
  const { date, time } = parsed.value;
  if (!time) {
    return bad(`${what} "${value}" has no time of day, which is needed here: export a date/time column (like ${EXAMPLE[format]} 9:05 AM).`, 'no-time-of-day', {
      what,
      value,
      example: EXAMPLE[format],
    });
  }
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const ms = localToMs({ year, month, day, ...time }, zone, value.trim());
  return ms.ok ? inBounds(ms.value, value, what) : withWhat(ms, what);
}

// ------------------------------------------------------------------------------------------------ amounts

export type DecimalSeparator = '.' | ',';

/**
 * A money amount as CRM reports write it: `12000`, `12,000.50`, `USD 12,000.50`, `$12,000.50`,
 * `12.000,50 €` (with `decimalSeparator: ','`). Grouping marks (the other separator, spaces, NBSP,
 * apostrophes) are dropped. An ISO currency code before or after the number is returned as `currency`;
 * a symbol alone is not (`$` could be USD, CAD or AUD).
 */
export function parseAmount(value: string, decimalSeparator: DecimalSeparator, what: string): Parsed<{ amount: number; currency?: string }> {
  let v = value.trim();
  let currency: string | undefined;
  const code = /^([A-Z]{3})\s*(?=[\d.,-])|(?<=[\d.,])\s*([A-Z]{3})$/.exec(v);
  if (code) {
    currency = code[1] ?? code[2];
    v = v.replace(code[0], '').trim();
  }
  v = v.replace(/^[$\u20ac\u00a3\u00a5\u20b9]\s*|\s*[$\u20ac\u00a3\u00a5\u20b9]$/g, '');
  const group = decimalSeparator === '.' ? /[,\s\u00a0\u202f']/g : /[.\s\u00a0\u202f']/g;
  let digits = v.replace(group, '');
  if (decimalSeparator === ',') digits = digits.replace(',', '.');
  if (!/^-?\d+(?:\.\d+)?$/.test(digits)) {
    const example = decimalSeparator === '.' ? '12,000.50' : '12.000,50';
    return bad(`${what} "${value}" is not an amount: expected a number like ${example} (decimal separator "${decimalSeparator}").`, 'not-amount', {
      what,
      value,
      example,
    });
  }
  return ok(currency === undefined ? { amount: Number(digits) } : { amount: Number(digits), currency });
}

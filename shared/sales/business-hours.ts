/**
 * Business-hours time between two instants: the part of [from, to) that falls inside the working hours
 * of working days in a zone. Each local day's window is built from its own wall-clock start and end in
 * the zone (Luxon), so DST days are right: 09:00–17:00 on a DST day is still 8 hours unless the change
 * happens inside the window. A window whose local start or end does not exist (a gap) starts or ends at
 * the instant Luxon moves it to.
 */
import { DateTime } from 'luxon';
import { addDays, assertTimeZone, localDate } from '../timesheet/local-time';
import type { IsoDate } from '../timesheet/types';
import { UserError } from '../user-error';

export interface BusinessHours {
  /** IANA zone the hours are kept in (usually the org's). */
  zone: string;
  /** Working days, ISO numbering 1 = Monday … 7 = Sunday; default Monday to Friday. */
  days?: readonly number[];
  /** Opening and closing time, `HH:mm`, 24-hour; `end` after `start` (no overnight shifts). */
  start: string;
  end: string;
  /** Local dates with no business hours. */
  holidays?: readonly IsoDate[];
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** True for a time of day as business hours take it: `HH:mm`, 24-hour, 00:00 to 24:00. */
export function isClockTime(value: string): boolean {
  return HHMM.test(value);
}

/** Minutes since midnight of a time isClockTime accepts. */
export function clockMinutes(value: string): number {
  return minutesOf(value, 'time');
}

function minutesOf(value: string, what: string): number {
  const m = HHMM.exec(value);
  if (!m) throw new RangeError(`business hours ${what} must be HH:mm (24-hour), got "${value}"`);
  return value === '24:00' ? 1440 : Number(m[1]) * 60 + Number(m[2]);
}

export interface CompiledBusinessHours {
  zone: string;
  days: Set<number>;
  startMin: number;
  endMin: number;
  holidays: Set<string>;
}

export function compileBusinessHours(hours: BusinessHours): CompiledBusinessHours {
  assertTimeZone(hours.zone);
  const startMin = minutesOf(hours.start, 'start');
  const endMin = minutesOf(hours.end, 'end');
  if (endMin <= startMin) throw new RangeError(`business hours end (${hours.end}) must be after start (${hours.start})`);
  const days = new Set(hours.days ?? [1, 2, 3, 4, 5]);
  for (const d of days) if (!Number.isInteger(d) || d < 1 || d > 7) throw new RangeError(`business days are 1 (Monday) to 7 (Sunday), got ${d}`);
  return { zone: hours.zone, days, startMin, endMin, holidays: new Set(hours.holidays ?? []) };
}

/** The hours as given, once they make sense (real times, closing after opening); otherwise a UserError saying why. */
export function checkedBusinessHours(hours: BusinessHours): BusinessHours {
  try {
    compileBusinessHours(hours);
  } catch (error) {
    if (error instanceof RangeError) throw new UserError(`Cannot use these business hours: ${error.message}.`);
    throw error;
  }
  return hours;
}

function at(date: IsoDate, minutes: number, zone: string): number {
  const day = DateTime.fromISO(date, { zone });
  return day
    .set({ hour: Math.floor(minutes / 60) % 24, minute: minutes % 60, second: 0, millisecond: 0 })
    .plus({ days: minutes === 1440 ? 1 : 0 })
    .toMillis();
}

/**
 * The business-hours windows of every local day touching [spanFromMs, spanToMs], with running totals, so
 * the business time between any two instants in the span is two binary searches, not a walk over days:
 * a report builds one for all its leads.
 */
export class BusinessCalendar {
  private readonly opens: number[] = [];
  private readonly closes: number[] = [];
  /** before[i] = business ms in the windows before window i. */
  private readonly before: number[] = [0];

  constructor(
    hours: BusinessHours | CompiledBusinessHours,
    private readonly spanFromMs: number,
    private readonly spanToMs: number,
  ) {
    const c = 'startMin' in hours ? hours : compileBusinessHours(hours);
    const last = localDate(spanToMs, c.zone);
    for (let date = localDate(spanFromMs, c.zone); date <= last; date = addDays(date, 1)) {
      if (c.holidays.has(date) || !c.days.has(DateTime.fromISO(date, { zone: c.zone }).weekday)) continue;
      const open = at(date, c.startMin, c.zone);
      const close = at(date, c.endMin, c.zone);
      if (close <= open) continue;
      this.opens.push(open);
      this.closes.push(close);
      this.before.push(this.before[this.before.length - 1]! + close - open);
    }
  }

  /** Milliseconds of [fromMs, toMs) inside business hours; 0 when `toMs ≤ fromMs`. Both must lie in the span. */
  msBetween(fromMs: number, toMs: number): number {
    if (!(toMs > fromMs)) return 0;
    if (fromMs < this.spanFromMs || toMs > this.spanToMs) {
      throw new RangeError(`business time asked for outside the calendar's span (${new Date(fromMs).toISOString()} to ${new Date(toMs).toISOString()})`);
    }
    const first = firstIndex(this.closes, (close) => close > fromMs); // first window still open after fromMs
    const end = firstIndex(this.opens, (open) => open >= toMs); // windows before `end` open before toMs
    if (first >= end) return 0;
    let total = this.before[end]! - this.before[first]!;
    total -= Math.max(0, fromMs - this.opens[first]!);
    total -= Math.max(0, this.closes[end - 1]! - toMs);
    return total;
  }
}

/** The first index whose value passes `test` in an ascending array where passing is monotone; length if none. */
function firstIndex(values: readonly number[], test: (value: number) => boolean): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(values[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Milliseconds of [fromMs, toMs) inside business hours; 0 when `toMs ≤ fromMs`. */
export function businessMsBetween(fromMs: number, toMs: number, hours: BusinessHours | CompiledBusinessHours): number {
  if (!(toMs > fromMs)) return 0;
  return new BusinessCalendar(hours, fromMs, toMs).msBetween(fromMs, toMs);
}

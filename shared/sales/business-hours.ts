/**
 * Business-hours time between two instants: the part of [from, to) whose local wall clock, in the zone,
 * reads a time inside the working hours of a working day. So DST days are right: 09:00–17:00 on a DST day
 * is still 8 hours unless the change happens inside the window; hours that end in a spring-forward gap
 * close when the clock jumps past their end, and hours covering a repeated fall-back hour count it twice,
 * as a clock on the office wall would.
 */
import type { Zone } from 'luxon';
import { zoneRules } from '../timesheet/host-zone';
import { addDays, assertTimeZone, localDate, localDayBounds } from '../timesheet/local-time';
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

const MINUTE_MS = 60_000;

/**
 * The instants of local day `date` whose wall clock reads a minute in [startMin, endMin): one interval on a
 * day with one UTC offset; on a DST day, one per stretch of constant offset (an overlap can give two).
 */
function dayWindows(date: IsoDate, startMin: number, endMin: number, zone: Zone): Array<[number, number]> {
  const { startMs, endMs } = localDayBounds(date, zone.name);
  const labelMs = Date.parse(`${date}T00:00:00Z`);
  const windows: Array<[number, number]> = [];
  for (const [pieceFrom, pieceTo, offsetMin] of constantOffsetPieces(startMs, endMs, zone)) {
    // Under one offset, wall minute m of `date` is the instant label + (m − offset) minutes.
    const open = Math.max(pieceFrom, labelMs + (startMin - offsetMin) * MINUTE_MS);
    const close = Math.min(pieceTo, labelMs + (endMin - offsetMin) * MINUTE_MS);
    if (close > open) windows.push([open, close]);
  }
  return windows;
}

/** [fromMs, toMs) cut where the zone's offset changes (at most once in a day), each piece with its offset in minutes. */
function constantOffsetPieces(fromMs: number, toMs: number, zone: Zone): Array<[number, number, number]> {
  const first = zone.offset(fromMs);
  const last = zone.offset(toMs - 1);
  if (first === last) return [[fromMs, toMs, first]];
  // The change instant: the first whose offset is no longer `first`.
  let lo = fromMs;
  let hi = toMs - 1;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === first) lo = mid;
    else hi = mid;
  }
  return [
    [fromMs, hi, first],
    [hi, toMs, last],
  ];
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
    const zone = zoneRules(c.zone);
    const last = localDate(spanToMs, c.zone);
    for (let date = localDate(spanFromMs, c.zone); date <= last; date = addDays(date, 1)) {
      if (c.holidays.has(date) || !c.days.has(isoWeekday(date))) continue;
      for (const [open, close] of dayWindows(date, c.startMin, c.endMin, zone)) {
        this.opens.push(open);
        this.closes.push(close);
        this.before.push(this.before[this.before.length - 1]! + close - open);
      }
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

/** ISO weekday of a date label: 1 = Monday … 7 = Sunday. */
function isoWeekday(date: IsoDate): number {
  return new Date(Date.parse(`${date}T00:00:00Z`)).getUTCDay() || 7;
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

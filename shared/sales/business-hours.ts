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

function at(date: IsoDate, minutes: number, zone: string): number {
  const day = DateTime.fromISO(date, { zone });
  return day.set({ hour: Math.floor(minutes / 60) % 24, minute: minutes % 60, second: 0, millisecond: 0 }).plus({ days: minutes === 1440 ? 1 : 0 }).toMillis();
}

/** Milliseconds of [fromMs, toMs) inside business hours; 0 when `toMs ≤ fromMs`. */
export function businessMsBetween(fromMs: number, toMs: number, hours: BusinessHours | CompiledBusinessHours): number {
  const c = 'startMin' in hours ? hours : compileBusinessHours(hours);
  if (!(toMs > fromMs)) return 0;
  let total = 0;
  const last = localDate(toMs, c.zone);
  for (let date = localDate(fromMs, c.zone); date <= last; date = addDays(date, 1)) {
    if (c.holidays.has(date)) continue;
    const weekday = DateTime.fromISO(date, { zone: c.zone }).weekday;
    if (!c.days.has(weekday)) continue;
    const open = at(date, c.startMin, c.zone);
    const close = at(date, c.endMin, c.zone);
    const overlap = Math.min(close, toMs) - Math.max(open, fromMs);
    if (overlap > 0) total += overlap;
  }
  return total;
}

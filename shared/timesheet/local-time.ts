/**
 * Local calendar days in IANA zones. Every offset comes from the zone's rules (Luxon's IANAZone, or Date
 * for the host's own zone: never hand-rolled offsets), so DST days are as long as they really are: 23 or
 * 25 h in most zones, 23.5 or 24.5 h on Australia/Lord_Howe, and a day whose midnight does not exist starts
 * at its first real instant. Dates and clock times are read without building a Luxon DateTime: its first
 * one asks Intl for the system locale, which loads ICU's locale tables (more than a short command's work).
 */
import { DateTime, IANAZone } from 'luxon';
import { hostZoneName, zoneRules } from './host-zone';
import type { IsoDate, WeekStart } from './types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * True for a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is false). Date's calendar, not a Luxon
 * DateTime: the first one asks Intl for the system locale, which loads ICU's locale tables (~115 M instructions).
 */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

function assertIsoDate(value: string, what: string): void {
  if (!isIsoDate(value)) throw new RangeError(`${what}: expected a date as YYYY-MM-DD, got "${value}"`);
}

// Validating a zone builds an Intl.DateTimeFormat (slow); the set of valid zones never changes at run time.
const validZones = new Set<string>();

/** True for an IANA zone name Luxon (i.e. Intl) knows: the one zone check every boundary uses. */
export function isTimeZone(zone: string): boolean {
  if (validZones.has(zone) || zone === 'UTC' || zone === hostZoneName()) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  validZones.add(zone);
  return true;
}

/** Throws a RangeError unless `zone` is an IANA zone name Luxon (i.e. Intl) knows. */
export function assertTimeZone(zone: string): void {
  if (!isTimeZone(zone)) throw new RangeError(`unknown IANA time zone "${zone}"`);
}

/** Instants whose local dates all have four-digit years, which toISOString writes as YYYY-MM-DD. */
const MAX_PLAIN_MS = 253_000_000_000_000;

/** The local calendar date of the instant `ms` in `zone`. */
export function localDate(ms: number, zone: string): IsoDate {
  assertTimeZone(zone);
  if (!Number.isFinite(ms)) throw new RangeError(`localDate: not a finite instant: ${ms}`);
  // The wall clock is the instant moved by the zone's offset, read in UTC (what Luxon does, without building a DateTime).
  if (Math.abs(ms) < MAX_PLAIN_MS) return new Date(ms + zoneRules(zone).offset(ms) * 60_000).toISOString().slice(0, 10);
  return DateTime.fromMillis(ms, { zone: zoneRules(zone) }).toISODate()!;
}

/** The wall-clock time of the instant `ms` in `zone`, `HH:mm` or with `seconds` `HH:mm:ss`, 24-hour. */
export function localClockTime(ms: number, zone: string, seconds = false): string {
  assertTimeZone(zone);
  if (!Number.isFinite(ms)) throw new RangeError(`localClockTime: not a finite instant: ${ms}`);
  return new Date(ms + zoneRules(zone).offset(ms) * 60_000).toISOString().slice(11, seconds ? 19 : 16);
}

/** The instant `ms` as `zone`'s wall clock writes it, `YYYY-MM-DD HH:mm`. */
export function localStamp(ms: number, zone: string): string {
  return `${localDate(ms, zone)} ${localClockTime(ms, zone)}`;
}

// Zone rules never change while a process runs, and reports ask for the same days again and again (a year's
// timesheet asks for each day's start from several places): Luxon's parse per call was most of its time.
const dayStarts = new Map<string, number>();
const DAY_STARTS_KEPT = 8192;

const HOUR_MS = 3_600_000;

/**
 * First instant of `date` in `zone`. Local midnight is read with the offsets in force on either side of it
 * (offsets run from −12 to +14 h, and no zone changes twice within those 26 hours): where both readings
 * are real (a repeated midnight) the earlier counts; where neither is (midnight skipped), the day starts
 * at the jump, its first real instant.
 */
function midnightMs(date: IsoDate, zone: string): number {
  const rules = zoneRules(zone);
  const wall = Date.parse(`${date}T00:00:00Z`);
  const before = rules.offset(wall - 14 * HOUR_MS);
  const after = rules.offset(wall + 12 * HOUR_MS);
  const early = wall - Math.max(before, after) * 60_000;
  const late = wall - Math.min(before, after) * 60_000;
  if (rules.offset(early) === Math.max(before, after)) return early;
  return late;
}

/** First instant of `date` in `zone`, kept: see midnightMs. */
function dayStartMs(date: IsoDate, zone: string): number {
  const key = `${zone} ${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = midnightMs(date, zone);
    if (dayStarts.size >= DAY_STARTS_KEPT) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return start;
}

/**
 * The local day `date` in `zone` as a half-open UTC range [startMs, endMs): from its first instant to
 * the first instant of the next day, so endMs − startMs is the real length of the day.
 */
export function localDayBounds(date: IsoDate, zone: string): { startMs: number; endMs: number } {
  assertIsoDate(date, 'localDayBounds');
  assertTimeZone(zone);
  return { startMs: dayStartMs(date, zone), endMs: dayStartMs(addDays(date, 1), zone) };
}

/** A local day: its date and its real extent [startMs, endMs) in UTC milliseconds. */
export interface LocalDay {
  date: IsoDate;
  startMs: number;
  endMs: number;
}

/**
 * A lookup of the local day holding an instant that remembers the last day found per zone. Zone maths
 * goes through Intl and is slow; sorted input hits the same day again and again.
 */
export function createDayLocator(): (ms: number, zone: string) => LocalDay {
  const last = new Map<string, LocalDay>();
  return (ms, zone) => {
    const hit = last.get(zone);
    if (hit && ms >= hit.startMs && ms < hit.endMs) return hit;
    const date = localDate(ms, zone);
    const day = { date, startMs: dayStartMs(date, zone), endMs: dayStartMs(addDays(date, 1), zone) };
    last.set(zone, day);
    return day;
  };
}

const UTC_DAY_MS = 86_400_000;

/** `date` moved by `days` calendar days (zone-free: dates are labels, not instants, and UTC days all last 24 hours). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * UTC_DAY_MS).toISOString().slice(0, 10);
}

/** Every date from `from` to `to` inclusive; empty when `from` is after `to`. */
export function datesBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  // UTC days all last 24 hours, so plain arithmetic labels them; a report's ten years cost milliseconds, not Luxon's second.
  const out: IsoDate[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += UTC_DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

const WEEKDAY_NUMBER: Record<WeekStart, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

/** The first date of the workweek (starting on `weekStart`) that contains `date`. */
export function workweekStart(date: IsoDate, weekStart: WeekStart): IsoDate {
  const weekday = new Date(Date.parse(`${date}T00:00:00Z`)).getUTCDay() || 7; // 1 = Monday … 7 = Sunday
  return addDays(date, -((weekday - WEEKDAY_NUMBER[weekStart] + 7) % 7));
}

/**
 * The timesheet engine (DESIGN.md §3 "Timesheets"): work and break intervals in, one row per local date
 * with pay categories out. Pure: no clock, no I/O; the same input always gives the same sheet.
 *
 * Pipeline:
 * 1. Work intervals are unioned on the real time line (overlaps count once) and break time is cut out
 *    of them, whether or not the caller already did: `workedTime` (worked-time.ts), the computation every
 *    report shares. `timesheetOf` takes its result directly, with manual and idle time already labelled.
 * 2. What is left is split at local midnights of the zone each piece was worked in and summed per local
 *    date, so a DST day holds its real 23/25 h (23.5/24.5 h on Lord Howe) and a shift over midnight
 *    counts on both dates.
 * 3. Each day's worked total is rounded once (export option) and the rounded totals are split into
 *    regular/overtime/double-time per workweek. The workweek is the 7 local dates starting at local
 *    midnight of `weekStart`: 168 h, except that a week holding a DST change has its real 167/169 h, so
 *    that a local day never straddles two workweeks.
 * 4. Only [from, to] is reported, but the whole workweeks around it are computed: pass the intervals of
 *    those weeks and a Friday-only report still knows Monday's hours toward the 40 h weekly threshold.
 */
import { addDays, assertTimeZone, datesBetween, isIsoDate, localDayBounds, workweekStart } from './local-time';
import { clipSegments, splitByLocalDay, type DayPiece } from './intervals';
import { workedTime, type WorkedTime } from './worked-time';
import { splitWorkweek, type PaySplit } from './overtime';
import { roundWorkedSeconds } from './rounding';
import { averageWeekWarnings, dailyRestWarnings } from './eu-warnings';
import type { IsoDate, TimeInterval, TimeTotals, Timesheet, TimesheetDay, TimesheetOptions } from './types';
import { compareText } from '../compare-text';

interface DayAccumulator {
  workedMs: number;
  manualMs: number;
  claimedIdleMs: number;
  unconfirmedIdleMs: number;
  breakMs: number;
  firstStart: number | null;
  lastEnd: number | null;
  workZoneMs: Map<string, number>;
  breakZoneMs: Map<string, number>;
}

const emptyAccumulator = (): DayAccumulator => ({
  workedMs: 0,
  manualMs: 0,
  claimedIdleMs: 0,
  unconfirmedIdleMs: 0,
  breakMs: 0,
  firstStart: null,
  lastEnd: null,
  workZoneMs: new Map(),
  breakZoneMs: new Map(),
});

const zeroTotals = (): TimeTotals => ({
  workedSeconds: 0,
  regularSeconds: 0,
  overtimeSeconds: 0,
  doubleTimeSeconds: 0,
  breakSeconds: 0,
  manualSeconds: 0,
  claimedIdleSeconds: 0,
  unconfirmedIdleSeconds: 0,
});

/** The zone with the most time (the first listed wins a tie), or null for none. */
function dominantZone(zoneMs: Map<string, number>): string | null {
  let best: string | null = null;
  let bestMs = -1;
  for (const [zone, ms] of zoneMs) {
    if (ms > bestMs) [best, bestMs] = [zone, ms];
  }
  return best;
}

/**
 * Builds the timesheet for local dates `options.from`..`options.to` (inclusive; none when from > to).
 *
 * - `breakSeconds` is all recorded break time on the date (in the break's zone), inside work or not;
 *   `workedSeconds` never includes break time.
 * - `manualSeconds` is the unrounded worked time covered only by manual intervals (a recorded interval
 *   over the same time wins). Rounding touches `workedSeconds` and its split only.
 * - `firstStart`/`lastEnd` bound the (unrounded) worked time on the date.
 * - A day's `timeZone` is the zone most of its work was done in, else most of its breaks, else that of the
 *   nearest earlier day with one, else the nearest later one, else `fallbackTimeZone`.
 * - Instants are truncated to whole seconds; intervals whose end is not after their start are ignored.
 * Throws a RangeError for an unknown zone, a malformed date or a non-finite instant.
 */
export function computeTimesheet(work: readonly TimeInterval[], breaks: readonly TimeInterval[], options: TimesheetOptions): Timesheet {
  assertTimeZone(options.fallbackTimeZone);
  return timesheetOf(
    workedTime(
      work.map((w) => ({ ...w, deviceId: null })),
      breaks,
      [],
      options.fallbackTimeZone,
    ),
    options,
  );
}

/**
 * The timesheet of worked time as `workedTime` labelled it; `claimedIdleSeconds` and
 * `unconfirmedIdleSeconds` are the worked time the device saw as idle, claimed as work or not answered yet.
 */
export function timesheetOf(time: WorkedTime, options: TimesheetOptions): Timesheet {
  const { from, to, rules, weekStart, rounding, fallbackTimeZone } = options;
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!isIsoDate(value)) throw new RangeError(`options.${name}: expected YYYY-MM-DD, got "${value}"`);
  }
  assertTimeZone(fallbackTimeZone);
  if (from > to) return { days: [], totals: zeroTotals(), warnings: [] };

  // 1. Worked time = union of work − union of breaks, kept to a window that holds every local day of the
  //    workweeks around the range in any zone (UTC offsets are within ±14 h) plus two days of context for
  //    the rest check, so a week's sheet over a year of intervals does not split the whole year into days.
  const extFrom = workweekStart(from, weekStart);
  const extTo = addDays(workweekStart(to, weekStart), 6);
  const windowStart = localDayBounds(addDays(extFrom, -3), 'UTC').startMs;
  const windowEnd = localDayBounds(addDays(extTo, 3), 'UTC').startMs;
  const breakUnion = clipSegments(time.breaks, windowStart, windowEnd);
  const worked = clipSegments(time.worked, windowStart, windowEnd);

  // 2. Sum per local date over the whole workweeks around the range.
  const dates = datesBetween(extFrom, extTo);
  const acc = new Map<IsoDate, DayAccumulator>(dates.map((d) => [d, emptyAccumulator()]));
  const inExtendedRange = (p: DayPiece): boolean => p.date >= extFrom && p.date <= extTo;

  for (const piece of splitByLocalDay(worked).filter(inExtendedRange)) {
    const day = acc.get(piece.date)!;
    const ms = piece.endMs - piece.startMs;
    day.workedMs += ms;
    if (piece.manual) day.manualMs += ms;
    if (piece.idle === 'claimed') day.claimedIdleMs += ms;
    if (piece.idle === 'unconfirmed') day.unconfirmedIdleMs += ms;
    day.firstStart = day.firstStart === null ? piece.startMs : Math.min(day.firstStart, piece.startMs);
    day.lastEnd = day.lastEnd === null ? piece.endMs : Math.max(day.lastEnd, piece.endMs);
    day.workZoneMs.set(piece.zone, (day.workZoneMs.get(piece.zone) ?? 0) + ms);
  }
  for (const piece of splitByLocalDay(breakUnion).filter(inExtendedRange)) {
    const day = acc.get(piece.date)!;
    day.breakMs += piece.endMs - piece.startMs;
    day.breakZoneMs.set(piece.zone, (day.breakZoneMs.get(piece.zone) ?? 0) + piece.endMs - piece.startMs);
  }

  // 3. Round each day once, then split each workweek's rounded totals into pay categories.
  const accs = dates.map((d) => acc.get(d)!);
  const rounded = accs.map((a) => roundWorkedSeconds(a.workedMs / 1000, rounding));
  const splits: PaySplit[] = [];
  for (let i = 0; i < dates.length; i += 7) splits.push(...splitWorkweek(rounded.slice(i, i + 7), rules));
  const zones = dayZones(accs, fallbackTimeZone);

  const days: TimesheetDay[] = [];
  const totals = zeroTotals();
  dates.forEach((date, i) => {
    if (date < from || date > to) return;
    const a = accs[i]!;
    const day: TimesheetDay = {
      date,
      workedSeconds: rounded[i]!,
      ...splits[i]!,
      breakSeconds: a.breakMs / 1000,
      manualSeconds: a.manualMs / 1000,
      claimedIdleSeconds: a.claimedIdleMs / 1000,
      unconfirmedIdleSeconds: a.unconfirmedIdleMs / 1000,
      firstStart: a.firstStart,
      lastEnd: a.lastEnd,
      timeZone: zones[i]!,
    };
    days.push(day);
    for (const key of Object.keys(totals) as (keyof TimeTotals)[]) totals[key] += day[key];
  });

  // 4. EU checks on actual (unrounded) time.
  const weeks = [];
  for (let i = 0; i < dates.length; i += 7) {
    const workedSeconds = accs.slice(i, i + 7).reduce((sum, a) => sum + a.workedMs / 1000, 0);
    weeks.push({ startDate: dates[i]!, workedSeconds });
  }
  const warnings = [...averageWeekWarnings(weeks, from), ...dailyRestWarnings(worked, breakUnion, from, to)].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : compareText(a.kind, b.kind),
  );

  return { days, totals, warnings };
}

/** Each day's zone: its own work's, else its breaks', else carried from the nearest day that has one. */
function dayZones(accs: readonly DayAccumulator[], fallback: string): string[] {
  const own = accs.map((a) => dominantZone(a.workZoneMs) ?? dominantZone(a.breakZoneMs));
  const firstKnown = own.find((z) => z !== null) ?? fallback;
  let carried = firstKnown;
  return own.map((zone) => (carried = zone ?? carried));
}

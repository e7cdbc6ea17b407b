import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTimesheet } from './timesheet';
import { addDays, datesBetween, localDayBounds } from './local-time';
import type { Rounding, TimeInterval, Timesheet, TimesheetOptions } from './types';

// An independent oracle: plain sort-and-merge interval arithmetic on UTC milliseconds.
type Span = readonly [number, number];

function merge(spans: readonly Span[]): Span[] {
  const out: [number, number][] = [];
  for (const [s, e] of [...spans].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}
function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const [as, ae] of a) for (const [bs, be] of b) if (Math.min(ae, be) > Math.max(as, bs)) out.push([Math.max(as, bs), Math.min(ae, be)]);
  return merge(out);
}
const lengthSeconds = (spans: readonly Span[]): number => spans.reduce((sum, [s, e]) => sum + (e - s), 0) / 1000;

const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago'] as const;
// Range starts near DST changes in those zones.
const FIRST_DATES = ['2026-03-06', '2026-03-27', '2026-04-03', '2026-09-04', '2026-10-02', '2026-10-23', '2026-10-30', '2026-06-15'] as const;

const HOUR_S = 3600;
const scenario = fc
  .record({
    from: fc.constantFrom(...FIRST_DATES),
    days: fc.integer({ min: 0, max: 9 }),
    zone: fc.constantFrom(...ZONES),
    weekStart: fc.constantFrom('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun' as const),
    rules: fc.constantFrom('none', 'flsa', 'california' as const),
    // Offsets (seconds from two days before `from`) and lengths, so intervals spill over both range ends.
    work: fc.array(fc.record({ at: fc.integer({ min: 0, max: 14 * 24 * HOUR_S }), len: fc.integer({ min: 0, max: 30 * HOUR_S }), manual: fc.boolean() }), {
      maxLength: 25,
    }),
    breaks: fc.array(fc.record({ at: fc.integer({ min: 0, max: 14 * 24 * HOUR_S }), len: fc.integer({ min: 0, max: 3 * HOUR_S }) }), { maxLength: 12 }),
  })
  .map((s) => {
    const to = addDays(s.from, s.days);
    const origin = localDayBounds(addDays(s.from, -2), s.zone).startMs;
    const toInterval = (x: { at: number; len: number; manual?: boolean }, timeZone: string): TimeInterval => ({
      startMs: origin + x.at * 1000,
      endMs: origin + (x.at + x.len) * 1000,
      timeZone,
      ...(x.manual === undefined ? {} : { manual: x.manual }),
    });
    return {
      ...s,
      to,
      work: s.work.map((x) => toInterval(x, s.zone)),
      breaks: s.breaks.map((x) => toInterval(x, s.zone)),
    };
  });

const optionsOf = (
  s: { from: string; to: string; zone: string; weekStart: TimesheetOptions['weekStart']; rules: TimesheetOptions['rules'] },
  rounding: Rounding = { minutes: 0, mode: 'nearest' },
): TimesheetOptions => ({
  fallbackTimeZone: s.zone,
  rules: s.rules,
  weekStart: s.weekStart,
  rounding,
  from: s.from,
  to: s.to,
});

function expectPayAddsUp(sheet: Timesheet): void {
  for (const d of [...sheet.days, sheet.totals]) {
    expect(d.regularSeconds + d.overtimeSeconds + d.doubleTimeSeconds).toBe(d.workedSeconds);
    for (const v of [d.regularSeconds, d.overtimeSeconds, d.doubleTimeSeconds, d.breakSeconds, d.manualSeconds]) expect(v).toBeGreaterThanOrEqual(0);
  }
  const sum = (k: 'workedSeconds' | 'regularSeconds' | 'overtimeSeconds' | 'doubleTimeSeconds' | 'breakSeconds' | 'manualSeconds') =>
    sheet.days.reduce((acc, d) => acc + d[k], 0);
  expect(sum('workedSeconds')).toBe(sheet.totals.workedSeconds);
  expect(sum('regularSeconds')).toBe(sheet.totals.regularSeconds);
  expect(sum('overtimeSeconds')).toBe(sheet.totals.overtimeSeconds);
  expect(sum('doubleTimeSeconds')).toBe(sheet.totals.doubleTimeSeconds);
  expect(sum('breakSeconds')).toBe(sheet.totals.breakSeconds);
  expect(sum('manualSeconds')).toBe(sheet.totals.manualSeconds);
}

describe('timesheet properties (fast-check)', () => {
  it('worked = union of work − breaks, clipped to the range; pay categories add up', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const sheet = computeTimesheet(s.work, s.breaks, optionsOf(s));
        const lo = localDayBounds(s.from, s.zone).startMs;
        const hi = localDayBounds(s.to, s.zone).endMs;
        const range: Span[] = [[lo, hi]];
        const work = merge(s.work.map((i) => [i.startMs, i.endMs] as const));
        const breaks = merge(s.breaks.map((i) => [i.startMs, i.endMs] as const));
        const expectedWorked = lengthSeconds(intersect(work, range)) - lengthSeconds(intersect(intersect(work, breaks), range));

        expect(sheet.days.map((d) => d.date)).toEqual(datesBetween(s.from, s.to));
        expect(sheet.totals.workedSeconds).toBe(expectedWorked);
        expect(sheet.totals.breakSeconds).toBe(lengthSeconds(intersect(breaks, range)));
        expectPayAddsUp(sheet);
        for (const d of sheet.days) {
          expect(d.manualSeconds).toBeLessThanOrEqual(d.workedSeconds);
          const { startMs, endMs } = localDayBounds(d.date, s.zone);
          expect(d.workedSeconds).toBeLessThanOrEqual((endMs - startMs) / 1000);
          if (d.workedSeconds === 0) expect([d.firstStart, d.lastEnd]).toEqual([null, null]);
          else {
            expect(d.firstStart!).toBeGreaterThanOrEqual(startMs);
            expect(d.lastEnd!).toBeLessThanOrEqual(endMs);
            expect(d.lastEnd! - d.firstStart!).toBeGreaterThanOrEqual(d.workedSeconds * 1000);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of intervals, nor on where an interval is cut', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), fc.nat(), (s, seed, cutAt) => {
        const base = computeTimesheet(s.work, s.breaks, optionsOf(s));
        // A seed-driven reordering (7919 and 104729 are primes, so the keys never tie).
        const shuffled = [...s.work]
          .map((w, i) => ({ w, k: (i * 7919 + seed) % 104729 }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.w);
        expect(computeTimesheet(shuffled, [...s.breaks].reverse(), optionsOf(s))).toEqual(base);
        const first = s.work[0];
        if (first && first.endMs - first.startMs >= 2000) {
          const mid = first.startMs + 1000 * (1 + (cutAt % ((first.endMs - first.startMs) / 1000 - 1)));
          const cut = [{ ...first, endMs: mid }, { ...first, startMs: mid }, ...s.work.slice(1)];
          expect(computeTimesheet(cut, s.breaks, optionsOf(s))).toEqual(base);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('rounding moves each day by less than one unit in its direction, and pay still adds up', () => {
    const rounding = fc.record({ minutes: fc.constantFrom(6, 15 as const), mode: fc.constantFrom('nearest', 'up', 'down' as const) });
    // Intervals in several zones at once exercise per-zone midnights.
    const zoneOf = (i: number): string => ZONES[i % ZONES.length]!;
    fc.assert(
      fc.property(scenario, rounding, (s, r) => {
        const work = s.work.map((w, i) => ({ ...w, timeZone: zoneOf(i) }));
        const raw = computeTimesheet(work, s.breaks, optionsOf(s));
        const rounded = computeTimesheet(work, s.breaks, optionsOf(s, r));
        expectPayAddsUp(raw);
        expectPayAddsUp(rounded);
        const unit = r.minutes * 60;
        rounded.days.forEach((d, i) => {
          const before = raw.days[i]!.workedSeconds;
          expect(d.workedSeconds % unit).toBe(0);
          const delta = d.workedSeconds - before;
          if (r.mode === 'up') expect(delta >= 0 && delta < unit).toBe(true);
          if (r.mode === 'down') expect(delta <= 0 && delta > -unit).toBe(true);
          if (r.mode === 'nearest') expect(delta > -unit / 2 && delta <= unit / 2).toBe(true); // a half rounds up
          expect(d.manualSeconds).toBe(raw.days[i]!.manualSeconds);
          expect(d.breakSeconds).toBe(raw.days[i]!.breakSeconds);
        });
      }),
      { numRuns: 200 },
    );
  });
});

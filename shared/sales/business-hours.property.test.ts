import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar, businessMsBetween, type BusinessHours } from './business-hours';

// Every boundary here (window opens and closes at :00 or :30 local, whole-hour or +05:30 offsets, DST at the
// hour) falls on a half hour, so walking half hours is exact and 30 times faster than minutes.
const STEP = 30 * 60_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');
// Spans start from one of these, so they cover the US spring-forward (Mar 8), the EU one (Mar 29) and both fall-backs (Oct 25, Nov 1).
const BASES = ['2026-03-01', '2026-03-15', '2026-10-20'].map((d) => Date.parse(`${d}T00:00:00Z`));

/** The definition, walked half hour by half hour: a step counts when its local wall-clock start is inside the hours (24:00 = 1440). */
function oracle(fromMs: number, toMs: number, h: Required<Pick<BusinessHours, 'days' | 'holidays'>> & BusinessHours): number {
  const [sh, sm] = h.start.split(':').map(Number) as [number, number];
  const [eh, em] = h.end.split(':').map(Number) as [number, number];
  let total = 0;
  for (let t = fromMs; t < toMs; t += STEP) {
    const local = DateTime.fromMillis(t, { zone: h.zone });
    const minute = local.hour * 60 + local.minute;
    if (h.days.includes(local.weekday) && !h.holidays.includes(local.toISODate()!) && minute >= sh * 60 + sm && minute < eh * 60 + em) total += STEP;
  }
  return total;
}

const hoursArb = fc
  .record({
    zone: fc.constantFrom('America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'UTC'),
    start: fc.integer({ min: 0, max: 22 }),
    length: fc.integer({ min: 1, max: 12 }),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    base: fc.constantFrom(...BASES),
    holidays: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 3 }),
  })
  .map((h) => {
    const end = Math.min(24, h.start + h.length);
    return {
      base: h.base,
      zone: h.zone,
      start: `${String(h.start).padStart(2, '0')}:00`,
      end: end === 24 ? '24:00' : `${String(end).padStart(2, '0')}:30`,
      days: h.days,
      holidays: h.holidays.map((d) => DateTime.fromMillis(h.base + d * 86_400_000, { zone: 'UTC' }).toISODate()!),
    };
  });

describe('business calendar', () => {
  it('gives the business time between any two instants in its span, as the step-by-step definition does', () => {
    fc.assert(
      fc.property(
        hoursArb,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 * 48 }), fc.integer({ min: 0, max: 3 * 48 })), { minLength: 1, maxLength: 5 }),
        (hours, pairs) => {
          const spans = pairs.map(([from, length]) => [hours.base + from * STEP, hours.base + (from + length) * STEP] as const);
          const calendar = new BusinessCalendar(hours, Math.min(...spans.map((s) => s[0])), Math.max(...spans.map((s) => s[1])));
          for (const [from, to] of spans) {
            const expected = oracle(from, to, hours);
            expect(calendar.msBetween(from, to)).toBe(expected);
            expect(businessMsBetween(from, to, hours)).toBe(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('closes hours that end in a spring-forward gap when the clock jumps past their end', () => {
    // New York, Sunday 2026-03-08: 02:00 EST jumps to 03:00 EDT, so 01:00–02:30 is open from 06:00Z to the jump at 07:00Z.
    const hours = { zone: 'America/New_York', start: '01:00', end: '02:30', days: [7] };
    const from = Date.parse('2026-03-08T00:00:00Z');
    const to = Date.parse('2026-03-09T00:00:00Z');
    expect(businessMsBetween(from, to, hours)).toBe(3_600_000);
    // Opening inside the gap opens at the jump: 02:30–04:00 is 03:00–04:00 EDT.
    expect(businessMsBetween(from, to, { ...hours, start: '02:30', end: '04:00' })).toBe(3_600_000);
  });

  it('counts a repeated fall-back hour twice when the hours cover it', () => {
    // New York, Sunday 2026-11-01: 01:00–02:00 happens in EDT and again in EST.
    const hours = { zone: 'America/New_York', start: '00:30', end: '01:30', days: [7] };
    const from = Date.parse('2026-11-01T00:00:00Z');
    const to = Date.parse('2026-11-02T00:00:00Z');
    expect(businessMsBetween(from, to, hours)).toBe(90 * 60_000);
    expect(businessMsBetween(from, to, { ...hours, start: '09:00', end: '17:00' })).toBe(8 * 3_600_000);
  });

  it('refuses instants outside its span', () => {
    const calendar = new BusinessCalendar({ zone: 'UTC', start: '09:00', end: '17:00' }, T0, T0 + 86_400_000);
    expect(() => calendar.msBetween(T0 - 1, T0 + 1)).toThrow(RangeError);
  });
});

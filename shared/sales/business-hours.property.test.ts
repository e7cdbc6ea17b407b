import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar, businessMsBetween, type BusinessHours } from './business-hours';

// Every boundary here (window opens and closes at :00 or :30 local, whole-hour or +05:30 offsets, DST at the
// hour) falls on a half hour, so walking half hours is exact and 30 times faster than minutes.
const STEP = 30 * 60_000;
const T0 = Date.parse('2026-03-01T00:00:00Z'); // the US and EU spring-forward weeks follow

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
    holidays: fc.array(
      fc.integer({ min: 0, max: 30 }).map((d) => DateTime.fromMillis(T0 + d * 86_400_000, { zone: 'UTC' }).toISODate()!),
      { maxLength: 3 },
    ),
  })
  .map((h) => {
    const end = Math.min(24, h.start + h.length);
    return {
      zone: h.zone,
      start: `${String(h.start).padStart(2, '0')}:00`,
      end: end === 24 ? '24:00' : `${String(end).padStart(2, '0')}:30`,
      days: h.days,
      holidays: h.holidays,
    };
  });

describe('business calendar', () => {
  it('gives the business time between any two instants in its span, as the step-by-step definition does', () => {
    fc.assert(
      fc.property(
        hoursArb,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 * 48 }), fc.integer({ min: 0, max: 3 * 48 })), { minLength: 1, maxLength: 5 }),
        (hours, pairs) => {
          const spans = pairs.map(([from, length]) => [T0 + from * STEP, T0 + (from + length) * STEP] as const);
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

  it('refuses instants outside its span', () => {
    const calendar = new BusinessCalendar({ zone: 'UTC', start: '09:00', end: '17:00' }, T0, T0 + 86_400_000);
    expect(() => calendar.msBetween(T0 - 1, T0 + 1)).toThrow(RangeError);
  });
});

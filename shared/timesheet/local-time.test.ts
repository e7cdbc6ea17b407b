import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, datesBetween, isIsoDate, localDate, localDayBounds, workweekStart } from './local-time';

// Instants are written with explicit UTC offsets worked out by hand from each zone's published rules.
const t = (iso: string): number => Date.parse(iso);
const HOUR = 3_600_000;

describe('localDayBounds: real length of local days', () => {
  it.each([
    // zone, date, first instant, hours in the day
    ['UTC', '2026-03-08', '2026-03-08T00:00:00Z', 24],
    ['America/New_York', '2026-03-07', '2026-03-07T00:00:00-05:00', 24],
    ['America/New_York', '2026-03-08', '2026-03-08T00:00:00-05:00', 23], // 02:00 EST → 03:00 EDT
    ['America/New_York', '2026-11-01', '2026-11-01T00:00:00-04:00', 25], // 02:00 EDT → 01:00 EST
    ['Europe/Berlin', '2026-03-29', '2026-03-29T00:00:00+01:00', 23], // 02:00 CET → 03:00 CEST
    ['Europe/Berlin', '2026-10-25', '2026-10-25T00:00:00+02:00', 25], // 03:00 CEST → 02:00 CET
    ['Australia/Lord_Howe', '2026-10-04', '2026-10-04T00:00:00+10:30', 23.5], // 02:00 → 02:30
    ['Australia/Lord_Howe', '2026-04-05', '2026-04-05T00:00:00+11:00', 24.5], // 02:00 → 01:30
    // Chile skips local midnight: the day starts at its first real instant, 01:00 -03.
    ['America/Santiago', '2026-09-06', '2026-09-06T01:00:00-03:00', 23],
    ['Asia/Kolkata', '2026-03-08', '2026-03-07T18:30:00Z', 24],
    // Cuba falls back from 01:00 to 00:00: midnight comes twice, and the day starts at the first.
    ['America/Havana', '2026-11-01', '2026-11-01T00:00:00-04:00', 25],
    // Lebanon falls back from 00:00 to 23:00: the repeated hour is the day before's.
    ['Asia/Beirut', '2026-10-25', '2026-10-25T00:00:00+02:00', 24],
    ['Asia/Beirut', '2026-10-24', '2026-10-24T00:00:00+03:00', 25],
  ] as const)('%s %s starts at %s and lasts %d h', (zone, date, start, hours) => {
    const { startMs, endMs } = localDayBounds(date, zone);
    expect(startMs).toBe(t(start));
    expect((endMs - startMs) / HOUR).toBe(hours);
  });

  it('chains: a day ends where the next begins', () => {
    expect(localDayBounds('2026-11-01', 'America/New_York').endMs).toBe(localDayBounds('2026-11-02', 'America/New_York').startMs);
  });

  it('starts each day at its first instant, in zones whose jumps fall at or near midnight', () => {
    const zones = ['America/Santiago', 'America/Havana', 'Asia/Beirut', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'America/New_York', 'Asia/Tehran'];
    const days = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.constantFrom(...zones), days, (zone, date) => {
        const { startMs, endMs } = localDayBounds(date, zone);
        expect(localDate(startMs, zone)).toBe(date);
        expect(localDate(startMs - 1, zone)).toBe(addDays(date, -1));
        expect(localDate(endMs - 1, zone)).toBe(date);
        expect(localDate(endMs, zone)).toBe(addDays(date, 1));
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects bad dates and zones', () => {
    expect(() => localDayBounds('2026-02-30', 'UTC')).toThrow(RangeError);
    expect(() => localDayBounds('2026-3-8', 'UTC')).toThrow(RangeError);
    expect(() => localDayBounds('2026-03-08', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('localDayBounds agrees with Luxon', () => {
  // Not Havana: where midnight comes twice, Luxon picks by the offset in force today (the season the test runs in).
  it.each(['America/Santiago', 'Asia/Beirut', 'Australia/Lord_Howe', 'Pacific/Apia', 'America/St_Johns'])(
    'starts every day of 2024–2026 where DateTime.fromISO does in %s (midnight DST changes, odd offsets)',
    (zone) => {
      for (const date of datesBetween('2024-01-01', '2026-12-31')) {
        expect(localDayBounds(date, zone).startMs, date).toBe(DateTime.fromISO(date, { zone }).toMillis());
      }
    },
  );
});

describe('localDate', () => {
  it.each([
    ['2026-03-08T04:59:59Z', 'America/New_York', '2026-03-07'],
    ['2026-03-08T05:00:00Z', 'America/New_York', '2026-03-08'],
    ['2026-11-02T04:59:59Z', 'America/New_York', '2026-11-01'], // last second of the 25 h day
    ['2026-11-02T05:00:00Z', 'America/New_York', '2026-11-02'],
    ['2026-10-03T13:29:59Z', 'Australia/Lord_Howe', '2026-10-03'],
    ['2026-10-03T13:30:00Z', 'Australia/Lord_Howe', '2026-10-04'],
    ['2026-03-07T18:30:00Z', 'Asia/Kolkata', '2026-03-08'],
  ] as const)('%s in %s is %s', (iso, zone, date) => {
    expect(localDate(t(iso), zone)).toBe(date);
  });
});

describe('date helpers', () => {
  it('isIsoDate accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-12-31')).toBe(true);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-00-10')).toBe(false);
    expect(isIsoDate('2026-01-00')).toBe(false);
  });

  it('addDays and datesBetween walk the calendar', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(datesBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(datesBetween('2026-03-02', '2026-03-01')).toEqual([]);
  });

  it('addDays and workweekStart agree with the calendar across leap years and century rules', () => {
    // The plain UTC arithmetic checked against Luxon's calendar for every day of 1999–2001 and 2099–2101.
    for (const first of ['1999-01-01', '2099-01-01']) {
      for (let d = DateTime.fromISO(first, { zone: 'utc' }), i = 0; i < 3 * 366; d = d.plus({ days: 1 }), i += 1) {
        const date = d.toISODate()!;
        for (const days of [-400, -7, -1, 1, 30, 366]) expect(addDays(date, days)).toBe(d.plus({ days }).toISODate());
        expect(workweekStart(date, 'mon')).toBe(d.minus({ days: d.weekday - 1 }).toISODate());
        expect(workweekStart(date, 'sun')).toBe(d.minus({ days: d.weekday % 7 }).toISODate());
      }
    }
  });

  // 2026-03-04 is a Wednesday.
  it.each([
    ['mon', '2026-03-02'],
    ['tue', '2026-03-03'],
    ['wed', '2026-03-04'],
    ['thu', '2026-02-26'],
    ['fri', '2026-02-27'],
    ['sat', '2026-02-28'],
    ['sun', '2026-03-01'],
  ] as const)('workweekStart(2026-03-04, %s) = %s', (weekStart, expected) => {
    expect(workweekStart('2026-03-04', weekStart)).toBe(expected);
  });
});

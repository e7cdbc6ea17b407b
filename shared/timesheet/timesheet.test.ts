import { describe, expect, it } from 'vitest';
import { computeTimesheet } from './timesheet';
import { addDays } from './local-time';
import type { Timesheet, TimeInterval, TimesheetOptions } from './types';

// Expected figures are worked out by hand from the rules; instants carry explicit UTC offsets.
const t = (iso: string): number => Date.parse(iso);
const H = 3600;
const iv = (start: string, end: string, timeZone = 'UTC', manual?: boolean): TimeInterval => ({
  startMs: t(start),
  endMs: t(end),
  timeZone,
  ...(manual === undefined ? {} : { manual }),
});
const options = (over: Partial<TimesheetOptions> & Pick<TimesheetOptions, 'from' | 'to'>): TimesheetOptions => ({
  fallbackTimeZone: 'UTC',
  rules: 'none',
  weekStart: 'mon',
  rounding: { minutes: 0, mode: 'nearest' },
  ...over,
});
/** Worked hours per date, only for dates with work. */
const workedHours = (sheet: Timesheet): Record<string, number> =>
  Object.fromEntries(sheet.days.filter((d) => d.workedSeconds > 0).map((d) => [d.date, d.workedSeconds / H]));
const pay = (sheet: Timesheet): [number, number, number] => [
  sheet.totals.regularSeconds / H,
  sheet.totals.overtimeSeconds / H,
  sheet.totals.doubleTimeSeconds / H,
];

describe('DST days count real elapsed time', () => {
  it.each<[string, string, string, string, Record<string, number>]>([
    // America/New_York: 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.
    ['America/New_York', 'whole spring-forward day', '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00', { '2026-03-08': 23 }],
    ['America/New_York', '01:00 EST → 05:00 EDT', '2026-03-08T01:00:00-05:00', '2026-03-08T05:00:00-04:00', { '2026-03-08': 3 }],
    ['America/New_York', 'whole fall-back day', '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00', { '2026-11-01': 25 }],
    ['America/New_York', '00:30 EDT → 03:30 EST', '2026-11-01T00:30:00-04:00', '2026-11-01T03:30:00-05:00', { '2026-11-01': 4 }],
    ['America/New_York', 'overnight into spring-forward', '2026-03-07T22:00:00-05:00', '2026-03-08T04:00:00-04:00', { '2026-03-07': 2, '2026-03-08': 3 }],
    ['America/New_York', 'overnight into fall-back', '2026-10-31T22:00:00-04:00', '2026-11-01T04:00:00-05:00', { '2026-10-31': 2, '2026-11-01': 5 }],
    // Europe/Berlin: 2026-03-29 02:00 CET → 03:00 CEST; 2026-10-25 03:00 CEST → 02:00 CET.
    ['Europe/Berlin', 'whole spring-forward day', '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', { '2026-03-29': 23 }],
    ['Europe/Berlin', '01:00 CET → 04:00 CEST', '2026-03-29T01:00:00+01:00', '2026-03-29T04:00:00+02:00', { '2026-03-29': 2 }],
    ['Europe/Berlin', 'whole fall-back day', '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', { '2026-10-25': 25 }],
    ['Europe/Berlin', '01:00 CEST → 04:00 CET', '2026-10-25T01:00:00+02:00', '2026-10-25T04:00:00+01:00', { '2026-10-25': 4 }],
    // Australia/Lord_Howe shifts by 30 minutes: 2026-10-04 02:00 → 02:30 (+10:30 → +11); 2026-04-05 02:00 → 01:30.
    ['Australia/Lord_Howe', 'whole spring-forward day', '2026-10-04T00:00:00+10:30', '2026-10-05T00:00:00+11:00', { '2026-10-04': 23.5 }],
    ['Australia/Lord_Howe', '01:00 → 03:00 over the change', '2026-10-04T01:00:00+10:30', '2026-10-04T03:00:00+11:00', { '2026-10-04': 1.5 }],
    ['Australia/Lord_Howe', 'whole fall-back day', '2026-04-05T00:00:00+11:00', '2026-04-06T00:00:00+10:30', { '2026-04-05': 24.5 }],
    ['Australia/Lord_Howe', '01:00 → 03:00 over the change', '2026-04-05T01:00:00+11:00', '2026-04-05T03:00:00+10:30', { '2026-04-05': 2.5 }],
    ['Australia/Lord_Howe', 'overnight into spring-forward', '2026-10-03T22:00:00+10:30', '2026-10-04T04:00:00+11:00', { '2026-10-03': 2, '2026-10-04': 3.5 }],
  ])('%s: %s', (zone, _name, start, end, expected) => {
    const dates = Object.keys(expected).sort();
    const sheet = computeTimesheet([iv(start, end, zone)], [], options({ from: dates[0]!, to: dates[dates.length - 1]! }));
    expect(workedHours(sheet)).toEqual(expected);
    expect(sheet.totals.workedSeconds / H).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
  });
});

describe('days and midnights', () => {
  it('splits a shift at midnight, and a multi-day interval into whole days', () => {
    const sheet = computeTimesheet(
      [iv('2026-03-02T22:00:00Z', '2026-03-03T02:00:00Z'), iv('2026-03-06T20:00:00Z', '2026-03-09T04:00:00Z')],
      [],
      options({ from: '2026-03-01', to: '2026-03-10' }),
    );
    expect(workedHours(sheet)).toEqual({ '2026-03-02': 2, '2026-03-03': 2, '2026-03-06': 4, '2026-03-07': 24, '2026-03-08': 24, '2026-03-09': 4 });
    expect(sheet.days).toHaveLength(10);
    const d2 = sheet.days.find((d) => d.date === '2026-03-02')!;
    expect([d2.firstStart, d2.lastEnd]).toEqual([t('2026-03-02T22:00:00Z'), t('2026-03-03T00:00:00Z')]);
  });

  it("splits at the midnight of the interval's own zone, not the fallback's", () => {
    // 23:00–01:00 in Tokyo is 14:00–16:00 UTC: one UTC day, but two Tokyo days.
    const sheet = computeTimesheet(
      [iv('2026-03-02T23:00:00+09:00', '2026-03-03T01:00:00+09:00', 'Asia/Tokyo')],
      [],
      options({ from: '2026-03-02', to: '2026-03-03', fallbackTimeZone: 'America/New_York' }),
    );
    expect(workedHours(sheet)).toEqual({ '2026-03-02': 1, '2026-03-03': 1 });
    expect(sheet.days.map((d) => d.timeZone)).toEqual(['Asia/Tokyo', 'Asia/Tokyo']);
  });

  it('uses the fallback zone for intervals without one, and takes the day zone from most of its work', () => {
    const sheet = computeTimesheet(
      [
        iv('2026-03-02T09:00:00-05:00', '2026-03-02T12:00:00-05:00', ''), // fallback New York: 3 h
        iv('2026-03-02T14:00:00-08:00', '2026-03-02T16:00:00-08:00', 'America/Los_Angeles'), // 2 h
      ],
      [],
      options({ from: '2026-03-01', to: '2026-03-03', fallbackTimeZone: 'America/New_York' }),
    );
    expect(workedHours(sheet)).toEqual({ '2026-03-02': 5 });
    expect(sheet.days.map((d) => d.timeZone)).toEqual(['America/New_York', 'America/New_York', 'America/New_York']);
  });

  it('an empty range reports every date with zeros', () => {
    const sheet = computeTimesheet([], [], options({ from: '2026-03-07', to: '2026-03-09', fallbackTimeZone: 'America/New_York' }));
    expect(sheet.days.map((d) => d.date)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    for (const day of sheet.days) {
      expect(day).toEqual({
        date: day.date,
        workedSeconds: 0,
        regularSeconds: 0,
        overtimeSeconds: 0,
        doubleTimeSeconds: 0,
        breakSeconds: 0,
        manualSeconds: 0,
        claimedIdleSeconds: 0,
        unconfirmedIdleSeconds: 0,
        firstStart: null,
        lastEnd: null,
        timeZone: 'America/New_York',
      });
    }
    expect(sheet.totals).toEqual({
      workedSeconds: 0,
      regularSeconds: 0,
      overtimeSeconds: 0,
      doubleTimeSeconds: 0,
      breakSeconds: 0,
      manualSeconds: 0,
      claimedIdleSeconds: 0,
      unconfirmedIdleSeconds: 0,
    });
    expect(sheet.warnings).toEqual([]);
  });

  it('work outside the range is not reported; from > to is an empty sheet', () => {
    const work = [iv('2026-03-02T09:00:00Z', '2026-03-02T17:00:00Z')];
    expect(computeTimesheet(work, [], options({ from: '2026-03-03', to: '2026-03-03' })).totals.workedSeconds).toBe(0);
    const reversed = computeTimesheet(work, [], options({ from: '2026-03-03', to: '2026-03-02' }));
    expect(reversed.days).toEqual([]);
    expect(reversed.totals.workedSeconds).toBe(0);
  });

  it('clips an interval that runs far past both ends of the range', () => {
    const sheet = computeTimesheet([iv('2025-01-01T00:00:00Z', '2027-01-01T00:00:00Z')], [], options({ from: '2026-03-02', to: '2026-03-03' }));
    expect(workedHours(sheet)).toEqual({ '2026-03-02': 24, '2026-03-03': 24 });
  });

  it('truncates instants to whole seconds and ignores intervals that end before they start', () => {
    const sheet = computeTimesheet(
      [{ startMs: t('2026-03-02T09:00:00.900Z'), endMs: t('2026-03-02T09:00:02.100Z'), timeZone: 'UTC' }, iv('2026-03-02T12:00:00Z', '2026-03-02T11:00:00Z')],
      [],
      options({ from: '2026-03-02', to: '2026-03-02' }),
    );
    expect(sheet.totals.workedSeconds).toBe(2);
  });

  it('rejects unknown zones, malformed dates and non-finite instants', () => {
    const o = options({ from: '2026-03-02', to: '2026-03-02' });
    expect(() => computeTimesheet([iv('2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z', 'Mars/Base')], [], o)).toThrow(RangeError);
    expect(() => computeTimesheet([], [], { ...o, fallbackTimeZone: 'nope' })).toThrow(RangeError);
    expect(() => computeTimesheet([], [], { ...o, from: '2026-02-30' })).toThrow(RangeError);
    expect(() => computeTimesheet([{ startMs: Number.NaN, endMs: 0, timeZone: 'UTC' }], [], o)).toThrow(RangeError);
  });
});

describe('overlaps and manual time', () => {
  const day = (h1: number, h2: number, manual?: boolean): TimeInterval =>
    iv(`2026-03-02T${String(h1).padStart(2, '0')}:00:00Z`, `2026-03-02T${String(h2).padStart(2, '0')}:00:00Z`, 'UTC', manual);
  it.each<[string, TimeInterval[], number, number]>([
    ['overlapping 09–12 and 11–14', [day(9, 12), day(11, 14)], 5, 0],
    ['the same interval three times', [day(9, 17), day(9, 17), day(9, 17)], 8, 0],
    ['nested', [day(9, 17), day(10, 11)], 8, 0],
    ['touching', [day(9, 12), day(12, 14)], 5, 0],
    ['disjoint', [day(9, 12), day(13, 14)], 4, 0],
    ['manual 09–13 over recorded 12–14: recorded wins the overlap', [day(9, 13, true), day(12, 14, false)], 5, 3],
    ['manual only', [day(9, 11, true), day(10, 12, true)], 3, 3],
  ])('%s', (_name, work, worked, manual) => {
    const sheet = computeTimesheet(work, [], options({ from: '2026-03-02', to: '2026-03-02' }));
    expect(sheet.totals.workedSeconds / H).toBe(worked);
    expect(sheet.totals.manualSeconds / H).toBe(manual);
  });
});

describe('breaks', () => {
  const at = (hhmm: string, date = '2026-03-02'): string => `${date}T${hhmm}:00Z`;
  it.each<[string, TimeInterval[], TimeInterval[], number, number]>([
    ['lunch inside work', [iv(at('09:00'), at('17:00'))], [iv(at('12:00'), at('12:30'))], 7.5, 0.5],
    ['work already split around the break', [iv(at('09:00'), at('12:00')), iv(at('12:30'), at('17:00'))], [iv(at('12:00'), at('12:30'))], 7.5, 0.5],
    ['break outside work', [iv(at('09:00'), at('17:00'))], [iv(at('18:00'), at('18:15'))], 8, 0.25],
    ['break straddling the end of work', [iv(at('09:00'), at('17:00'))], [iv(at('16:30'), at('17:30'))], 7.5, 1],
    ['overlapping breaks count once', [iv(at('09:00'), at('17:00'))], [iv(at('12:00'), at('12:30')), iv(at('12:15'), at('12:45'))], 7.25, 0.75],
    ['a break covering all work', [iv(at('09:00'), at('17:00'))], [iv(at('08:00'), at('18:00'))], 0, 10],
  ])('%s', (_name, work, breaks, worked, brk) => {
    const sheet = computeTimesheet(work, breaks, options({ from: '2026-03-02', to: '2026-03-02' }));
    expect(sheet.totals.workedSeconds / H).toBe(worked);
    expect(sheet.totals.breakSeconds / H).toBe(brk);
  });

  it('a break across midnight is split like work', () => {
    const sheet = computeTimesheet(
      [iv('2026-03-02T22:00:00Z', '2026-03-03T02:00:00Z')],
      [iv('2026-03-02T23:30:00Z', '2026-03-03T00:30:00Z')],
      options({ from: '2026-03-02', to: '2026-03-03' }),
    );
    expect(sheet.days.map((d) => [d.workedSeconds / H, d.breakSeconds / H])).toEqual([
      [1.5, 0.5],
      [1.5, 0.5],
    ]);
    expect(sheet.days[0]!.lastEnd).toBe(t('2026-03-02T23:30:00Z'));
    expect(sheet.days[1]!.firstStart).toBe(t('2026-03-03T00:30:00Z'));
  });
});

describe('overtime through the engine', () => {
  // 2026-03-02 is a Monday.
  const nineToSix = (dates: string[], zone = 'America/New_York', offset = '-05:00'): TimeInterval[] =>
    dates.map((d) => iv(`${d}T09:00:00${offset}`, `${d}T18:00:00${offset}`, zone));
  const monToFri = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];

  it('FLSA: 5 × 9 h = 45 h → 5 h overtime on Friday', () => {
    const sheet = computeTimesheet(
      nineToSix(monToFri),
      [],
      options({ from: '2026-03-02', to: '2026-03-08', rules: 'flsa', fallbackTimeZone: 'America/New_York' }),
    );
    expect(pay(sheet)).toEqual([40, 5, 0]);
    const friday = sheet.days[4]!;
    expect([friday.regularSeconds / H, friday.overtimeSeconds / H]).toEqual([4, 5]);
  });

  it('FLSA: a Friday-only report still counts Monday–Thursday toward 40 h', () => {
    const sheet = computeTimesheet(nineToSix(monToFri), [], options({ from: '2026-03-06', to: '2026-03-06', rules: 'flsa' }));
    expect(sheet.days).toHaveLength(1);
    expect(pay(sheet)).toEqual([4, 5, 0]);
  });

  it('California: a 13 h day is 8 regular, 4 OT, 1 DT', () => {
    const sheet = computeTimesheet(
      [iv('2026-03-03T07:00:00-08:00', '2026-03-03T20:00:00-08:00', 'America/Los_Angeles')],
      [],
      options({ from: '2026-03-03', to: '2026-03-03', rules: 'california' }),
    );
    expect(pay(sheet)).toEqual([8, 4, 1]);
  });

  it('California: a 12 h shift over midnight is two workdays (4 h + 8 h), no daily overtime', () => {
    const sheet = computeTimesheet(
      [iv('2026-03-03T20:00:00-08:00', '2026-03-04T08:00:00-08:00', 'America/Los_Angeles')],
      [],
      options({ from: '2026-03-03', to: '2026-03-04', rules: 'california' }),
    );
    expect(sheet.days.map((d) => [d.regularSeconds / H, d.overtimeSeconds / H])).toEqual([
      [4, 0],
      [8, 0],
    ]);
  });

  it('California: the 25 h fall-back day is 8 regular, 4 OT, 13 DT', () => {
    const sheet = computeTimesheet(
      [iv('2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00', 'America/New_York')],
      [],
      options({ from: '2026-11-01', to: '2026-11-01', rules: 'california' }),
    );
    expect(pay(sheet)).toEqual([8, 4, 13]);
  });

  it('California: seventh consecutive day (Sunday 2026-03-08, the DST day) of 9 h → 8 OT + 1 DT', () => {
    const work = [
      ...['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'].map((d) =>
        iv(`${d}T09:00:00-08:00`, `${d}T13:00:00-08:00`, 'America/Los_Angeles'),
      ),
      iv('2026-03-08T09:00:00-07:00', '2026-03-08T18:00:00-07:00', 'America/Los_Angeles'),
    ];
    const sheet = computeTimesheet(work, [], options({ from: '2026-03-02', to: '2026-03-08', rules: 'california' }));
    expect(pay(sheet)).toEqual([24, 8, 1]);
    const sunday = sheet.days[6]!;
    expect([sunday.regularSeconds, sunday.overtimeSeconds / H, sunday.doubleTimeSeconds / H]).toEqual([0, 8, 1]);
  });

  // Sunday 2026-03-01 to Saturday 2026-03-07, 9 h every day = 63 h, in UTC.
  const everyDay = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'].map((d) =>
    iv(`${d}T09:00:00Z`, `${d}T18:00:00Z`),
  );
  it.each<[TimesheetOptions['rules'], TimesheetOptions['weekStart'], [number, number, number]]>([
    // One week Sun–Sat: 40 regular, 23 OT.
    ['flsa', 'sun', [40, 23, 0]],
    // Sun falls in the week of Mon 02-23 (9 h regular); Mon–Sat = 54 h → 40 + 14.
    ['flsa', 'mon', [49, 14, 0]],
    // Week of Wed 02-25 holds Sun–Tue (27 h), week of Wed 03-04 holds Wed–Sat (36 h): no OT.
    ['flsa', 'wed', [63, 0, 0]],
    // Week of Sat 02-28 holds Sun–Fri (54 h → 40 + 14); Saturday starts the next week (9 h).
    ['flsa', 'sat', [49, 14, 0]],
    // One week, seven days worked: Sun–Fri 1 h daily OT each (6) and Friday's 8 straight hours are past 40
    // (8 weekly OT); Saturday is the seventh day: 8 OT + 1 DT. 40 + 22 + 1 = 63.
    ['california', 'sun', [40, 22, 1]],
    // Sunday alone: 8 + 1. Mon–Sat (6 days): 6 daily OT, 48 straight → Saturday 8 weekly OT. 48 + 15 = 63.
    ['california', 'mon', [48, 15, 0]],
  ])('%s with weeks starting %s', (rules, weekStart, expected) => {
    const sheet = computeTimesheet(everyDay, [], options({ from: '2026-03-01', to: '2026-03-07', rules, weekStart }));
    expect(pay(sheet)).toEqual(expected);
  });
});

describe('rounding applies once per day, before the overtime split', () => {
  const minutes = (m: number, date = '2026-03-02'): TimeInterval => ({
    startMs: t(`${date}T09:00:00Z`),
    endMs: t(`${date}T09:00:00Z`) + m * 60_000,
    timeZone: 'UTC',
  });
  it.each<[string, TimesheetOptions['rounding'], number, number]>([
    ['15/nearest: 7 min → 0', { minutes: 15, mode: 'nearest' }, 7, 0],
    ['15/nearest: 7.5 min → 15', { minutes: 15, mode: 'nearest' }, 7.5, 15],
    ['15/nearest: 8 min → 15', { minutes: 15, mode: 'nearest' }, 8, 15],
    ['6/nearest: 2.9 min → 0', { minutes: 6, mode: 'nearest' }, 2.9, 0],
    ['6/nearest: 3 min → 6', { minutes: 6, mode: 'nearest' }, 3, 6],
    ['15/up: 1 min → 15', { minutes: 15, mode: 'up' }, 1, 15],
    ['15/down: 14 min → 0', { minutes: 15, mode: 'down' }, 14, 0],
  ])('%s', (_name, rounding, worked, expected) => {
    const sheet = computeTimesheet([minutes(worked)], [], options({ from: '2026-03-02', to: '2026-03-02', rounding }));
    expect(sheet.days[0]!.workedSeconds / 60).toBe(expected);
    expect(sheet.days[0]!.regularSeconds / 60).toBe(expected);
  });

  it('totals add rounded days: two 7-minute days are 0, not 14 → 15', () => {
    const sheet = computeTimesheet(
      [minutes(7, '2026-03-02'), minutes(7, '2026-03-03')],
      [],
      options({ from: '2026-03-02', to: '2026-03-03', rounding: { minutes: 15, mode: 'nearest' } }),
    );
    expect(sheet.totals.workedSeconds).toBe(0);
  });

  it('FLSA: 5 days of 8 h 07 min 30 s round to 8 h 15 min → 41.25 h → 1.25 h OT', () => {
    const work = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].map((d) => minutes(8 * 60 + 7.5, d));
    const sheet = computeTimesheet(work, [], options({ from: '2026-03-02', to: '2026-03-08', rules: 'flsa', rounding: { minutes: 15, mode: 'nearest' } }));
    expect(pay(sheet)).toEqual([40, 1.25, 0]);
  });

  it('California: 8 h 07 min rounds to 8 h (no OT), 8 h 08 min to 8 h 15 min (0.25 h OT)', () => {
    const rounding = { minutes: 15, mode: 'nearest' } as const;
    const a = computeTimesheet([minutes(8 * 60 + 7)], [], options({ from: '2026-03-02', to: '2026-03-02', rules: 'california', rounding }));
    const b = computeTimesheet([minutes(8 * 60 + 8)], [], options({ from: '2026-03-02', to: '2026-03-02', rules: 'california', rounding }));
    expect(pay(a)).toEqual([8, 0, 0]);
    expect(pay(b)).toEqual([8, 0.25, 0]);
  });

  it('manual and break seconds are not rounded', () => {
    const sheet = computeTimesheet(
      [{ ...minutes(7), manual: true }],
      [iv('2026-03-02T12:00:00Z', '2026-03-02T12:04:00Z')],
      options({ from: '2026-03-02', to: '2026-03-02', rounding: { minutes: 15, mode: 'nearest' } }),
    );
    expect([sheet.totals.workedSeconds, sheet.totals.manualSeconds, sheet.totals.breakSeconds]).toEqual([0, 420, 240]);
  });
});

describe('EU 48 h average week (warning only)', () => {
  const week = (monday: string, days: number, hhmmEnd: string): TimeInterval[] =>
    Array.from({ length: days }, (_, i) => addDays(monday, i)).map((d) => iv(`${d}T08:00:00Z`, `${d}T${hhmmEnd}:00Z`));

  it('exactly 48 h does not warn; 48 h 06 min does', () => {
    const exactly = computeTimesheet(week('2026-03-02', 6, '16:00'), [], options({ from: '2026-03-02', to: '2026-03-08' }));
    expect(exactly.warnings).toEqual([]);
    const over = computeTimesheet(week('2026-03-02', 6, '16:01'), [], options({ from: '2026-03-02', to: '2026-03-08' }));
    expect(over.warnings.map((w) => [w.kind, w.date])).toEqual([['eu-48h-average', '2026-03-02']]);
    expect(over.warnings[0]).toEqual({
      kind: 'eu-48h-average',
      date: '2026-03-02',
      averageSeconds: (48 * 60 + 6) * 60,
      limitSeconds: 48 * 3600,
      weeks: 1,
      firstWeek: '2026-03-02',
      lastWeek: '2026-03-02',
      referenceWeeks: 17,
    });
  });

  it('averages over a rolling 17 weeks, not the whole range', () => {
    // Week 0: 6 × 11 h = 66 h. Weeks 1–17: 5 × 9 h 24 min = 47 h.
    // Week k ≤ 16 averages (66 + 47k) / (k + 1), which is > 48 exactly when k < 18: all warn.
    // Week 17's window is weeks 1–17 (47 h): no warning, though the 18-week mean 865/18 ≈ 48.06 h would.
    const mondays = Array.from({ length: 18 }, (_, k) => addDays('2026-01-05', 7 * k));
    const work = mondays.flatMap((monday, k) => (k === 0 ? week(monday, 6, '19:00') : week(monday, 5, '17:24')));
    const sheet = computeTimesheet(work, [], options({ from: mondays[0]!, to: addDays(mondays[17]!, 6) }));
    expect(sheet.warnings.filter((w) => w.kind === 'eu-48h-average').map((w) => w.date)).toEqual(mondays.slice(0, 17));
    expect(sheet.warnings.filter((w) => w.kind === 'eu-11h-daily-rest')).toEqual([]);
  });

  it('dates a warning for a week starting before the range on the first day of the range', () => {
    const sheet = computeTimesheet(week('2026-03-02', 6, '17:00'), [], options({ from: '2026-03-04', to: '2026-03-05' }));
    expect(sheet.warnings.map((w) => w.date)).toEqual(['2026-03-04']);
  });
});

describe('EU 11 h daily rest (warning only)', () => {
  const rest = (work: TimeInterval[], breaks: TimeInterval[] = [], from = '2026-03-02', to = '2026-03-05') =>
    computeTimesheet(work, breaks, options({ from, to })).warnings.filter((w) => w.kind === 'eu-11h-daily-rest');

  it('11 h exactly is enough', () => {
    expect(rest([iv('2026-03-02T09:00:00Z', '2026-03-02T17:00:00Z'), iv('2026-03-03T04:00:00Z', '2026-03-03T12:00:00Z')])).toEqual([]);
  });

  it('10 h 59 min warns on the later day', () => {
    const warnings = rest([iv('2026-03-02T09:00:00Z', '2026-03-02T17:00:00Z'), iv('2026-03-03T03:59:00Z', '2026-03-03T12:00:00Z')]);
    expect(warnings.map((w) => w.date)).toEqual(['2026-03-03']);
    expect(warnings[0]).toMatchObject({ restSeconds: (10 * 60 + 59) * 60, minimumSeconds: 11 * 3600 });
  });

  it('a late shift ending after midnight counts to the day it began: 01:00 → 08:00 is 7 h', () => {
    const warnings = rest([iv('2026-03-02T09:00:00Z', '2026-03-03T01:00:00Z'), iv('2026-03-03T08:00:00Z', '2026-03-03T17:00:00Z')]);
    expect(warnings.map((w) => w.date)).toEqual(['2026-03-03']);
    expect(warnings[0]).toMatchObject({ restSeconds: 7 * 3600 });
  });

  it('night shifts 22:00–06:00 have 16 h of rest, with or without a recorded break after midnight', () => {
    const nights = ['2026-03-02', '2026-03-03', '2026-03-04'].map((d) => iv(`${d}T22:00:00Z`, `${addDays(d, 1)}T06:00:00Z`));
    expect(rest(nights)).toEqual([]);
    const breaks = ['2026-03-03', '2026-03-04', '2026-03-05'].map((d) => iv(`${d}T02:00:00Z`, `${d}T02:30:00Z`));
    expect(rest(nights, breaks)).toEqual([]);
  });

  it('gaps within one day are not daily rest', () => {
    expect(rest([iv('2026-03-02T09:00:00Z', '2026-03-02T12:00:00Z'), iv('2026-03-02T13:00:00Z', '2026-03-02T17:00:00Z')])).toEqual([]);
  });

  it('warns only for dates in the range, using earlier work passed as context', () => {
    const work = [iv('2026-03-02T09:00:00Z', '2026-03-02T23:00:00Z'), iv('2026-03-03T06:00:00Z', '2026-03-03T12:00:00Z')];
    expect(rest(work, [], '2026-03-02', '2026-03-02')).toEqual([]);
    expect(rest(work, [], '2026-03-03', '2026-03-03').map((w) => w.date)).toEqual(['2026-03-03']);
  });

  it('reckons dates in the zone the work was done in', () => {
    // New York: Mon 22:00 EST → Tue 06:00 EST is 8 h of rest. In UTC (03:00Z → 11:00Z) both ends fall on
    // Tuesday, so a UTC reading would miss it.
    const warnings = rest([
      iv('2026-03-02T09:00:00-05:00', '2026-03-02T22:00:00-05:00', 'America/New_York'),
      iv('2026-03-03T06:00:00-05:00', '2026-03-03T10:00:00-05:00', 'America/New_York'),
    ]);
    expect(warnings.map((w) => w.date)).toEqual(['2026-03-03']);
  });
});

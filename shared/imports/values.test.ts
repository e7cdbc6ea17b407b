import { describe, expect, it } from 'vitest';
import { mapLossReason } from './loss-reason';
import {
  parseAmount,
  parseClockDuration,
  parseFlag,
  parseFlexibleDuration,
  parseInstant,
  parseLocaleDateTime,
  parseLocaleInstant,
  parseSecondsDuration,
} from './values';

const value = <T>(p: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!p.ok) throw new Error(p.error);
  return p.value;
};
const error = (p: { ok: boolean; error?: string }): string | undefined => (p.ok ? undefined : p.error);

describe('durations', () => {
  it('hh:mm:ss, seconds, or either', () => {
    expect(value(parseClockDuration('00:04:35', 'TALK TIME'))).toBe(275_000);
    expect(value(parseClockDuration('26:00:01', 'TALK TIME'))).toBe(93_601_000);
    expect(error(parseClockDuration('4:35', 'TALK TIME'))).toBe('TALK TIME "4:35" is not a duration: expected hh:mm:ss, like 00:04:35.');
    expect(error(parseClockDuration('00:61:00', 'TALK TIME'))).toMatch(/expected hh:mm:ss/);
    expect(value(parseSecondsDuration('275', 'talk_time'))).toBe(275_000);
    expect(value(parseSecondsDuration('2.5', 'talk_time'))).toBe(2_500);
    expect(error(parseSecondsDuration('-3', 'talk_time'))).toMatch(/expected a whole number ≥ 0/);
    expect(value(parseFlexibleDuration('0:01:35', 'x'))).toBe(95_000);
    expect(value(parseFlexibleDuration('95', 'x'))).toBe(95_000);
    expect(error(parseFlexibleDuration('1m35s', 'talk'))).toBe('talk "1m35s" is not a duration: expected seconds (like 275) or h:mm:ss (like 0:04:35).');
  });
});

describe('flags', () => {
  it('reads the usual spellings, empty as null', () => {
    expect(['1', 'TRUE', 'yes', 'Y'].map((v) => value(parseFlag(v, 'f')))).toEqual([true, true, true, true]);
    expect(['0', 'false', 'No', 'n'].map((v) => value(parseFlag(v, 'f')))).toEqual([false, false, false, false]);
    expect(value(parseFlag(' ', 'f'))).toBeNull();
    expect(error(parseFlag('maybe', 'Won'))).toBe('Won "maybe" is not yes or no: expected one of true/false, yes/no, 1/0.');
  });
});

describe('instants', () => {
  const NY = 'America/New_York';
  it('takes offsets as written and reads naive times in the zone', () => {
    expect(value(parseInstant('2026-03-02T14:05:00Z', NY, 't'))).toBe(Date.parse('2026-03-02T14:05:00Z'));
    expect(value(parseInstant('2026-03-02 09:05:00+01:00', NY, 't'))).toBe(Date.parse('2026-03-02T08:05:00Z'));
    expect(value(parseInstant('2026-03-02T09:05:00.250 -0500', NY, 't'))).toBe(Date.parse('2026-03-02T14:05:00.250Z'));
    expect(value(parseInstant('2026-03-02 09:05:00', NY, 't'))).toBe(Date.parse('2026-03-02T14:05:00Z')); // EST
    expect(value(parseInstant('2026-07-02 09:05', NY, 't'))).toBe(Date.parse('2026-07-02T13:05:00Z')); // EDT
  });

  it('epoch seconds and milliseconds only when asked', () => {
    expect(value(parseInstant('1772460000', NY, 't', { epoch: true }))).toBe(Date.parse('2026-03-02T14:00:00Z'));
    expect(value(parseInstant('1772460000123', NY, 't', { epoch: true }))).toBe(1772460000123);
    expect(error(parseInstant('1772460000', NY, 'started_at'))).toMatch(/^started_at "1772460000" is not a date and time/);
  });

  it('refuses instants outside 1970–2100, written any way, as a broken cell', () => {
    const outside = (v: string) => `t "${v}" is outside the years Stint takes: expected a time from 1970 to the end of 2100.`;
    expect(error(parseInstant('0001-01-01T00:00:00Z', NY, 't'))).toBe(outside('0001-01-01T00:00:00Z'));
    expect(error(parseInstant('2101-01-01 00:00:00', 'UTC', 't'))).toBe(outside('2101-01-01 00:00:00'));
    expect(error(parseInstant('1969-12-31 19:00:00', NY, 't'))).toBeUndefined();
    expect(error(parseInstant('4133980800', NY, 't', { epoch: true }))).toBe(outside('4133980800'));
    // 1 January 1970 in Berlin, but half an hour before the epoch.
    expect(error(parseLocaleInstant('01/01/1970 12:30 AM', 'MM/dd/yyyy', 'Europe/Berlin', 't'))).toBe(outside('01/01/1970 12:30 AM'));
    expect(error(parseLocaleDateTime('31.12.2101', 'dd.MM.yyyy', 'Close'))).toBe(
      'Close "31.12.2101" is outside the years Stint takes: expected a date from 1970-01-01 to 2100-12-31.',
    );
  });

  it('refuses a local time inside a spring-forward gap, and reads a repeated hour as the later instant', () => {
    expect(error(parseInstant('2026-03-08 02:30:00', NY, 'start'))).toBe(
      'start: "2026-03-08 02:30:00" does not exist in America/New_York (the clocks jumped forward then); check the time zone given for this file.',
    );
    expect(value(parseInstant('2026-11-01 01:30:00', NY, 'start'))).toBe(Date.parse('2026-11-01T06:30:00Z'));
    expect(error(parseInstant('2026-02-30 10:00:00', NY, 'start'))).toMatch(/not a real date/);
  });
});

describe('locale dates', () => {
  it('reads each date order, with or without leading zeros and times', () => {
    expect(value(parseLocaleDateTime('3/2/2026', 'MM/dd/yyyy', 'd'))).toEqual({ date: '2026-03-02', time: null });
    expect(value(parseLocaleDateTime('03/02/2026', 'dd/MM/yyyy', 'd'))).toEqual({ date: '2026-02-03', time: null });
    expect(value(parseLocaleDateTime('2026-03-02', 'yyyy-MM-dd', 'd')).date).toBe('2026-03-02');
    expect(value(parseLocaleDateTime('02.03.2026 14:05', 'dd.MM.yyyy', 'd'))).toEqual({ date: '2026-03-02', time: { hour: 14, minute: 5, second: 0 } });
    expect(value(parseLocaleDateTime('3/2/2026 12:05 AM', 'MM/dd/yyyy', 'd')).time).toEqual({ hour: 0, minute: 5, second: 0 });
    expect(value(parseLocaleDateTime('3/2/2026 12:05 p.m.', 'MM/dd/yyyy', 'd')).time).toEqual({ hour: 12, minute: 5, second: 0 });
    expect(value(parseLocaleDateTime('3/2/2026, 9:05:30 PM', 'MM/dd/yyyy', 'd')).time).toEqual({ hour: 21, minute: 5, second: 30 });
    expect(value(parseLocaleDateTime('2026-03-02T09:05:00', 'yyyy-MM-dd', 'd')).time).toEqual({ hour: 9, minute: 5, second: 0 });
  });

  it('says what was expected', () => {
    expect(error(parseLocaleDateTime('2026-03-02', 'MM/dd/yyyy', 'Close Date'))).toBe(
      'Close Date "2026-03-02" is not a date: expected a date as MM/dd/yyyy (like 03/14/2026), optionally with a time like 9:05 AM or 14:05.',
    );
    expect(error(parseLocaleDateTime('14/03/2026', 'MM/dd/yyyy', 'Close Date'))).toBe('Close Date "14/03/2026" is not a real date when read as MM/dd/yyyy.');
    expect(error(parseLocaleDateTime('3/2/2026 13:05 PM', 'MM/dd/yyyy', 'd'))).toMatch(/expected 1 to 12/);
  });

  it('an instant needs a time of day and is read in the zone', () => {
    expect(value(parseLocaleInstant('3/2/2026 9:00 AM', 'MM/dd/yyyy', 'America/Chicago', 'Created Date'))).toBe(Date.parse('2026-03-02T15:00:00Z'));
    expect(error(parseLocaleInstant('3/2/2026', 'MM/dd/yyyy', 'America/Chicago', 'Created Date'))).toMatch(/has no time of day, which is needed here/);
  });
});

describe('amounts', () => {
  it('reads grouping, currency codes and symbols in either decimal convention', () => {
    expect(value(parseAmount('125,000.00', '.', 'Amount'))).toEqual({ amount: 125000 });
    expect(value(parseAmount('USD 12,000.50', '.', 'Amount'))).toEqual({ amount: 12000.5, currency: 'USD' });
    expect(value(parseAmount('$1,234', '.', 'Amount'))).toEqual({ amount: 1234 });
    expect(value(parseAmount('1.234,50 EUR', ',', 'Amount'))).toEqual({ amount: 1234.5, currency: 'EUR' });
    expect(value(parseAmount('12 000,5 €', ',', 'Amount'))).toEqual({ amount: 12000.5 });
    expect(value(parseAmount("1'000.25", '.', 'Amount'))).toEqual({ amount: 1000.25 });
    expect(error(parseAmount('lots', '.', 'Amount'))).toBe('Amount "lots" is not an amount: expected a number like 12,000.50 (decimal separator ".").');
  });
});

describe('loss reasons', () => {
  it.each([
    ['Lost to Competitor', 'competitor'],
    ['Competition', 'competitor'],
    ['Went with another vendor', 'competitor'],
    ['No Decision / Non-Responsive', 'noDecision'],
    ['Status quo', 'noDecision'],
    ['Went dark', 'noDecision'],
    ['Project postponed', 'noDecision'],
    ['Price', 'other'],
    ['Budget', 'other'],
    ['Product fit', 'other'],
  ])('%s → %s', (raw, reason) => {
    expect(mapLossReason(raw)).toBe(reason);
  });

  it('the user mapping comes first, empty is no reason', () => {
    expect(mapLossReason('  wettbewerber ', { Wettbewerber: 'competitor' })).toBe('competitor');
    expect(mapLossReason('Price', { price: 'noDecision' })).toBe('noDecision');
    expect(mapLossReason('')).toBeUndefined();
  });
});

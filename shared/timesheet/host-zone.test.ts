import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcOffsetMinutes } from '../recording/zone-offset';
import { hostZoneName, setHostZone, zoneRules } from './host-zone';
import { isTimeZone, localClockTime, localDate, localDayBounds, localStamp } from './local-time';

// Node re-reads the zone of Date when TZ is assigned; these zones have DST gaps, overlaps and half-hour offsets.
const ZONES = ['America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo'];
const savedTz = process.env.TZ;

describe('the host zone, computed with Date instead of Intl', () => {
  beforeAll(() => {
    setHostZone(null);
  });
  afterAll(() => {
    setHostZone(null);
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  for (const zone of ZONES) {
    it(`gives the same offsets, dates, day bounds and clock times as Luxon's Intl zone (${zone})`, () => {
      process.env.TZ = zone;
      setHostZone(zone);
      expect(hostZoneName()).toBe(zone);
      expect(zoneRules(zone)).not.toBeInstanceOf(IANAZone);
      expect(zoneRules('Europe/Berlin')).toBeInstanceOf(IANAZone);
      const intl = IANAZone.create(zone);
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
          const expected = DateTime.fromMillis(ms, { zone: intl });
          expect(zoneRules(zone).offset(ms)).toBe(intl.offset(ms));
          expect(utcOffsetMinutes(ms, zone)).toBe(expected.offset);
          expect(localDate(ms, zone)).toBe(expected.toISODate());
          expect(localClockTime(ms, zone, true)).toBe(expected.toFormat('HH:mm:ss'));
          expect(localStamp(ms, zone)).toBe(expected.toFormat('yyyy-MM-dd HH:mm'));
          const date = expected.toISODate()!;
          const start = DateTime.fromISO(date, { zone: intl }).toMillis();
          expect(localDayBounds(date, zone).startMs).toBe(start);
        }),
        { numRuns: 3000 },
      );
      // A spring-forward day and a fall-back day are 23 and 25 hours long in New York.
      if (zone === 'America/New_York') {
        const length = (date: string) => localDayBounds(date, zone).endMs - localDayBounds(date, zone).startMs;
        expect(length('2026-03-08')).toBe(23 * 3_600_000);
        expect(length('2026-11-01')).toBe(25 * 3_600_000);
      }
    });
  }

  it('takes the host zone as valid without asking Intl, and still refuses a name that is no zone', () => {
    setHostZone('America/New_York');
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

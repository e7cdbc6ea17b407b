import { describe, expect, it } from 'vitest';
import { dayArg } from './date-range';

const t = (iso: string) => Date.parse(iso);

describe('dayArg', () => {
  // 04:30Z on 2026-03-09 is 00:30 EDT in New York (still the 8th at 03:30Z); "yesterday" is a calendar step.
  it.each([
    ['today', '2026-03-09T04:30:00Z', 'America/New_York', '2026-03-09'],
    ['yesterday', '2026-03-09T04:30:00Z', 'America/New_York', '2026-03-08'],
    ['today', '2026-03-09T04:30:00Z', 'UTC', '2026-03-09'],
    ['today', '2026-03-09T03:30:00Z', 'America/New_York', '2026-03-08'],
    ['yesterday', '2026-11-02T05:30:00Z', 'America/New_York', '2026-11-01'],
    ['Yesterday', '2026-01-01T10:00:00Z', 'Europe/Berlin', '2025-12-31'],
  ] as const)('%s at %s in %s → %s', (arg, now, zone, expected) => {
    expect(dayArg(arg, t(now), zone)).toBe(expected);
  });

  it('passes anything else on as written, for the API to check', () => {
    expect(dayArg('2026-02-30', 0, 'UTC')).toBe('2026-02-30');
  });
});

import { describe, expect, it } from 'vitest';
import { computeTimesheet } from '../../../shared/timesheet';
import { timesheetWarningText } from './format-warnings';

const options = { fallbackTimeZone: 'UTC', rules: 'none', weekStart: 'mon', rounding: { minutes: 0, mode: 'nearest' } } as const;
const iv = (start: string, end: string) => ({ startMs: Date.parse(start), endMs: Date.parse(end), timeZone: 'UTC' });

describe('timesheet warnings in English (the CLI)', () => {
  it('words a 48 h average from the figures the timesheet returns', () => {
    const days = ['02', '03', '04', '05', '06', '07'].map((d) => iv(`2026-03-${d}T08:00:00Z`, `2026-03-${d}T16:01:00Z`));
    const [warning] = computeTimesheet(days, [], { ...options, from: '2026-03-02', to: '2026-03-08' }).warnings;
    expect(timesheetWarningText(warning!)).toBe(
      'Average working week of 48 h 6 min over the 1 workweek(s) from 2026-03-02 to the week of 2026-03-02 exceeds the EU limit of 48 h ' +
        '(Directive 2003/88/EC art. 6, averaged over at most 17 weeks).',
    );
  });

  it('words too little daily rest', () => {
    const work = [iv('2026-03-02T09:00:00Z', '2026-03-02T22:00:00Z'), iv('2026-03-03T06:30:00Z', '2026-03-03T12:00:00Z')];
    const [warning] = computeTimesheet(work, [], { ...options, from: '2026-03-02', to: '2026-03-03' }).warnings;
    expect(timesheetWarningText(warning!)).toBe(
      'Only 8 h 30 min of rest between the end of work begun on 2026-03-02 and the start of work on 2026-03-03; ' +
        'the EU minimum daily rest is 11 consecutive hours (Directive 2003/88/EC art. 3).',
    );
  });
});

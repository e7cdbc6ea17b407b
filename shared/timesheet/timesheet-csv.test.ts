import { describe, expect, it } from 'vitest';
import { csvCell, timesheetCsv } from './timesheet-csv';
import type { TimesheetDay, TimeTotals } from './types';

const zero: TimeTotals = {
  workedSeconds: 0,
  regularSeconds: 0,
  overtimeSeconds: 0,
  doubleTimeSeconds: 0,
  breakSeconds: 0,
  manualSeconds: 0,
  claimedIdleSeconds: 0,
  unconfirmedIdleSeconds: 0,
};
const day = (date: string, worked: number, first: number | null): TimesheetDay => ({
  ...zero,
  date,
  workedSeconds: worked,
  regularSeconds: Math.min(worked, 8 * 3600),
  overtimeSeconds: Math.max(0, worked - 8 * 3600),
  firstStart: first,
  lastEnd: first === null ? null : first + worked * 1000,
  timeZone: 'America/New_York',
});

describe('timesheet CSV', () => {
  const words = {
    headers: {
      date: '日期',
      start: '开始',
      end: '结束',
      worked: '工作',
      regular: '正常',
      overtime: '加班',
      doubleTime: '双倍',
      breaks: '休息',
      manual: '手动',
    },
    total: '合计',
    time: (ms: number, zone: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(ms),
  };

  it('writes a row per day and a totals row, in the words given, hours as decimals', () => {
    const days = [day('2026-03-02', 9.5 * 3600, Date.UTC(2026, 2, 2, 14)), day('2026-03-03', 0, null)];
    const csv = timesheetCsv({ days, totals: { ...zero, workedSeconds: 9.5 * 3600, regularSeconds: 8 * 3600, overtimeSeconds: 1.5 * 3600 } }, words);
    expect(csv).toBe(
      '\uFEFF日期,开始,结束,工作,正常,加班,双倍,休息,手动\r\n' +
        '2026-03-02,09:00,18:30,9.50,8.00,1.50,0.00,0.00,0.00\r\n' +
        '2026-03-03,,,0.00,0.00,0.00,0.00,0.00,0.00\r\n' +
        '合计,,,9.50,8.00,1.50,0.00,0.00,0.00\r\n',
    );
  });

  it('quotes and defuses cells a spreadsheet would run', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-1.50')).toBe('-1.50');
    expect(csvCell('a,b')).toBe('"a,b"');
  });
});

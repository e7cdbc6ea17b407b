import { describe, expect, it } from 'vitest';
import { checkExport, cumulativeUnits, DEFAULT_EXPORT_OPTIONS, escapeFormula, renderExport, type PayLine } from './formats';
import { PAY_PROFILE_SCHEMA } from './pay';

const H = 3600;
const employee = (name: string, extra: Record<string, unknown> = {}) => ({
  email: `${name.toLowerCase().replace(/\W/g, '')}@example.com`,
  name,
  profile: PAY_PROFILE_SCHEMA.parse({ payType: 'hourly', regularRateCents: 2000, quickbooksName: name, adpFileNumber: '1', ...extra }),
});
const line = (e: PayLine['employee'], date: string, reg: number, ot = 0, dt = 0): PayLine => ({
  employee: e,
  weekStart: '2026-11-02',
  date,
  regularSeconds: reg,
  overtimeSeconds: ot,
  doubleTimeSeconds: dt,
});

describe('payroll export formats', () => {
  it('escapes every formula trigger: =, +, -, @, tab and CR', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(escapeFormula(s)).toBe(`'${s}`);
    expect(escapeFormula('Ana')).toBe('Ana');
  });

  it('rounds cumulatively: every run of rows adds up to its seconds within half a unit', () => {
    // Seven days of 8 h 10 s: rounding each to 0.01 h alone would lose 70 s over the week.
    const units = cumulativeUnits(Array(7).fill(8 * H + 10), 36);
    expect(units.reduce((a, b) => a + b, 0) * 36).toBe(Math.round((7 * (8 * H + 10)) / 36) * 36);
    expect(Math.abs(units.reduce((a, b) => a + b, 0) * 36 - 7 * (8 * H + 10))).toBeLessThanOrEqual(18);
  });

  it('splits a 25-hour DST day in one pay item into IIF rows of at most 23:59', () => {
    const e = employee('Night Owl');
    const file = renderExport('iif', [line(e, '2026-11-01', 25 * H)], DEFAULT_EXPORT_OPTIONS);
    const durations = file.text
      .split('\r\n')
      .filter((l) => l.startsWith('TIMEACT'))
      .map((l) => l.split('\t')[6]);
    expect(durations).toEqual(['23:59', '1:01']);
    expect(checkExport('iif', [line(e, '2026-11-01', 25 * H)], file.text, DEFAULT_EXPORT_OPTIONS)).toEqual([]);
  });

  it('pays exempt employees their hours as regular, without premiums', () => {
    const e = employee('Sal Exempt', { payType: 'exempt' });
    const file = renderExport('csv', [line(e, '2026-11-02', 8 * H, 2 * H, 1 * H)], DEFAULT_EXPORT_OPTIONS);
    expect(file.text.split('\r\n')[1]).toBe('Sal Exempt,salexempt@example.com,2026-11-02,2026-11-02,REG,11.00,20.00');
  });

  it('finds a file that does not add up to the approved lines, or names someone else', () => {
    const e = employee('Ana Reyes');
    const lines = [line(e, '2026-11-02', 8 * H, H), line(e, '2026-11-03', 8 * H)];
    const good = renderExport('csv', lines, DEFAULT_EXPORT_OPTIONS).text;
    expect(checkExport('csv', lines, good, DEFAULT_EXPORT_OPTIONS)).toEqual([]);
    const short = good.replace('2026-11-03,REG,8.00', '2026-11-03,REG,7.98');
    expect(checkExport('csv', lines, short, DEFAULT_EXPORT_OPTIONS)).toContainEqual({
      key: 'anareyes@example.com',
      scope: '2026-11-03',
      code: 'REG',
      expectedSeconds: 8 * H,
      fileSeconds: 8 * H - 72,
    });
    const stranger = `${good}Eve,eve@example.com,2026-11-02,2026-11-02,REG,1.00,20.00\r\n`;
    expect(checkExport('csv', lines, stranger, DEFAULT_EXPORT_OPTIONS).map((m) => m.scope)).toContain('not an approved employee of this export');
    const adp = renderExport('adp', lines, { ...DEFAULT_EXPORT_OPTIONS, adp: { coCode: 'WXY', batchId: 'B', doubleTimeCode: 'D' } }).text;
    expect(adp).toBe('Co Code,Batch ID,File #,Reg Hours,O/T Hours,Hours 3 Code,Hours 3 Amount\r\nWXY,B,1,16.00,1.00,,\r\n');
  });
});

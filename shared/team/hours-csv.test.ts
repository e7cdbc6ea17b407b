import { describe, expect, it } from 'vitest';
import { csvCell, hoursCsv } from './hours-csv';

describe('hours CSV', () => {
  it('quotes every cell and defuses formulas', () => {
    expect(csvCell('Ann "A" Archer')).toBe('"Ann ""A"" Archer"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-1')).toBe('"\'-1"');
    expect(csvCell('@sum')).toBe('"\'@sum"');
    expect(csvCell(7.5)).toBe('"7.5"');
  });
  it('has one row per rep and day, in hours', () => {
    const csv = hoursCsv({
      from: '2026-03-02',
      to: '2026-03-03',
      reps: [
        {
          email: 'ann@example.com',
          name: 'Ann',
          team: null,
          days: [
            { date: '2026-03-02', workedSeconds: 27_000, breakSeconds: 1800, manualSeconds: 0 },
            { date: '2026-03-03', workedSeconds: 0, breakSeconds: 0, manualSeconds: 0 },
          ],
        },
      ],
    });
    expect(csv.split('\r\n')).toEqual([
      '"email","name","team","date","worked_hours","break_hours","manual_hours"',
      '"ann@example.com","Ann","","2026-03-02","7.50","0.50","0.00"',
      '"ann@example.com","Ann","","2026-03-03","0.00","0.00","0.00"',
      '',
    ]);
  });
});

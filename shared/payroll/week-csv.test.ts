import { describe, expect, it } from 'vitest';
import { computeWeek, payRulesOf } from './week';
import { approvedWeekCsv } from './week-csv';
import { DEFAULT_POLICY } from '../sync/contract';

const WORDS = {
  date: 'Date',
  fields: {
    workedSeconds: 'Worked',
    regularSeconds: 'Regular',
    overtimeSeconds: 'Overtime',
    doubleTimeSeconds: 'Double time',
    breakSeconds: 'Breaks',
    manualSeconds: 'Manual',
    claimedIdleSeconds: 'Claimed idle',
    unconfirmedIdleSeconds: 'Unconfirmed idle',
  },
  total: 'Total',
  employee: 'Employee',
  approvedBy: 'Approved by',
  approvedOn: 'Approved on',
  instant: (ms: number) => new Date(ms).toISOString(),
};

describe('the approved week as CSV', () => {
  it('has a row per day, the totals, and the approval; a formula-like name stays text', () => {
    const start = Date.UTC(2026, 2, 3, 9);
    const records = {
      sessions: [
        {
          uuid: 's',
          deviceId: 'd',
          kind: 'work' as const,
          startMs: start,
          endMs: start + 9.5 * 3600_000,
          timeZone: 'UTC',
          source: 'recorded' as const,
          open: false,
          runsUntilNow: false,
        },
      ],
      corrections: [],
      idle: [],
      idleChoices: [],
    };
    const figures = computeWeek(records, '2026-03-02', payRulesOf(DEFAULT_POLICY), Date.UTC(2026, 3, 1), 'UTC');
    const state = {
      weekStart: '2026-03-02',
      status: 'approved' as const,
      locked: true,
      comment: null,
      decidedBy: 'boss@example.com',
      decidedMs: Date.UTC(2026, 2, 10, 12),
      submittedMs: 0,
    };
    const lines = approvedWeekCsv(figures, state, '=HYPERLINK("x")', WORDS).replace('\uFEFF', '').split('\r\n');
    expect(lines[0]).toBe('Date,Worked,Regular,Overtime,Double time,Breaks,Manual,Claimed idle,Unconfirmed idle');
    expect(lines[2]).toMatch(/^2026-03-03,9\.50,/);
    expect(lines[8]).toMatch(/^Total,9\.50,/);
    expect(lines.slice(10, 13)).toEqual(['Employee,"\'=HYPERLINK(""x"")"', 'Approved by,boss@example.com', 'Approved on,2026-03-10T12:00:00.000Z']);
  });
});

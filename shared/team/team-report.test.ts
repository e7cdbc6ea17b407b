/** The reports page's tables and their CSV come from one builder: the CSV's rows are the table's rows, written plainly. */
import { describe, expect, it } from 'vitest';
import { hoursTable, tableCsv, teamReportTable, type ReportFigures, type TeamReport } from './team-report';

const calls = {
  calls: 3,
  answered: 2,
  ahtSeconds: 330.4,
  avgTalkSeconds: 240,
  avgHoldSeconds: 30,
  avgWrapSeconds: 60.4,
  medianHandleSeconds: 330,
  p90HandleSeconds: 330,
  callsPerActiveHour: 1.234,
};
const figures: ReportFigures = {
  categories: [{ category: 'Sales > CRM, pipeline', seconds: 1800 }],
  apps: [{ app: '=cmd|calc', seconds: 1800 }],
  days: [{ date: '2026-03-02', activeSeconds: 2400, productiveSeconds: 1800, productivity: 0.75 }],
  calls,
};
const report: TeamReport = { from: '2026-03-02', to: '2026-03-02', reps: [{ userId: 1, email: 'ann@example.com', name: 'Ann', ...figures }], team: figures };

const lines = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

describe('team report tables', () => {
  it('writes the same rows as the table, reps then the team, defused and quoted where needed', () => {
    const table = teamReportTable(report, 'categories');
    expect(table.rows.map((r) => r.team)).toEqual([false, true]);
    expect(lines(tableCsv(table))).toEqual([
      'rep,email,category,seconds',
      'Ann,ann@example.com,"Sales > CRM, pipeline",1800',
      'Team,,"Sales > CRM, pipeline",1800',
    ]);
    expect(lines(tableCsv(teamReportTable(report, 'apps')))[1]).toBe("Ann,ann@example.com,'=cmd|calc,1800");
    expect(lines(tableCsv(teamReportTable(report, 'productivity')))[1]).toBe('Ann,ann@example.com,2026-03-02,2400,1800,0.7500');
    expect(lines(tableCsv(teamReportTable(report, 'calls')))).toEqual([
      'rep,email,calls,answered,aht_s,talk_s,hold_s,wrap_s,calls_per_hour',
      'Ann,ann@example.com,3,2,330,240,30,60,1.23',
      'Team,,3,2,330,240,30,60,1.23',
    ]);
  });

  it('sums hours per rep over the range, with the days worked', () => {
    const table = hoursTable({
      from: '2026-03-02',
      to: '2026-03-03',
      reps: [
        {
          email: 'ann@example.com',
          name: 'Ann',
          team: null,
          days: [
            { date: '2026-03-02', workedSeconds: 3600, breakSeconds: 600, manualSeconds: 0 },
            { date: '2026-03-03', workedSeconds: 0, breakSeconds: 0, manualSeconds: 0 },
          ],
        },
      ],
    });
    expect(lines(tableCsv(table))).toEqual(['rep,email,team,worked_s,break_s,manual_s,days_worked', 'Ann,ann@example.com,,3600,600,0,1']);
  });
});

import { useState } from 'react';
import { HOURS_REPORT_SCHEMA } from '../../../shared/team/hours-csv';
import { TEAMS_SCHEMA } from '../../../shared/team/team-api';
import { addDays } from '../../../shared/timesheet/local-time';
import { hoursTable, TEAM_REPORT_SCHEMA, teamReportTable, type ReportTable } from '../../../shared/team/team-report';
import { useClock, useI18n } from '../../app/AppContext';
import { presetRange, type DateRange, type RangePreset } from '../../app/date-ranges';
import { BarList } from '../../components/BarList';
import { Chart } from '../../components/Chart';
import type { ChartData } from '../../components/chart-data';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { RangePicker } from '../../components/RangePicker';
import { Stat } from '../../components/Stat';
import { ViewHeader } from '../../components/ViewHeader';
import { categoryLabel } from '../../i18n/category-names';
import { useTeam } from '../TeamContext';
import { useLoad } from '../use-load';
import { SalesTableCard } from './SalesTable';
import { ReportTableCard } from './ReportTableCard';

const PRESETS: readonly RangePreset[] = ['last7', 'thisWeek', 'thisMonth', 'last30', 'thisQuarter'];
const PERCENT_STEPS = [5, 10, 20, 25, 50];
/** How many categories and apps the team's bars show; the tables have them all. */
const TOP = 8;

/**
 * Team reports over any range, for a team and optionally one rep: hours per rep, time use by category and
 * app, the productivity trend and calls, from the synced records with the devices' shared code. Every table
 * has a CSV of exactly its rows (shared/team/team-report.ts builds both).
 */
export function ReportsView() {
  const { t, f } = useI18n();
  const clock = useClock();
  const { client } = useTeam();
  const [range, setRange] = useState<DateRange>(() => presetRange('last7', clock));
  const [team, setTeam] = useState('');
  const [rep, setRep] = useState('');
  const teams = useLoad(() => client.get('/api/teams', TEAMS_SCHEMA), [client]);
  const scope = { from: range.from, to: range.to, ...(team ? { team } : {}) };
  const hoursQuery = new URLSearchParams(scope).toString();
  const reportQuery = new URLSearchParams({ ...scope, ...(rep ? { user: rep } : {}) }).toString();
  const hours = useLoad(() => client.get(`/api/reports/hours?${hoursQuery}`, HOURS_REPORT_SCHEMA), [client, hoursQuery]);
  const report = useLoad(() => client.get(`/api/reports/team?${reportQuery}`, TEAM_REPORT_SCHEMA), [client, reportQuery]);

  const repOptions = hours.data?.reps ?? [];
  const hoursData = hours.data && { ...hours.data, reps: hours.data.reps.filter((r) => !rep || r.email === rep) };
  const hoursRows = hoursData ? hoursTable(hoursData) : null;
  const teamName = t('reports.teamTotal');
  const table = (name: ReportTable) => (report.data ? teamReportTable(report.data, name, teamName) : null);
  const file = (name: string) => `stint-${name}-${range.from}-${range.to}${team ? `-${team}` : ''}${rep ? `-${rep}` : ''}.csv`;
  const totals = report.data?.team;
  const scopeLabel = rep ? (repOptions.find((r) => r.email === rep)?.name ?? rep) : teamName;

  const days = totals?.days ?? [];
  // The trend spans the whole range: a day without activity is a gap, not a missing day.
  const byDate = new Map(days.map((d) => [d.date, d.productivity]));
  const rangeDays = report.data ? datesOf(report.data.from, report.data.to) : [];
  const trend: ChartData = {
    kind: 'line',
    labels: rangeDays.map((d) => f.date(d)),
    series: [
      {
        label: t('reports.col.productivity'),
        values: rangeDays.map((d) => {
          const p = byDate.get(d);
          return p === undefined || p === null ? null : Math.round(p * 1000) / 10;
        }),
        color: '--productive',
      },
    ],
    labelEvery: Math.max(1, Math.ceil(rangeDays.length / 8)),
  };
  const noReps = report.data !== null && report.data.reps.length === 0;

  return (
    <section className="view view-wide reports-view" aria-labelledby="reports-title">
      <ViewHeader title={t('reports.title')} subtitle={t('reports.subtitle')} />
      <div className="card report-filters">
        <RangePicker range={range} presets={PRESETS} onChange={setRange} />
        <div className="report-scope">
          <label>
            {t('teams.team')}
            <select
              value={team}
              onChange={(e) => {
                setTeam(e.target.value);
                setRep('');
              }}
            >
              <option value="">{t('reports.allTeams')}</option>
              {(teams.data?.teams ?? []).map((x) => (
                <option key={x.id} value={x.name}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('now.col.rep')}
            <select value={rep} onChange={(e) => setRep(e.target.value)}>
              <option value="">{t('reports.allReps')}</option>
              {repOptions.map((r) => (
                <option key={r.email} value={r.email}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <ErrorNote message={report.error ?? hours.error} />
      {noReps ? (
        <div className="card">
          <EmptyState title={t('reports.empty')} />
        </div>
      ) : null}
      {totals && !noReps ? (
        <dl className="stats report-stats" aria-label={t('reports.summary', { scope: scopeLabel })}>
          <Stat
            label={t('timesheet.worked')}
            value={<span data-stat="worked">{f.duration(hoursRows?.rows.reduce((s, r) => s + Number(r.cells[3] ?? 0), 0) ?? 0)}</span>}
            tone="work"
          />
          <Stat label={t('rep.active')} value={<span data-stat="active">{f.duration(days.reduce((s, d) => s + d.activeSeconds, 0))}</span>} />
          <Stat label={t('reports.col.productivity')} value={<span data-stat="productivity">{f.percent(productivityOf(days))}</span>} tone="productive" />
          <Stat
            label={t('rep.calls')}
            value={<span data-stat="calls">{f.number(totals.calls.calls)}</span>}
            note={t('calls.answeredNote', { answered: f.number(totals.calls.answered) })}
          />
          <Stat
            label={t('reports.col.aht')}
            value={<span data-stat="aht">{totals.calls.ahtSeconds === null ? '—' : f.duration(totals.calls.ahtSeconds, true)}</span>}
            note={totals.calls.callsPerActiveHour === null ? null : t('reports.perHourNote', { n: f.number(totals.calls.callsPerActiveHour, 2) })}
          />
        </dl>
      ) : null}
      {!noReps ? (
        <>
          <ReportTableCard
            id="hours"
            title={t('reports.table')}
            table={hoursRows}
            fileName={file('hours')}
            before={
              hoursRows && hoursRows.rows.length > 0 ? (
                <BarList
                  label={t('reports.chart')}
                  rows={[...hoursRows.rows]
                    .sort((a, b) => Number(b.cells[3]) - Number(a.cells[3]))
                    .map((r) => ({ key: r.key, label: String(r.cells[0]), seconds: Number(r.cells[3]) }))}
                />
              ) : null
            }
          />
          <div className="report-pair">
            <section className="card" aria-labelledby="top-categories">
              <h2 id="top-categories">{t('reports.topCategories', { scope: scopeLabel })}</h2>
              {totals && totals.categories.length > 0 ? (
                <BarList
                  label={t('reports.topCategories', { scope: scopeLabel })}
                  rows={totals.categories.slice(0, TOP).map((c) => ({ key: c.category, label: categoryLabel(c.category, t), seconds: c.seconds }))}
                />
              ) : (
                <EmptyState title={totals ? t('reports.noRows') : t('common.loading')} />
              )}
            </section>
            <section className="card" aria-labelledby="top-apps">
              <h2 id="top-apps">{t('reports.topApps', { scope: scopeLabel })}</h2>
              {totals && totals.apps.length > 0 ? (
                <BarList
                  label={t('reports.topApps', { scope: scopeLabel })}
                  rows={totals.apps.slice(0, TOP).map((a) => ({ key: a.app, label: a.app, seconds: a.seconds }))}
                />
              ) : (
                <EmptyState title={totals ? t('reports.noRows') : t('common.loading')} />
              )}
            </section>
          </div>
          <ReportTableCard
            id="productivity"
            title={t('reports.productivityTitle')}
            table={table('productivity')}
            fileName={file('productivity')}
            before={
              days.length > 0 ? (
                <Chart data={trend} label={t('reports.trend', { scope: scopeLabel })} formatValue={(v) => f.percent(v / 100)} yIncrements={PERCENT_STEPS} />
              ) : null
            }
          />
          <ReportTableCard id="calls" title={t('reports.callsTitle')} table={table('calls')} fileName={file('calls')} />
          <ReportTableCard id="categories" title={t('reports.categoriesTitle')} table={table('categories')} fileName={file('categories')} />
          <ReportTableCard id="apps" title={t('reports.appsTitle')} table={table('apps')} fileName={file('apps')} />
          {/* The sales KPIs per rep and for the team, from the team's CRM and call imports, over the same range and team. */}
          <SalesTableCard from={range.from} to={range.to} team={team} title={t('reports.salesTitle')} />
        </>
      ) : null}
    </section>
  );
}

function datesOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length <= 366; d = addDays(d, 1)) out.push(d);
  return out;
}

function productivityOf(days: readonly { activeSeconds: number; productiveSeconds: number }[]): number | null {
  const active = days.reduce((s, d) => s + d.activeSeconds, 0);
  return active > 0 ? days.reduce((s, d) => s + d.productiveSeconds, 0) / active : null;
}

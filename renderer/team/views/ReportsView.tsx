import { useState } from 'react';
import { HOURS_REPORT_SCHEMA, hoursCsv } from '../../../shared/team/hours-csv';
import { TEAMS_SCHEMA } from '../../../shared/team/team-api';
import { addDays, localDate } from '../../../shared/timesheet/local-time';
import { useI18n } from '../../app/AppContext';
import { BarList } from '../../components/BarList';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { ViewHeader } from '../../components/ViewHeader';
import { useTeam } from '../TeamContext';
import { useLoad } from '../use-load';

/** Hours per rep over a range, from the synced records with the device's shared code; a chart, a table and a CSV of every day. */
export function ReportsView() {
  const { t, f } = useI18n();
  const { client, zone } = useTeam();
  const today = localDate(Date.now(), zone);
  const [from, setFrom] = useState(addDays(today, -6));
  const [to, setTo] = useState(today);
  const [team, setTeam] = useState('');
  const teams = useLoad(() => client.get('/api/teams', TEAMS_SCHEMA), [client]);
  const query = new URLSearchParams({ from, to, ...(team ? { team } : {}) }).toString();
  const report = useLoad(() => client.get(`/api/reports/hours?${query}`, HOURS_REPORT_SCHEMA), [client, query]);
  const totals = (report.data?.reps ?? []).map((r) => ({
    key: r.email,
    name: r.name,
    email: r.email,
    team: r.team,
    worked: r.days.reduce((s, d) => s + d.workedSeconds, 0),
    breaks: r.days.reduce((s, d) => s + d.breakSeconds, 0),
    manual: r.days.reduce((s, d) => s + d.manualSeconds, 0),
    days: r.days.filter((d) => d.workedSeconds > 0).length,
  }));
  const download = () => {
    if (!report.data) return;
    const url = URL.createObjectURL(new Blob([hoursCsv(report.data)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `stint-hours-${from}-${to}${team ? `-${team}` : ''}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <section className="view" aria-labelledby="reports-title">
      <ViewHeader title={t('reports.title')} subtitle={t('reports.subtitle')}>
        <button type="button" onClick={download} disabled={!report.data || totals.length === 0}>
          {t('reports.csv')}
        </button>
      </ViewHeader>
      <div className="card form form-inline">
        <label>
          {t('range.from')}
          <input type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} />
        </label>
        <label>
          {t('range.to')}
          <input type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} />
        </label>
        <label>
          {t('teams.team')}
          <select value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value="">{t('reports.allTeams')}</option>
            {(teams.data?.teams ?? []).map((x) => (
              <option key={x.id} value={x.name}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNote message={report.error} />
      {report.data && totals.length === 0 ? (
        <div className="card">
          <EmptyState title={t('reports.empty')} />
        </div>
      ) : null}
      {totals.length > 0 ? (
        <>
          <div className="card">
            <h2>{t('reports.chart')}</h2>
            <BarList
              label={t('reports.chart')}
              rows={[...totals].sort((a, b) => b.worked - a.worked).map((r) => ({ key: r.key, label: r.name, seconds: r.worked }))}
            />
          </div>
          <div className="card">
            <div className="table-scroll">
              <table className="table" aria-label={t('reports.table')}>
                <thead>
                  <tr>
                    <th scope="col">{t('now.col.rep')}</th>
                    <th scope="col">{t('teams.team')}</th>
                    <th scope="col" className="num">
                      {t('timesheet.worked')}
                    </th>
                    <th scope="col" className="num">
                      {t('rep.breaks')}
                    </th>
                    <th scope="col" className="num">
                      {t('timesheet.manual')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.daysWorked')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {totals.map((r) => (
                    <tr key={r.key} data-rep={r.email}>
                      <th scope="row">
                        {r.name}
                        <span className="muted small rep-sub">{r.email}</span>
                      </th>
                      <td>{r.team ?? '—'}</td>
                      <td className="num">{f.duration(r.worked)}</td>
                      <td className="num">{f.duration(r.breaks)}</td>
                      <td className="num">{f.duration(r.manual)}</td>
                      <td className="num">{f.number(r.days)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      ) : null}
    </section>
  );
}

import { useState } from 'react';
import { SALES_REPORT_SCHEMA } from '../../../shared/team/imports-api';
import { SALES_COLUMNS, SALES_SHARE_COLUMNS, salesCsv, salesTableRows, type SalesColumn } from '../../../shared/team/sales-table';
import { addDays, localDate } from '../../../shared/timesheet/local-time';
import { useI18n } from '../../app/AppContext';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { ViewHeader } from '../../components/ViewHeader';
import type { Formatters } from '../../i18n/format';
import { useTeam } from '../TeamContext';
import { useLoad } from '../use-load';
import { TEAMS_SCHEMA } from '../../../shared/team/team-api';

function cell(f: Formatters, column: SalesColumn, value: number | null): string {
  if (value === null) return '—';
  if (SALES_SHARE_COLUMNS.has(column)) return f.percent(value);
  if (column === 'median_response_s') return f.duration(value, true);
  if (column === 'avg_cycle_days') return f.number(value, 1);
  return f.number(value);
}

/** The sales KPIs per rep and for the team from the team's imports: a table (shared with the CSV) and its download. */
export function SalesView() {
  const { t, f } = useI18n();
  const { client, zone } = useTeam();
  const today = localDate(Date.now(), zone);
  const [from, setFrom] = useState(addDays(today, -89));
  const [to, setTo] = useState(today);
  const [team, setTeam] = useState('');
  const teams = useLoad(() => client.get('/api/teams', TEAMS_SCHEMA), [client]);
  const query = new URLSearchParams({ from, to, ...(team ? { team } : {}) }).toString();
  const report = useLoad(() => client.get(`/api/reports/sales?${query}`, SALES_REPORT_SCHEMA), [client, query]);
  const rows = report.data ? salesTableRows(report.data, t('teamSales.team')) : [];
  const empty =
    report.data !== null && report.data.total.opportunities.closed + report.data.total.opportunities.open + report.data.total.leadResponse.leads === 0;
  const download = () => {
    if (!report.data) return;
    const url = URL.createObjectURL(new Blob([salesCsv(report.data)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `stint-sales-${from}-${to}${team ? `-${team}` : ''}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <section className="view" aria-labelledby="sales-title">
      <ViewHeader title={t('teamSales.title')} subtitle={t('teamSales.subtitle')}>
        <button type="button" onClick={download} disabled={!report.data}>
          {t('teamSales.csv')}
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
      {empty ? (
        <div className="card">
          <EmptyState title={t('teamSales.empty')} />
        </div>
      ) : null}
      {report.data ? (
        <div className="card">
          <div className="table-scroll">
            <table className="table" aria-label={t('teamSales.table')}>
              <thead>
                <tr>
                  <th scope="col">{t('now.col.rep')}</th>
                  {SALES_COLUMNS.map((c) => (
                    <th key={c} scope="col" className="num">
                      {t(`teamSales.col.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.userId ?? 'team'} data-rep={r.email || 'team'} className={r.userId === null ? 'total-row' : undefined}>
                    <th scope="row">
                      {r.name}
                      {r.email ? <span className="muted small rep-sub">{r.email}</span> : null}
                    </th>
                    {SALES_COLUMNS.map((c) => (
                      <td key={c} className="num" data-col={c} data-value={r.values[c] ?? ''} data-label={t(`teamSales.col.${c}`)}>
                        {cell(f, c, r.values[c])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}

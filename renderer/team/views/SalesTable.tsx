import { SALES_REPORT_SCHEMA } from '../../../shared/team/imports-api';
import { SALES_COLUMNS, SALES_SHARE_COLUMNS, salesCsv, salesTableRows, type SalesColumn } from '../../../shared/team/sales-table';
import { useI18n } from '../../app/AppContext';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import type { Formatters } from '../../i18n/format';
import { useTeam } from '../TeamContext';
import { useLoad } from '../use-load';

function cell(f: Formatters, column: SalesColumn, value: number | null): string {
  if (value === null) return '—';
  if (SALES_SHARE_COLUMNS.has(column)) return f.percent(value);
  if (column === 'median_response_s') return f.duration(value, true);
  if (column === 'avg_cycle_days') return f.number(value, 1);
  return f.number(value);
}

/**
 * The sales KPIs per rep and for the team over a range, from the team's imports: the table (shared with
 * the CSV) and its download. The Sales page and the Reports page both show it.
 */
export function SalesTableCard({ from, to, team, title }: { from: string; to: string; team: string; title?: string }) {
  const { t, f } = useI18n();
  const { client } = useTeam();
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
    <section className="card report-card" aria-label={title ?? t('teamSales.table')} data-table="sales">
      <div className="report-card-head">
        {title ? <h2>{title}</h2> : <span />}
        <button type="button" className="small-button" onClick={download} disabled={!report.data || empty}>
          {t('teamSales.csv')}
        </button>
      </div>
      <ErrorNote message={report.error} />
      {report.data === null && report.error === null ? <p className="muted is-loading">{t('common.loading')}</p> : null}
      {empty ? <EmptyState title={t('teamSales.empty')} /> : null}
      {report.data && !empty ? (
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
      ) : null}
    </section>
  );
}

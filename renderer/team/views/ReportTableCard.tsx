import type { ReactNode } from 'react';
import { plainCell, tableCsv, type Cell, type ColumnKind, type TableData } from '../../../shared/team/team-report';
import { useI18n, type Translate } from '../../app/AppContext';
import { EmptyState } from '../../components/EmptyState';
import { categoryLabel } from '../../i18n/category-names';
import type { MessageKey } from '../../i18n/en';

/** The page's name of each column the shared table builder writes (its CSV header). */
const COLUMN_LABELS: Record<string, MessageKey> = {
  rep: 'now.col.rep',
  email: 'users.email',
  team: 'teams.team',
  category: 'reports.col.category',
  app: 'reports.col.app',
  seconds: 'reports.col.time',
  date: 'reports.col.date',
  active_s: 'rep.active',
  productive_s: 'reports.col.productive',
  productivity: 'reports.col.productivity',
  calls: 'rep.calls',
  answered: 'calls.answered',
  aht_s: 'reports.col.aht',
  talk_s: 'reports.col.talk',
  hold_s: 'reports.col.hold',
  wrap_s: 'reports.col.wrap',
  calls_per_hour: 'reports.col.perHour',
  worked_s: 'timesheet.worked',
  break_s: 'rep.breaks',
  manual_s: 'timesheet.manual',
  days_worked: 'reports.daysWorked',
};

export function columnLabel(key: string, t: Translate): string {
  const label = COLUMN_LABELS[key];
  return label ? t(label) : key;
}

const NUMERIC: ReadonlySet<ColumnKind> = new Set(['count', 'seconds', 'ratio', 'rate']);

/** Saves text as a file from the page (the CSV is built here, from the rows on screen). */
export function downloadText(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * One table of the reports page with its CSV download: both come from the same TableData, so the file
 * holds exactly the rows on screen (the page formats the values, each cell carries its CSV value too).
 * On a narrow screen each row becomes a small list of label and value.
 */
export function ReportTableCard({
  id,
  title,
  table,
  fileName,
  before,
}: {
  id: string;
  title: string;
  table: TableData | null;
  fileName: string;
  before?: ReactNode;
}) {
  const { t, f } = useI18n();
  const show = (kind: ColumnKind, cell: Cell): string => {
    if (cell === null) return '—';
    if (typeof cell === 'string') return kind === 'category' ? categoryLabel(cell, t) : kind === 'date' ? f.date(cell) : cell || '—';
    if (kind === 'seconds') return f.duration(cell);
    if (kind === 'ratio') return f.percent(cell);
    if (kind === 'rate') return f.number(cell, 2);
    return f.number(cell);
  };
  const empty = table !== null && table.rows.length === 0;
  return (
    <section className="card report-card" aria-labelledby={`${id}-title`} data-table={id}>
      <div className="report-card-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <button type="button" className="small-button" disabled={table === null || empty} onClick={() => table && downloadText(tableCsv(table), fileName)}>
          {t('reports.csv')}
        </button>
      </div>
      {before}
      {table === null ? <p className="muted is-loading">{t('common.loading')}</p> : null}
      {empty ? <EmptyState title={t('reports.noRows')} /> : null}
      {table && !empty ? (
        <div className="table-scroll">
          <table className="table report-table" aria-label={title}>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c.key} scope="col" className={NUMERIC.has(c.kind) ? 'num' : undefined}>
                    {columnLabel(c.key, t)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.key} data-row={r.key} className={r.team ? 'team-total' : undefined}>
                  {r.cells.map((cell, i) => {
                    const c = table.columns[i]!;
                    return (
                      <td
                        key={c.key}
                        className={`col-${c.key}${NUMERIC.has(c.kind) ? ' num' : ''}`}
                        data-label={columnLabel(c.key, t)}
                        data-value={plainCell(c.kind, cell)}
                      >
                        {show(c.kind, cell)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

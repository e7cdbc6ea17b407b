import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat, type PayCode } from '../../../shared/payroll/formats';
import { PAYROLL_EXPORT_SCHEMA, PAYROLL_PREVIEW_SCHEMA, type ExportProblemRow, type PayrollExportAnswer } from '../../../shared/payroll/payroll-api';
import { TEAMS_SCHEMA } from '../../../shared/team/team-api';
import { addDays, localDate, workweekStart } from '../../../shared/timesheet/local-time';
import { useI18n } from '../../app/AppContext';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { ViewHeader } from '../../components/ViewHeader';
import type { MessageKey } from '../../i18n/en';
import { useTeam } from '../TeamContext';
import { teamHref } from '../team-routes';
import { useLoad } from '../use-load';
import '../payroll.css';
import { ChoiceSelect } from '../../components/ChoiceSelect';

/** The server's longest pay period (routes.ts): two months. */
const MAX_PERIOD_DAYS = 62;
type Option = 'coCode' | 'batchId' | 'clientId';

/**
 * Admins: approved time of a pay period as a payroll file. The server validates the period first (the
 * export's own code, nothing marked) and the page lists who cannot be paid and what to do; the file is
 * made only on a click, and without those people only when the admin ticks that choice.
 */
export function PayrollView() {
  const { t, f } = useI18n();
  const { client, zone } = useTeam();
  const lastWeek = addDays(workweekStart(localDate(Date.now(), zone), 'mon'), -7);
  const [from, setFrom] = useState(lastWeek);
  const [to, setTo] = useState(addDays(lastWeek, 6));
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [team, setTeam] = useState('');
  const [options, setOptions] = useState({ coCode: '', batchId: '', dtCode: 'D', clientId: '', companyName: '' });
  const [leaveOut, setLeaveOut] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<PayrollExportAnswer | null>(null);

  const validPeriod = from <= to && Date.parse(to) - Date.parse(from) <= MAX_PERIOD_DAYS * 86_400_000;
  const teams = useLoad(() => client.get('/api/teams', TEAMS_SCHEMA), [client]);
  const given: Partial<Record<Option, string>> = {};
  if (format === 'adp') {
    if (options.coCode.trim()) given.coCode = options.coCode.trim();
    if (options.batchId.trim()) given.batchId = options.batchId.trim();
  }
  if (format === 'paychex' && options.clientId.trim()) given.clientId = options.clientId.trim();
  const query = new URLSearchParams({ from, to, format, ...(team ? { team } : {}), ...given }).toString();
  const preview = useLoad(
    () => (validPeriod ? client.get(`/api/exports/payroll?${query}`, PAYROLL_PREVIEW_SCHEMA) : Promise.resolve(null)),
    [client, query, validPeriod],
  );
  const p = preview.data;
  const hours = (seconds: number) => t('payroll.hours', { hours: f.number(seconds / 3600, 2) });
  const totals = (x: { employees: number; totals: Record<PayCode, number> }) => ({
    employees: x.employees,
    reg: hours(x.totals.REG),
    ot: hours(x.totals.OT),
    dt: hours(x.totals.DT),
  });
  const blocked = p !== null && p.problems.length > 0;
  const names = p ? [...new Set(p.problems.map((x) => x.name))] : [];
  const canExport = p !== null && p.missingOptions.length === 0 && p.employees > 0 && (!blocked || leaveOut) && !busy;

  const change = (apply: () => void) => {
    apply();
    setLeaveOut(false);
    setDone(null);
    setError(null);
  };

  const exportFile = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        from,
        to,
        format,
        team: team || null,
        partial: blocked && leaveOut,
        ...(format === 'adp' ? { adp: { coCode: options.coCode.trim(), batchId: options.batchId.trim(), doubleTimeCode: options.dtCode.trim() || 'D' } } : {}),
        ...(format === 'paychex' ? { paychex: { clientId: options.clientId.trim() } } : {}),
        ...(format === 'iif' ? { iif: { companyName: options.companyName } } : {}),
      };
      const answer = await client.send('POST', '/api/exports/payroll', body, PAYROLL_EXPORT_SCHEMA);
      const url = URL.createObjectURL(new Blob([answer.file.text], { type: `${answer.file.contentType};charset=utf-8` }));
      const a = document.createElement('a');
      a.href = url;
      a.download = answer.file.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setDone(answer);
      setLeaveOut(false);
      preview.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      // A week may have changed since the check (a late record, a reopening): show the check as it is now.
      preview.reload();
    } finally {
      setBusy(false);
    }
  };

  const leftOut = done ? [...new Set(done.problems.map((x) => x.name))] : [];
  return (
    <section className="view payroll-view" aria-labelledby="payroll-title">
      <ViewHeader title={t('payroll.title')} subtitle={t('payroll.subtitle')} />
      <div className="card form form-inline">
        <label>
          {t('range.from')}
          <input type="date" value={from} onChange={(e) => e.target.value && change(() => setFrom(e.target.value))} />
        </label>
        <label>
          {t('range.to')}
          <input type="date" value={to} onChange={(e) => e.target.value && change(() => setTo(e.target.value))} />
        </label>
        <ChoiceSelect
          label={t('payroll.format')}
          value={format}
          options={EXPORT_FORMATS}
          text={(x) => t(`payroll.format.${x}`)}
          onChange={(x) => change(() => setFormat(x))}
        />
        <label>
          {t('teams.team')}
          <select value={team} onChange={(e) => change(() => setTeam(e.target.value))}>
            <option value="">{t('reports.allTeams')}</option>
            {(teams.data?.teams ?? []).map((x) => (
              <option key={x.id} value={x.name}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        {format === 'adp' ? (
          <>
            <OptionInput
              label={t('payroll.option.coCode')}
              value={options.coCode}
              max={3}
              onChange={(v) => change(() => setOptions({ ...options, coCode: v }))}
            />
            <OptionInput
              label={t('payroll.option.batchId')}
              value={options.batchId}
              max={20}
              onChange={(v) => change(() => setOptions({ ...options, batchId: v }))}
            />
            <OptionInput
              label={t('payroll.option.dtCode')}
              value={options.dtCode}
              max={3}
              onChange={(v) => change(() => setOptions({ ...options, dtCode: v }))}
            />
          </>
        ) : null}
        {format === 'paychex' ? (
          <OptionInput
            label={t('payroll.option.clientId')}
            value={options.clientId}
            max={8}
            onChange={(v) => change(() => setOptions({ ...options, clientId: v }))}
          />
        ) : null}
        {format === 'iif' ? (
          <OptionInput
            label={t('payroll.option.companyName')}
            value={options.companyName}
            max={200}
            onChange={(v) => change(() => setOptions({ ...options, companyName: v }))}
          />
        ) : null}
      </div>
      {!validPeriod ? <ErrorNote message={t('payroll.badPeriod')} /> : null}
      <ErrorNote message={preview.error} />

      {validPeriod && !p && !preview.error ? <p className="muted">{t('payroll.checking')}</p> : null}
      {p ? (
        <div className="card payroll-check" aria-labelledby="payroll-check-title" data-state={p.ok ? 'ready' : 'blocked'}>
          <h2 id="payroll-check-title">{t('payroll.check.title')}</h2>
          {p.missingOptions.length > 0 ? (
            <p className="error-note" role="alert">
              {t('payroll.needs', { options: p.missingOptions.map((o) => t(`payroll.option.${o as Option}`)).join(', ') })}
            </p>
          ) : null}
          {p.employees === 0 && !blocked ? <EmptyState compact title={t('payroll.check.empty')} /> : null}
          {!blocked && p.employees > 0 ? (
            <p className="ok-note" role="status">
              {t('payroll.check.ready', totals(p))}
            </p>
          ) : null}
          {blocked ? (
            <>
              <p className="payroll-blocked">{t('payroll.check.problems')}</p>
              <div className="table-scroll">
                <table className="table payroll-problems" aria-label={t('payroll.check.problems')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('payroll.col.person')}</th>
                      <th scope="col">{t('payroll.col.problem')}</th>
                      <th scope="col">{t('payroll.col.todo')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.problems.map((x) => (
                      <ProblemRow key={`${x.email}|${x.kind}|${x.weekStart ?? ''}`} problem={x} format={p.format} />
                    ))}
                  </tbody>
                </table>
              </div>
              {p.employees > 0 ? <p className="muted small">{t('payroll.check.partialTotals', { ...totals(p), all: p.employees + names.length })}</p> : null}
            </>
          ) : null}

          {p.previous.length > 0 ? (
            <div className="payroll-previous" role="note">
              <h3>{t('payroll.previous.title')}</h3>
              <ul className="plain-list">
                {p.previous.map((x) => (
                  <li key={x.id}>
                    {t('payroll.previous.row', {
                      from: f.date(x.from),
                      to: f.date(x.to),
                      format: t(`payroll.format.${EXPORT_FORMATS.find((y) => y === x.format) ?? 'csv'}`),
                      time: f.dateTime(x.createdMs, zone),
                      by: x.createdBy ?? t('payroll.previous.nobody'),
                    })}
                  </li>
                ))}
              </ul>
              <h3>{t('payroll.changes.title')}</h3>
              {p.changes.length === 0 ? (
                <p className="muted small">{t('payroll.changes.none')}</p>
              ) : (
                <div className="table-scroll">
                  <table className="table payroll-changes" aria-label={t('payroll.changes.title')}>
                    <thead>
                      <tr>
                        <th scope="col">{t('payroll.col.person')}</th>
                        <th scope="col">{t('payroll.col.date')}</th>
                        <th scope="col">{t('payroll.col.code')}</th>
                        <th scope="col" className="num">
                          {t('payroll.col.before')}
                        </th>
                        <th scope="col" className="num">
                          {t('payroll.col.now')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.changes.map((c) => (
                        <tr key={`${c.email}|${c.date}|${c.code}`}>
                          <td data-label={t('payroll.col.person')}>{c.email}</td>
                          <td className="nowrap" data-label={t('payroll.col.date')}>
                            {f.date(c.date)}
                          </td>
                          <td data-label={t('payroll.col.code')}>{t(`payroll.code.${c.code}`)}</td>
                          <td className="num" data-label={t('payroll.col.before')}>
                            {hours(c.beforeSeconds)}
                          </td>
                          <td className="num" data-label={t('payroll.col.now')}>
                            {hours(c.afterSeconds)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          ) : null}

          <div className="form payroll-actions">
            {blocked && p.employees > 0 ? (
              <label className="checkbox">
                <input type="checkbox" checked={leaveOut} onChange={(e) => setLeaveOut(e.target.checked)} />
                {t('payroll.leaveOut', { count: names.length })}
              </label>
            ) : null}
            <div className="button-row">
              <button type="button" className="primary" disabled={!canExport} onClick={() => void exportFile()}>
                {blocked ? t('payroll.exportWithout') : p.previous.length > 0 ? t('payroll.downloadAgain') : t('payroll.download')}
              </button>
            </div>
          </div>
        </div>
      ) : null}
      <ErrorNote message={error} />
      {done ? (
        <div className="card payroll-done" role="status">
          <p className="ok-note">{t('payroll.exported', { file: done.file.fileName, ...totals(done) })}</p>
          {leftOut.length > 0 ? <p className="payroll-left-out">{t('payroll.leftOut', { names: leftOut.join(', ') })}</p> : null}
        </div>
      ) : null}
    </section>
  );
}

function OptionInput({ label, value, max, onChange }: { label: string; value: string; max: number; onChange(value: string): void }) {
  return (
    <label>
      {label}
      <input value={value} maxLength={max} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

function ProblemRow({ problem: x, format }: { problem: ExportProblemRow; format: ExportFormat }) {
  const { t, f } = useI18n();
  const status = x.status ?? 'not-submitted';
  const what: string =
    x.kind === 'missing-id'
      ? t('payroll.problem.missingId', { id: t(`payroll.id.${format}`) })
      : t(`payroll.problem.${status}`, { week: f.date(x.weekStart ?? '') });
  const todo: MessageKey = x.kind === 'missing-id' ? 'payroll.todo.missingId' : `payroll.todo.${status}`;
  return (
    <tr data-problem={x.kind} data-email={x.email}>
      <th scope="row">
        {x.name}
        <span className="muted small rep-sub">{x.email}</span>
      </th>
      <td>{what}</td>
      <td>{x.kind === 'missing-id' ? <a href={teamHref('pay')}>{t(todo)}</a> : t(todo)}</td>
    </tr>
  );
}

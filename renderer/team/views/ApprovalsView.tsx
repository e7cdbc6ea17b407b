import { Fragment, useState } from 'react';
import { APPROVALS_SCHEMA, DECISION_SCHEMA, type ApprovalItem } from '../../../shared/payroll/approvals-api';
import { WEEK_FIELDS, type WeekField } from '../../../shared/payroll/week';
import { TEAMS_SCHEMA } from '../../../shared/team/team-api';
import { addDays, localDate } from '../../../shared/timesheet/local-time';
import { useI18n } from '../../app/AppContext';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { ViewHeader } from '../../components/ViewHeader';
import type { MessageKey } from '../../i18n/en';
import { useTeam } from '../TeamContext';
import { TeamApiError } from '../team-client';
import { useLoad } from '../use-load';
import { OkNote } from '../../components/OkNote';

/** Column headings of the shared week figures, in WEEK_FIELDS order. */
export const FIELD_LABELS: Record<WeekField, MessageKey> = {
  workedSeconds: 'timesheet.worked',
  regularSeconds: 'timesheet.regular',
  overtimeSeconds: 'timesheet.overtime',
  doubleTimeSeconds: 'timesheet.doubleTime',
  breakSeconds: 'timesheet.breaks',
  manualSeconds: 'timesheet.manual',
  claimedIdleSeconds: 'timesheet.claimedIdle',
  unconfirmedIdleSeconds: 'timesheet.unconfirmedIdle',
};

const STATUS_CLASS: Record<ApprovalItem['status'], string> = {
  'not-submitted': 'week-state is-none',
  submitted: 'week-state is-waiting',
  approved: 'week-state is-approved',
  rejected: 'week-state is-rejected',
  reopened: 'week-state is-waiting',
  changed: 'week-state is-changed',
};

/** The figures of the week's row; every one of them per day under "Days". */
const ROW_FIELDS: readonly WeekField[] = ['workedSeconds', 'regularSeconds', 'overtimeSeconds', 'doubleTimeSeconds', 'manualSeconds', 'unconfirmedIdleSeconds'];

type Decision = 'approve' | 'reject' | 'reopen';

/** A week's state in words: a changed week was either approved (someone decided it) or only submitted. */
const statusKey = (w: ApprovalItem): MessageKey =>
  w.status === 'changed' && w.decidedBy === null ? 'approvals.status.changed-submitted' : `approvals.status.${w.status}`;

/** The refusals the server words in English, worded in the page's language (else the server's sentence). */
const REFUSALS: Record<string, MessageKey> = {
  'wrong-state': 'approvals.error.wrong-state',
  'changed-since': 'approvals.error.changed-since',
  conflict: 'approvals.error.conflict',
  'not-allowed': 'approvals.error.not-allowed',
  'not-submitted': 'approvals.error.not-submitted',
  'unknown-user': 'approvals.error.unknown-user',
  unreachable: 'team.serverUnreachable',
};

/**
 * Each rep's workweek holding the chosen date, with the server's figures per day (the shared week code's,
 * never summed or split here) and the decisions a manager of the rep's team or an admin can take.
 */
export function ApprovalsView() {
  const { t, f } = useI18n();
  const { client, zone } = useTeam();
  const today = localDate(Date.now(), zone);
  const [date, setDate] = useState(today);
  const [team, setTeam] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const teams = useLoad(() => client.get('/api/teams', TEAMS_SCHEMA), [client]);
  const query = new URLSearchParams({ week: date, ...(team ? { team } : {}) }).toString();
  const list = useLoad(() => client.get(`/api/approvals?${query}`, APPROVALS_SCHEMA), [client, query]);
  const weeks = list.data?.weeks ?? [];
  const starts = [...new Set(weeks.map((w) => w.weekStart))].sort();
  const count = (...s: ApprovalItem['status'][]) => weeks.filter((w) => s.includes(w.status)).length;
  return (
    <section className="view view-wide" aria-labelledby="approvals-title">
      <ViewHeader title={t('approvals.title')} subtitle={t('approvals.subtitle')} />
      <div className="card form form-inline approvals-filters">
        <div className="week-picker">
          <button
            type="button"
            className="icon"
            aria-label={t('approvals.prevWeek')}
            title={t('approvals.prevWeek')}
            onClick={() => setDate(addDays(date, -7))}
          >
            ‹
          </button>
          <label>
            {t('approvals.weekOf')}
            <input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
          </label>
          <button type="button" className="icon" aria-label={t('approvals.nextWeek')} title={t('approvals.nextWeek')} onClick={() => setDate(addDays(date, 7))}>
            ›
          </button>
          {date !== today ? (
            <button type="button" className="link" onClick={() => setDate(today)}>
              {t('approvals.thisWeek')}
            </button>
          ) : null}
        </div>
        <label>
          {t('teams.team')}
          <select aria-label={t('teams.team')} value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value="">{t('reports.allTeams')}</option>
            {(teams.data?.teams ?? []).map((x) => (
              <option key={x.id} value={x.name}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        {starts.length > 0 ? (
          <p className="muted small approvals-range" id="approvals-title-range">
            {starts.map((s) => t('approvals.workweek', { range: f.dateRange(s, addDays(s, 6)) })).join(' · ')}
            <br />
            {t('approvals.counts', {
              waiting: f.number(count('submitted', 'changed')),
              approved: f.number(count('approved')),
              notSubmitted: f.number(count('not-submitted')),
            })}
          </p>
        ) : null}
      </div>
      <ErrorNote message={list.error} />
      <OkNote>{note}</OkNote>
      {list.data && weeks.length === 0 ? (
        <div className="card">
          <EmptyState title={t('approvals.empty')} hint={t('approvals.emptyHint')} />
        </div>
      ) : null}
      {weeks.length > 0 ? (
        <div className="card">
          <div className="table-scroll">
            <table className="table approvals-table" aria-label={t('approvals.table')}>
              <thead>
                <tr>
                  <th scope="col">{t('now.col.rep')}</th>
                  <th scope="col">{t('approvals.col.state')}</th>
                  {ROW_FIELDS.map((field) => (
                    <th key={field} scope="col" className="num">
                      {t(FIELD_LABELS[field])}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('approvals.col.actions')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {weeks.map((w) => (
                  <WeekRow
                    key={`${w.email}|${w.weekStart}`}
                    week={w}
                    onDecided={(text) => {
                      setNote(text);
                      list.reload();
                    }}
                    onRefused={() => {
                      setNote(null);
                      list.reload();
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function WeekRow({ week, onDecided, onRefused }: { week: ApprovalItem; onDecided(text: string): void; onRefused(): void }) {
  const { t, f } = useI18n();
  const { client, zone } = useTeam();
  const [open, setOpen] = useState(week.status === 'changed');
  const [form, setForm] = useState<'reject' | 'reopen' | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const columns = ROW_FIELDS.length + 3;
  const canDecide = week.status === 'submitted' || week.status === 'changed';
  const canReopen = week.status === 'approved' || week.status === 'changed';
  const changed = new Set(week.differences.map((d) => `${d.date}|${d.field}`));

  const decide = (decision: Decision) => {
    const text = comment.trim();
    if (decision !== 'approve' && text === '') {
      setError(t(decision === 'reject' ? 'approvals.commentRequired' : 'approvals.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    client
      .send('POST', `/api/approvals/${decision}`, { user: week.email, week: week.weekStart, comment: decision === 'approve' ? null : text }, DECISION_SCHEMA)
      .then(
        () => {
          setBusy(false);
          setForm(null);
          setComment('');
          onDecided(t(`approvals.done.${decision}`, { name: week.name }));
        },
        (e: unknown) => {
          setBusy(false);
          const code = e instanceof TeamApiError ? e.code : '';
          const key = code === 'comment-required' ? (decision === 'reject' ? 'approvals.commentRequired' : 'approvals.reasonRequired') : REFUSALS[code];
          setError(key ? t(key) : e instanceof Error ? e.message : String(e));
          setOpen(true);
          // The week moved on under the page: show it as it is now.
          if (code === 'wrong-state' || code === 'changed-since' || code === 'conflict') onRefused();
        },
      );
  };
  const startForm = (which: 'reject' | 'reopen') => {
    setForm(which);
    setError(null);
    setOpen(true);
  };

  // A changed week with a decision was approved: that is the decision to name.
  const decided =
    week.decidedMs !== null && week.decidedBy !== null && week.status !== 'submitted' && week.status !== 'not-submitted'
      ? t('approvals.decidedBy', {
          status: t(week.status === 'changed' ? 'approvals.status.approved' : `approvals.status.${week.status}`),
          by: week.decidedBy,
          when: f.dateTime(week.decidedMs, zone),
        })
      : week.submittedMs !== null
        ? t('approvals.submittedAt', { when: f.dateTime(week.submittedMs, zone) })
        : null;

  return (
    <Fragment>
      <tr data-rep={week.email} data-week={week.weekStart} data-status={week.status} className={open ? 'is-open' : undefined}>
        <th scope="row">
          {week.name}
          <span className="muted small rep-sub">
            {week.email}
            {week.team ? ` · ${week.team}` : ''}
          </span>
        </th>
        <td data-label={t('approvals.col.state')}>
          <span className="cell-stack">
            <span className={STATUS_CLASS[week.status]}>{t(statusKey(week))}</span>
            {decided ? <span className="muted small decided">{decided}</span> : null}
          </span>
        </td>
        {ROW_FIELDS.map((field) => (
          <td key={field} className="num" data-label={t(FIELD_LABELS[field])} data-field={field}>
            {week.totals ? f.duration(week.totals[field]) : '—'}
          </td>
        ))}
        <td data-label="" className="approvals-actions">
          <div className="button-row">
            {week.days ? (
              <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
                {open ? t('approvals.hideDetails') : t('approvals.details')}
              </button>
            ) : null}
            {canDecide ? (
              <>
                <button type="button" className="primary" disabled={busy} onClick={() => decide('approve')}>
                  {t('approvals.approve')}
                </button>
                <button type="button" disabled={busy} onClick={() => startForm('reject')}>
                  {t('approvals.reject')}
                </button>
              </>
            ) : null}
            {canReopen ? (
              <button type="button" disabled={busy} onClick={() => startForm('reopen')}>
                {t('approvals.reopen')}
              </button>
            ) : null}
          </div>
        </td>
      </tr>
      {open || error || form ? (
        <tr className="approval-detail-row" data-detail-of={week.email}>
          <td colSpan={columns} data-label="" className="approval-detail">
            {week.comment ? <p className="approval-comment">{t('approvals.comment', { comment: week.comment })}</p> : null}
            {week.differences.length > 0 ? (
              <div className="approval-changes">
                <p className="small">{t('approvals.changedTitle')}</p>
                <ul>
                  {week.differences.map((d) => (
                    <li key={`${d.date}|${d.field}`} data-field={d.field}>
                      <span className="muted">
                        {f.date(d.date)} · {t(FIELD_LABELS[d.field])}
                      </span>{' '}
                      <strong>{t('approvals.change', { before: f.duration(d.before), after: f.duration(d.after) })}</strong>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {open && week.days ? (
              <div className="table-scroll">
                <table className="table approval-days" aria-label={t('approvals.daysTable', { name: week.name })}>
                  <thead>
                    <tr>
                      <th scope="col">{t('approvals.col.day')}</th>
                      {WEEK_FIELDS.map((field) => (
                        <th key={field} scope="col" className="num">
                          {t(FIELD_LABELS[field])}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {week.days.map((d) => (
                      <tr key={d.date} data-date={d.date}>
                        <th scope="row">{f.date(d.date)}</th>
                        {WEEK_FIELDS.map((field) => (
                          <td
                            key={field}
                            className={changed.has(`${d.date}|${field}`) ? 'num is-changed' : 'num'}
                            data-label={t(FIELD_LABELS[field])}
                            data-field={field}
                          >
                            {/* Empty for none: a dot on wide screens, left out of the narrow list. */}
                            {d[field] === 0 ? '' : f.duration(d[field])}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {form ? (
              <form
                className="form approval-form"
                aria-label={t(form === 'reject' ? 'approvals.confirmReject' : 'approvals.confirmReopen')}
                onSubmit={(e) => {
                  e.preventDefault();
                  decide(form);
                }}
              >
                <label>
                  {form === 'reject' ? t('approvals.rejectLabel', { name: week.name }) : t('approvals.reopenLabel')}
                  <textarea rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
                </label>
                <div className="button-row">
                  <button type="submit" className={form === 'reject' ? 'danger' : 'primary'} disabled={busy}>
                    {t(form === 'reject' ? 'approvals.confirmReject' : 'approvals.confirmReopen')}
                  </button>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setForm(null);
                      setError(null);
                    }}
                  >
                    {t('common.cancel')}
                  </button>
                </div>
              </form>
            ) : null}
            <ErrorNote message={error} />
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

import { useState } from 'react';
import { AUDIT_ACTION_KINDS, AUDIT_SCHEMA, auditSummary, type AuditSide } from '../../../shared/payroll/approvals-api';
import { USERS_SCHEMA } from '../../../shared/team/team-api';
import { addDays, localDate } from '../../../shared/timesheet/local-time';
import { useI18n } from '../../app/AppContext';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { ViewHeader } from '../../components/ViewHeader';
import type { MessageKey } from '../../i18n/en';
import { useTeam } from '../TeamContext';
import { useLoad } from '../use-load';

type Kind = (typeof AUDIT_ACTION_KINDS)[number];
const kindKey = (kind: Kind): MessageKey => `audit.kind.${kind}`;
/** The label of a logged action: its kind's, else the action's own name. */
function actionKind(action: string): Kind | null {
  return AUDIT_ACTION_KINDS.find((k) => (k.endsWith('.') ? action.startsWith(k) : action === k)) ?? null;
}

/**
 * The audit log for admins: who did what and when, with the week's figures before and after where the entry
 * holds them (summed by the shared week code). The CSV is the server's, with the same filters.
 */
export function AuditView() {
  const { t, f } = useI18n();
  const { client, zone } = useTeam();
  const today = localDate(Date.now(), zone);
  const [from, setFrom] = useState(addDays(today, -6));
  const [to, setTo] = useState(today);
  const [kind, setKind] = useState<Kind | ''>('');
  const [user, setUser] = useState('');
  const users = useLoad(() => client.get('/api/users', USERS_SCHEMA), [client]);
  const query = new URLSearchParams({ from, to, ...(kind ? { action: kind } : {}), ...(user ? { user } : {}) }).toString();
  const log = useLoad(() => client.get(`/api/audit?${query}`, AUDIT_SCHEMA), [client, query]);
  const emails = new Map((users.data?.users ?? []).map((u) => [u.id, u.email]));
  /** The user an entry is about: its detail's email, else the one its subject (`user:ID…`) names. */
  const aboutOf = (detailEmail: string | null, subject: string): string | null => {
    if (detailEmail) return detailEmail;
    const id = /^user:(\d+)(?::|$)/.exec(subject)?.[1];
    return id === undefined ? null : (emails.get(Number(id)) ?? null);
  };
  // Newest first: what an admin looks for is usually recent.
  const entries = [...(log.data?.entries ?? [])].reverse();

  const side = (s: AuditSide | null) => {
    if (!s) return t('audit.none');
    const parts: string[] = [];
    if (s.status) parts.push(t(`approvals.status.${s.status}`));
    if (s.totals) {
      parts.push(t('audit.worked', { worked: f.duration(s.totals.workedSeconds) }));
      if (s.totals.overtimeSeconds > 0) parts.push(t('audit.overtime', { time: f.duration(s.totals.overtimeSeconds) }));
      if (s.totals.doubleTimeSeconds > 0) parts.push(t('audit.doubleTime', { time: f.duration(s.totals.doubleTimeSeconds) }));
    }
    return parts.length > 0 ? parts.join(' · ') : t('audit.none');
  };

  return (
    <section className="view view-wide" aria-labelledby="audit-title">
      <ViewHeader title={t('audit.title')} subtitle={t('audit.subtitle')}>
        <a
          className={`button-like${log.data && entries.length > 0 ? '' : ' is-disabled'}`}
          aria-disabled={!(log.data && entries.length > 0)}
          href={`/api/audit?${query}&format=csv`}
          download
        >
          {t('audit.csv')}
        </a>
      </ViewHeader>
      <div className="card form form-inline">
        <label>
          {t('audit.kind')}
          <select aria-label={t('audit.kind')} value={kind} onChange={(e) => setKind(AUDIT_ACTION_KINDS.find((k) => k === e.target.value) ?? '')}>
            <option value="">{t('audit.allKinds')}</option>
            {AUDIT_ACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(kindKey(k))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.user')}
          <select aria-label={t('audit.user')} value={user} onChange={(e) => setUser(e.target.value)}>
            <option value="">{t('audit.allUsers')}</option>
            {(users.data?.users ?? []).map((u) => (
              <option key={u.id} value={u.email}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('range.from')}
          <input type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} />
        </label>
        <label>
          {t('range.to')}
          <input type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} />
        </label>
        {log.data ? <p className="muted small audit-count">{t('audit.count', { count: f.number(entries.length) })}</p> : null}
      </div>
      <ErrorNote message={log.error ?? users.error} />
      <div className="card">
        {log.data && entries.length === 0 ? (
          <EmptyState title={t('audit.empty')} />
        ) : (
          <div className="table-scroll">
            <table className="table audit-table" aria-label={t('audit.table')}>
              <thead>
                <tr>
                  <th scope="col">{t('audit.col.when')}</th>
                  <th scope="col">{t('audit.col.who')}</th>
                  <th scope="col">{t('audit.col.what')}</th>
                  <th scope="col">{t('audit.col.about')}</th>
                  <th scope="col">{t('audit.col.before')}</th>
                  <th scope="col">{t('audit.col.after')}</th>
                  <th scope="col">{t('audit.col.comment')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => {
                  const s = auditSummary(e.detail);
                  const k = actionKind(e.action);
                  const weekly = s.before !== null || s.after !== null;
                  return (
                    <tr key={e.id} data-action={e.action} data-entry={e.id}>
                      <th scope="row" className="nowrap">
                        {f.dateTime(e.atMs, zone)}
                      </th>
                      <td data-label={t('audit.col.who')}>{e.actor ?? <span className="muted">{t('audit.system')}</span>}</td>
                      <td data-label={t('audit.col.what')}>
                        <span className="cell-stack">
                          <span>{k ? t(kindKey(k)) : e.action}</span>
                          {k && k.endsWith('.') ? <span className="muted small mono">{e.action}</span> : null}
                        </span>
                      </td>
                      <td data-label={t('audit.col.about')}>
                        <span className="cell-stack">
                          <span>{aboutOf(s.email, e.subject) ?? <span className="mono small">{e.subject}</span>}</span>
                          {s.weekStart ? <span className="muted small">{t('audit.weekOf', { date: f.date(s.weekStart) })}</span> : null}
                        </span>
                      </td>
                      <td data-label={weekly ? t('audit.col.before') : t('audit.detail')} className="audit-side">
                        {weekly ? side(s.before) : <Detail detail={e.detail} />}
                      </td>
                      <td data-label={t('audit.col.after')} className="audit-side">
                        {weekly ? side(s.after) : ''}
                      </td>
                      <td data-label={t('audit.col.comment')}>{s.comment ?? ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}

/** An entry without week figures (a policy, pay data, an export): its logged detail, folded. */
function Detail({ detail }: { detail: unknown }) {
  const { t } = useI18n();
  const text = JSON.stringify(detail, null, 1);
  if (text === undefined || text === '{}' || text === 'null') return <>{t('audit.none')}</>;
  return (
    <details className="audit-detail">
      <summary>{t('audit.detail')}</summary>
      <pre className="mono">{text}</pre>
    </details>
  );
}

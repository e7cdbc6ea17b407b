import { useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { z } from 'zod';
import { POLICY_SCHEMA, type Policy } from '../../../shared/sync/contract';
import { POLICY_HISTORY_SCHEMA, TEAMS_SCHEMA } from '../../../shared/team/team-api';
import { OVERTIME_RULES, ROUNDING_MINUTES, ROUNDING_MODES } from '../../../shared/timesheet/types';
import { useI18n } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { ViewHeader } from '../../components/ViewHeader';
import { WeekStartSelect } from '../../components/WeekStartSelect';
import type { MessageKey } from '../../i18n/en';
import { WEEKDAY_DATE } from '../../stores/timesheet-store';
import { useTeam } from '../TeamContext';
import { useLoad } from '../use-load';
import { OkNote } from '../../components/OkNote';

const SAVED = z.object({ version: z.number() });
const OVERTIME_LABEL: Record<Policy['overtimeRules'], MessageKey> = {
  none: 'timesheet.rulesNone',
  flsa: 'timesheet.rulesFlsa',
  california: 'timesheet.rulesCalifornia',
};
const MODE_LABEL: Record<Policy['rounding']['mode'], MessageKey> = { nearest: 'timesheet.nearest', up: 'timesheet.up', down: 'timesheet.down' };

/** The policy editor: the org's (admins) or a team's (its managers), saved as a new version; the history below. */
export function PolicyView() {
  const { t, f } = useI18n();
  const { client, session, zone } = useTeam();
  const role = useStore(session, (s) => s.me?.user.role);
  const teams = useLoad(() => client.get('/api/teams', TEAMS_SCHEMA), [client]);
  const teamNames = (teams.data?.teams ?? []).map((x) => x.name);
  const [scope, setScope] = useState<string | null>(null);
  const effectiveScope = role === 'admin' ? scope : (scope ?? teamNames[0] ?? null);
  const history = useLoad(
    async () => ({
      scope: effectiveScope,
      ...(await client.get(`/api/policy/history${effectiveScope === null ? '' : `?team=${encodeURIComponent(effectiveScope)}`}`, POLICY_HISTORY_SCHEMA)),
    }),
    [client, effectiveScope],
  );
  const [draft, setDraft] = useState<Policy | null>(null);
  const [idle, setIdle] = useState('5');
  const [limit, setLimit] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The form is filled once per scope: a reload after a save must not undo what was typed since.
  const [filledFor, setFilledFor] = useState<{ scope: string | null } | null>(null);
  useEffect(() => {
    if (!history.data || (filledFor !== null && filledFor.scope === history.data.scope)) return;
    const p = history.data.current.policy;
    setDraft(p);
    setIdle(String(Math.round(p.idleThresholdSeconds / 60)));
    setLimit(p.unconfirmedIdleLimitMinutes === null ? '' : String(p.unconfirmedIdleLimitMinutes));
    setFilledFor({ scope: history.data.scope });
  }, [history.data, filledFor]);

  const nextVersion = (history.data?.versions[0]?.version ?? 0) + 1;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    setError(null);
    setNote(null);
    const candidate = POLICY_SCHEMA.safeParse({
      ...draft,
      idleThresholdSeconds: Number(idle) * 60,
      unconfirmedIdleLimitMinutes: limit.trim() === '' ? null : Number(limit),
    });
    if (!candidate.success || Number(idle) > 120) return setError(t('policy.invalid'));
    try {
      const saved = await client.send('PUT', '/api/policy', { team: effectiveScope, policy: candidate.data }, SAVED);
      setNote(t('policy.saved', { version: saved.version }));
      history.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const summary = (p: Policy) =>
    t('policy.summary', {
      idle: Math.round(p.idleThresholdSeconds / 60),
      titles: t(p.upload.titles ? 'policy.on' : 'policy.off'),
      urls: t(p.upload.urls ? 'policy.on' : 'policy.off'),
      overtime: t(OVERTIME_LABEL[p.overtimeRules]),
      week: f.weekday(WEEKDAY_DATE[p.weekStart]),
      rounding:
        p.rounding.minutes === 0 ? t('timesheet.noRounding') : `${t('timesheet.roundTo', { minutes: p.rounding.minutes })} ${t(MODE_LABEL[p.rounding.mode])}`,
    });

  return (
    <section className="view" aria-labelledby="policy-title">
      <ViewHeader title={t('policy.title')} subtitle={t('policy.subtitle')}>
        <label className="inline-label">
          {t('policy.scope')}{' '}
          <select value={effectiveScope ?? ''} onChange={(e) => setScope(e.target.value === '' ? null : e.target.value)}>
            {role === 'admin' ? <option value="">{t('policy.scopeOrg')}</option> : null}
            {teamNames.map((n) => (
              <option key={n} value={n}>
                {t('policy.scopeTeam', { team: n })}
              </option>
            ))}
          </select>
        </label>
      </ViewHeader>
      <ErrorNote message={history.error ?? teams.error} />
      {history.data && draft ? (
        <form className="card form" onSubmit={(e) => void save(e)} aria-label={t('policy.title')}>
          <p className="muted">
            {history.data.current.inherited && effectiveScope !== null
              ? t('policy.inherited', { version: history.data.current.version })
              : history.data.current.version === 0
                ? t('policy.defaults')
                : t('policy.current', { version: history.data.current.version })}
          </p>
          <div className="form-grid">
            <label>
              {t('policy.idle')}
              <input type="number" min={1} max={120} step={1} required value={idle} onChange={(e) => setIdle(e.target.value)} />
            </label>
            <label>
              {t('policy.unconfirmed')}
              <input type="number" min={1} step={1} placeholder={t('policy.unconfirmedOff')} value={limit} onChange={(e) => setLimit(e.target.value)} />
            </label>
            <label>
              {t('timesheet.overtimeRules')}
              <select
                value={draft.overtimeRules}
                onChange={(e) => setDraft({ ...draft, overtimeRules: OVERTIME_RULES.find((r) => r === e.target.value) ?? draft.overtimeRules })}
              >
                {OVERTIME_RULES.map((r) => (
                  <option key={r} value={r}>
                    {t(OVERTIME_LABEL[r])}
                  </option>
                ))}
              </select>
            </label>
            <WeekStartSelect label={t('timesheet.weekStart')} value={draft.weekStart} onChange={(weekStart) => setDraft({ ...draft, weekStart })} />
            <label>
              {t('timesheet.rounding')}
              <select
                value={draft.rounding.minutes}
                onChange={(e) =>
                  setDraft({ ...draft, rounding: { ...draft.rounding, minutes: ROUNDING_MINUTES.find((m) => m === Number(e.target.value)) ?? 0 } })
                }
              >
                {ROUNDING_MINUTES.map((m) => (
                  <option key={m} value={m}>
                    {m === 0 ? t('timesheet.noRounding') : t('timesheet.roundTo', { minutes: m })}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('timesheet.roundingMode')}
              <select
                value={draft.rounding.mode}
                disabled={draft.rounding.minutes === 0}
                onChange={(e) => setDraft({ ...draft, rounding: { ...draft.rounding, mode: ROUNDING_MODES.find((m) => m === e.target.value) ?? 'nearest' } })}
              >
                {ROUNDING_MODES.map((m) => (
                  <option key={m} value={m}>
                    {t(MODE_LABEL[m])}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="checkboxes">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={draft.upload.titles}
                onChange={(e) => setDraft({ ...draft, upload: { ...draft.upload, titles: e.target.checked } })}
              />
              {t('policy.titles')}
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={draft.upload.urls}
                onChange={(e) => setDraft({ ...draft, upload: { ...draft.upload, urls: e.target.checked } })}
              />
              {t('policy.urls')}
            </label>
          </div>
          <ErrorNote message={error} />
          <OkNote>{note}</OkNote>
          <div className="button-row">
            <button type="submit" className="primary">
              {t('policy.save', { version: nextVersion })}
            </button>
          </div>
        </form>
      ) : null}
      <div className="card">
        <h2>{t('policy.history')}</h2>
        {history.data && history.data.versions.length === 0 ? <p className="muted">{t('policy.noHistory')}</p> : null}
        {history.data && history.data.versions.length > 0 ? (
          <div className="table-scroll">
            <table className="table" aria-label={t('policy.history')}>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('policy.col.version')}
                  </th>
                  <th scope="col">{t('policy.col.saved')}</th>
                  <th scope="col">{t('policy.col.by')}</th>
                  <th scope="col">{t('policy.col.settings')}</th>
                </tr>
              </thead>
              <tbody>
                {history.data.versions.map((v) => (
                  <tr key={v.version}>
                    <th scope="row" className="num">
                      {v.version}
                    </th>
                    <td className="nowrap">{f.dateTime(v.createdMs, zone)}</td>
                    <td>{v.createdBy ?? '—'}</td>
                    <td>{summary(v.policy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
    </section>
  );
}

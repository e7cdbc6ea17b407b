import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { z } from 'zod';
import { useI18n } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { Rich } from '../../components/Rich';
import { ViewHeader } from '../../components/ViewHeader';
import { ENROLLMENT_CODE_SCHEMA, USERS_SCHEMA, type UserRow } from '../../../shared/team/team-api';
import { useTeam } from '../TeamContext';
import { API_OK } from '../team-client';
import { useLoad } from '../use-load';
import { OkNote } from '../../components/OkNote';
import { ChoiceSelect } from '../../components/ChoiceSelect';

const ROLES = ['rep', 'manager', 'admin'] as const;
type Role = (typeof ROLES)[number];
const CREATED = z.object({ user: z.object({ email: z.string() }) });

/** Admins: every user, adding one, an enrollment code for a rep's computer, removing. */
export function UsersView() {
  const { t, f } = useI18n();
  const { client, zone, session } = useTeam();
  const myEmail = useStore(session, (s) => s.me?.user.email ?? null);
  const users = useLoad(() => client.get('/api/users', USERS_SCHEMA), [client]);
  const [form, setForm] = useState({ email: '', name: '', role: 'rep' as Role, team: '', password: '' });
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<z.infer<typeof ENROLLMENT_CODE_SCHEMA> | null>(null);

  const act = async (run: () => Promise<string>) => {
    setError(null);
    setNote(null);
    try {
      setNote(await run());
      users.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const body = { email: form.email, name: form.name, role: form.role, team: form.team.trim() || null, password: form.password || null };
      const { user } = await client.send('POST', '/api/users', body, CREATED);
      setForm({ email: '', name: '', role: form.role, team: form.team, password: '' });
      return t('users.created', { email: user.email });
    });
  };
  const makeCode = (u: UserRow) =>
    void act(async () => {
      setCode(await client.send('POST', '/api/enrollment-codes', { email: u.email }, ENROLLMENT_CODE_SCHEMA));
      return '';
    });
  const remove = (u: UserRow) => {
    if (!window.confirm(t('users.removeConfirm', { email: u.email }))) return;
    void act(async () => {
      await client.send('DELETE', `/api/users/${u.id}`, undefined, API_OK);
      return t('users.removed', { email: u.email });
    });
  };

  return (
    <section className="view" aria-labelledby="users-title">
      <ViewHeader title={t('users.title')} />
      <form className="card form" onSubmit={submit} aria-label={t('users.add')}>
        <h2>{t('users.add')}</h2>
        <div className="form-grid">
          <label>
            {t('users.email')}
            <input type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
          </label>
          <label>
            {t('users.name')}
            <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </label>
          <ChoiceSelect
            label={t('users.role')}
            value={form.role}
            options={ROLES}
            text={(r) => t(`team.role.${r}`)}
            onChange={(role) => setForm({ ...form, role })}
          />
          <label>
            {t('users.team')}
            <input value={form.team} onChange={(e) => setForm({ ...form, team: e.target.value })} />
          </label>
          <label className="span-2">
            {t('users.password')}
            <input
              type="password"
              autoComplete="new-password"
              minLength={12}
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
          </label>
        </div>
        <div className="button-row">
          <button type="submit" className="primary">
            {t('users.create')}
          </button>
        </div>
      </form>
      <ErrorNote message={error ?? users.error} />
      <OkNote>{note}</OkNote>
      {code ? (
        <div className="card code-card" role="status">
          <p>{t('users.codeMade', { email: code.email, time: f.dateTime(code.expiresMs, zone) })}</p>
          <p className="enrollment-code mono">{code.code}</p>
          <p className="muted small">
            <Rich text={t('users.codeUse', { server: window.location.origin, code: code.code })} />
          </p>
        </div>
      ) : null}
      <div className="card">
        <div className="table-scroll">
          <table className="table" aria-label={t('users.title')}>
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.col.teams')}</th>
                <th scope="col">{t('users.col.signIn')}</th>
                <th scope="col">{t('users.col.added')}</th>
                <th scope="col">
                  <span className="sr-only">{t('users.code')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(users.data?.users ?? []).map((u) => (
                <tr key={u.id} data-user={u.email}>
                  <th scope="row">
                    {u.name}
                    <span className="muted small rep-sub">{u.email}</span>
                  </th>
                  <td>{t(`team.role.${u.role}`)}</td>
                  <td>{[...u.teams, ...(u.manages.length > 0 ? [t('users.manages', { teams: u.manages.join(', ') })] : [])].join(' · ') || '—'}</td>
                  <td>{u.hasPassword ? t('users.yes') : t('users.no')}</td>
                  <td className="nowrap">{f.dateTime(u.createdMs, zone)}</td>
                  <td className="nowrap actions">
                    {u.role === 'rep' ? (
                      <button type="button" onClick={() => makeCode(u)}>
                        {t('users.code')}
                      </button>
                    ) : null}
                    {u.email === myEmail ? null : (
                      <button type="button" className="link danger" onClick={() => remove(u)}>
                        {t('users.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

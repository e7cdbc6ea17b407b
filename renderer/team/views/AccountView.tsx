import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useI18n } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { ViewHeader } from '../../components/ViewHeader';
import { useTeam } from '../TeamContext';
import { API_OK } from '../team-client';
import { LanguageThemePicker } from './LanguageThemePicker';

/** Your password, language and theme. */
export function AccountView() {
  const { t } = useI18n();
  const { client, session } = useTeam();
  const me = useStore(session, (s) => s.me);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (next.length < 12) return setError(t('account.tooShort'));
    if (next !== again) return setError(t('account.mismatch'));
    try {
      await client.send('POST', '/api/account/password', { current, next }, API_OK);
      setError(null);
      setDone(true);
      setCurrent('');
      setNext('');
      setAgain('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section className="view" aria-labelledby="account-title">
      <ViewHeader title={t('account.title')} subtitle={me ? `${me.user.name} · ${me.user.email} · ${t(`team.role.${me.user.role}`)}` : undefined} />
      <div className="columns">
        <form className="card form" onSubmit={(e) => void submit(e)} aria-label={t('account.passwordTitle')}>
          <h2>{t('account.passwordTitle')}</h2>
          <label>
            {t('account.current')}
            <input type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
          </label>
          <label>
            {t('account.next')}
            <input type="password" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} />
          </label>
          <label>
            {t('account.again')}
            <input type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
          </label>
          <ErrorNote message={error} />
          {done ? (
            <p className="ok-note" role="status">
              {t('account.changed')}
            </p>
          ) : null}
          <div className="button-row">
            <button type="submit" className="primary">
              {t('account.change')}
            </button>
          </div>
        </form>
        <section className="card" aria-labelledby="appearance-title">
          <h2 id="appearance-title">{t('settings.appearance')}</h2>
          <LanguageThemePicker />
        </section>
      </div>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useI18n } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { useTeam } from '../TeamContext';
import { LanguageThemePicker } from './LanguageThemePicker';

export function SignInView() {
  const { t } = useI18n();
  const { session } = useTeam();
  const notice = useStore(session, (s) => s.notice);
  const loadError = useStore(session, (s) => s.error);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(await session.getState().signIn(email, password));
    setBusy(false);
  };
  return (
    <main className="sign-in">
      <form className="card sign-in-card form" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <div>
          <h1 id="sign-in-title">{t('signIn.title')}</h1>
          <p className="muted">{t('signIn.subtitle')}</p>
        </div>
        {notice === 'signed-out' ? <p className="banner">{t('team.signedOut')}</p> : null}
        <ErrorNote message={loadError ? t('team.serverUnreachable') : null} />
        <label>
          {t('signIn.email')}
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t('signIn.password')}
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorNote message={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
        <p className="muted small">{t('signIn.repHint')}</p>
        <LanguageThemePicker compact />
      </form>
    </main>
  );
}

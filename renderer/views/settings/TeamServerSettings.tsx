import { useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { CLOCK_SKEW_WARN_MS } from '../../../shared/sync/device-sync';
import { useI18n, useStores } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { Rich } from '../../components/Rich';
import { refusalText, syncProblemText } from '../../i18n/refusal-text';
import type { ApiError } from '../../stores/request';

/** Enrollment with the team server, what waits to be sent, and the team's policy in force (the `sync.*` requests). */
export function TeamServerSettings() {
  const { t, f } = useI18n();
  const store = useStores().sync;
  const status = useStore(store, (s) => s.status);
  const loadError = useStore(store, (s) => s.error);
  const [server, setServer] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const run = async (action: () => Promise<ApiError | string | null>) => {
    setBusy(true);
    const problem = await action();
    setBusy(false);
    setError(problem === null || typeof problem === 'string' ? problem : refusalText(problem, { t }));
    if (problem === null) setCode('');
  };
  const enroll = (event: FormEvent) => {
    event.preventDefault();
    void run(() => store.getState().enroll(server, code));
  };
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  return (
    <section className="card" aria-labelledby="team-server-title" data-testid="team-server">
      <h2 id="team-server-title">{t('sync.title')}</h2>
      <ErrorNote message={loadError} />
      {status === null ? null : status.enrolled ? (
        <div className="form">
          <p>{t('sync.enrolledTo', { email: status.userEmail ?? '', server: status.server ?? '' })}</p>
          <p className="muted small">
            {status.pending === 0 ? t('sync.upToDate') : t('sync.waiting', { count: f.number(status.pending) })}{' '}
            {t('sync.lastPush', { when: status.lastPushMs === null ? t('sync.never') : f.dateTime(status.lastPushMs, zone) })}
          </p>
          <p className="muted small">{t(status.tokenKept === 'sealed' ? 'sync.tokenSealed' : 'sync.tokenFile')}</p>
          {status.policy ? <p className="muted small">{t('sync.policy', { version: f.number(status.policy.version) })}</p> : null}
          {status.lastError ? (
            <p className="muted small">{t('sync.lastProblem', { message: syncProblemText(status.lastError.code, t) ?? status.lastError.message })}</p>
          ) : null}
          {status.clockSkewMs !== null && Math.abs(status.clockSkewMs) > CLOCK_SKEW_WARN_MS ? <p className="warning small">{t('sync.clockSkew')}</p> : null}
          <div className="button-row">
            <button type="button" disabled={busy} onClick={() => void run(() => store.getState().leave())}>
              {t('sync.leave')}
            </button>
          </div>
        </div>
      ) : (
        <form className="form" aria-labelledby="team-server-title" onSubmit={enroll}>
          <p className="muted small">
            <Rich text={t('sync.explain')} />
          </p>
          <label>
            {t('sync.server')}
            <input type="url" required placeholder="https://stint.example.com" value={server} onChange={(e) => setServer(e.target.value)} />
          </label>
          <label>
            {t('sync.code')}
            <input type="text" required autoComplete="off" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} />
          </label>
          <div className="button-row">
            <button type="submit" className="primary" disabled={busy}>
              {t('sync.enroll')}
            </button>
          </div>
        </form>
      )}
      <ErrorNote message={error} />
    </section>
  );
}

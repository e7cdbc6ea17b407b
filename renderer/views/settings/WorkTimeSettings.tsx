import { useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useI18n, useStores } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { WeekStartSelect } from '../../components/WeekStartSelect';
import { useWorkSettings } from './use-work-settings';

/** The settings that change worked time, kept with the data: week start and the unconfirmed idle limit. */
export function WorkTimeSettings() {
  const { t, f } = useI18n();
  const stores = useStores();
  const { settings, save, error, setError, saved } = useWorkSettings();
  const loadError = useStore(stores.workSettings, (s) => s.error);
  const byTeam = useStore(stores.sync, (s) => s.status?.policy != null);
  const [limitOn, setLimitOn] = useState(false);
  const [minutes, setMinutes] = useState('60');

  useEffect(() => {
    if (!settings) return;
    setLimitOn(settings.unconfirmedIdleLimitMinutes !== null);
    if (settings.unconfirmedIdleLimitMinutes !== null) setMinutes(String(settings.unconfirmedIdleLimitMinutes));
  }, [settings]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const n = Number(minutes);
    if (limitOn && (!Number.isInteger(n) || n < 1)) return setError(t('settings.limitInvalid'));
    void save({ unconfirmedIdleLimitMinutes: limitOn ? n : null });
  };

  return (
    <section className="card" aria-labelledby="work-time-title">
      <h2 id="work-time-title">{t('settings.workTime')}</h2>
      <p className="muted small">{t('settings.workTimeExplain')}</p>
      {byTeam ? <p className="small">{t('settings.setByTeam')}</p> : null}
      <ErrorNote message={loadError} />
      {settings ? (
        <form className="form" aria-labelledby="work-time-title" onSubmit={submit}>
          <WeekStartSelect label={t('settings.weekStart')} value={settings.weekStart} onChange={(weekStart) => void save({ weekStart })} />
          <div className="form-row">
            <label className="checkbox">
              <input type="checkbox" checked={limitOn} onChange={(e) => setLimitOn(e.target.checked)} />
              {t('settings.limitIdle')}
            </label>
            <label>
              {t('settings.limitMinutes')}
              <input type="number" inputMode="numeric" value={minutes} disabled={!limitOn} onChange={(e) => setMinutes(e.target.value)} />
            </label>
          </div>
          <p className="muted small">
            {settings.unconfirmedIdleLimitMinutes === null
              ? t('settings.limitOff')
              : t('settings.limitOn', { minutes: f.number(settings.unconfirmedIdleLimitMinutes) })}
          </p>
          <div className="button-row">
            <button type="submit" className="primary">
              {t('settings.save')}
            </button>
            {saved ? <span className="muted small">{t('settings.saved')}</span> : null}
          </div>
          <ErrorNote message={error} />
        </form>
      ) : null}
    </section>
  );
}

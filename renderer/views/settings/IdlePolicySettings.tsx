import { useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { idlePromptMinutesSchema, MAX_IDLE_POLICY_MINUTES } from '../../../shared/timesheet/work-settings';
import { useI18n, useStores } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { useWorkSettings } from './use-work-settings';

/** The idle policy (when to ask, when an unanswered question stops the clock) and recording outside sessions, as in force. */
export function IdlePolicySettings() {
  const { t, f } = useI18n();
  const { settings, save, error, setError, saved } = useWorkSettings();
  const policy = useStore(useStores().sync, (s) => s.status?.policy?.values ?? null);
  const [prompt, setPrompt] = useState('10');
  const [pauseOn, setPauseOn] = useState(true);
  const [pause, setPause] = useState('30');

  useEffect(() => {
    if (!settings) return;
    setPrompt(String(settings.idlePromptMinutes));
    setPauseOn(settings.idleAutoPauseMinutes !== null);
    if (settings.idleAutoPauseMinutes !== null) setPause(String(settings.idleAutoPauseMinutes));
  }, [settings]);

  if (!settings) return null;
  const byTeam = (key: 'idlePromptMinutes' | 'idleAutoPauseMinutes' | 'recordOutsideSessions') => policy !== null && policy[key] !== undefined;
  // The shared bound of both minutes (the prompt's schema is the pause's without null).
  const whole = (text: string) => {
    const n = idlePromptMinutesSchema().safeParse(Number(text));
    return n.success ? n.data : null;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const promptMinutes = whole(prompt);
    const pauseMinutes = pauseOn ? whole(pause) : null;
    if (promptMinutes === null || (pauseOn && pauseMinutes === null)) return setError(t('settings.limitInvalid'));
    void save({
      ...(byTeam('idlePromptMinutes') ? {} : { idlePromptMinutes: promptMinutes }),
      ...(byTeam('idleAutoPauseMinutes') ? {} : { idleAutoPauseMinutes: pauseMinutes }),
    });
  };
  const team = (key: Parameters<typeof byTeam>[0]) => (byTeam(key) ? <p className="small">{t('settings.setByTeam')}</p> : null);

  return (
    <section className="card" aria-labelledby="idle-policy-title">
      <h2 id="idle-policy-title">{t('settings.idlePolicy')}</h2>
      <p className="muted small">{t('settings.idlePolicyExplain')}</p>
      <form className="form" aria-labelledby="idle-policy-title" onSubmit={submit}>
        <label>
          {t('settings.idlePrompt')}
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_IDLE_POLICY_MINUTES}
            value={prompt}
            disabled={byTeam('idlePromptMinutes')}
            onChange={(e) => setPrompt(e.target.value)}
          />
        </label>
        <p className="muted small" data-testid="idle-prompt-in-force">
          {t('settings.idlePromptValue', { minutes: f.number(settings.idlePromptMinutes) })}
        </p>
        {team('idlePromptMinutes')}
        <div className="form-row">
          <label className="checkbox">
            <input type="checkbox" checked={pauseOn} disabled={byTeam('idleAutoPauseMinutes')} onChange={(e) => setPauseOn(e.target.checked)} />
            {t('settings.idleAutoPause')}
          </label>
          <label>
            {t('settings.idleAutoPauseMinutes')}
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_IDLE_POLICY_MINUTES}
              value={pause}
              disabled={!pauseOn || byTeam('idleAutoPauseMinutes')}
              onChange={(e) => setPause(e.target.value)}
            />
          </label>
        </div>
        <p className="muted small">
          {settings.idleAutoPauseMinutes === null
            ? t('settings.idleAutoPauseOff')
            : t('settings.idleAutoPauseOn', { minutes: f.number(settings.idleAutoPauseMinutes) })}
        </p>
        {team('idleAutoPauseMinutes')}
        <div className="button-row">
          <button type="submit" className="primary">
            {t('settings.save')}
          </button>
          {saved ? <span className="muted small">{t('settings.saved')}</span> : null}
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={settings.recordOutsideSessions}
            disabled={byTeam('recordOutsideSessions')}
            onChange={(e) => void save({ recordOutsideSessions: e.target.checked })}
          />
          {t('settings.recordOutside')}
        </label>
        <p className="muted small">{settings.recordOutsideSessions ? t('settings.recordOutsideOn') : t('settings.recordOutsideOff')}</p>
        {team('recordOutsideSessions')}
        <ErrorNote message={error} />
      </form>
    </section>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { useWorkSettings } from './use-work-settings';

/** Who the rep is in imported call logs and CRM reports, and the currency of amounts given without one (work settings). */
export function IdentitySettings() {
  const { t } = useI18n();
  const { settings, save, error, saved } = useWorkSettings();
  const [form, setForm] = useState({ agentName: '', agentEmail: '', agentExtension: '', currency: 'USD' });

  useEffect(() => {
    if (!settings) return;
    setForm({
      agentName: settings.agentName ?? '',
      agentEmail: settings.agentEmail ?? '',
      agentExtension: settings.agentExtension ?? '',
      currency: settings.currency,
    });
  }, [settings]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await save({
      agentName: form.agentName.trim() || null,
      agentEmail: form.agentEmail.trim() || null,
      agentExtension: form.agentExtension.trim() || null,
      currency: form.currency.trim(),
    });
  };
  const field = (key: keyof typeof form, label: string, type = 'text') => (
    <label>
      {label}
      <input type={type} value={form[key]} maxLength={key === 'currency' ? 3 : 320} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );

  return (
    <section className="card" aria-labelledby="identity-title">
      <h2 id="identity-title">{t('settings.identity')}</h2>
      <p className="muted small">{t('settings.identityExplain')}</p>
      {settings ? (
        <form className="form" aria-labelledby="identity-title" onSubmit={(e) => void submit(e)}>
          <div className="form-row">
            {field('agentName', t('settings.agentName'))}
            {field('agentEmail', t('settings.agentEmail'), 'email')}
            {field('agentExtension', t('settings.agentExtension'))}
          </div>
          <div className="form-row">
            {field('currency', t('settings.currency'))}
            <button type="submit" className="primary">
              {t('settings.saveIdentity')}
            </button>
          </div>
          <ErrorNote message={error} />
          {saved ? <p className="muted small">{t('settings.saved')}</p> : null}
        </form>
      ) : null}
    </section>
  );
}

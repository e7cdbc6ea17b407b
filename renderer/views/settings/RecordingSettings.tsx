import { useI18n } from '../../app/AppContext';
import { Rich } from '../../components/Rich';

/** What the recorder is configured with; none of it can be changed from the views yet. */
export function RecordingSettings() {
  const { t } = useI18n();
  const rows: [string, string][] = [
    [t('settings.idleThreshold'), t('settings.idleThresholdValue')],
    [t('settings.titlePrivacy'), t('settings.titlePrivacyValue')],
    [t('settings.syncServer'), t('settings.syncServerValue')],
  ];
  return (
    <section className="card" aria-labelledby="recording-title">
      <h2 id="recording-title">{t('settings.recording')}</h2>
      <p className="muted small">
        <Rich text={t('settings.recordingExplain')} />
      </p>
      <dl className="readonly-list">
        {rows.map(([label, value]) => (
          <div key={label} className="readonly-row">
            <dt>{label}</dt>
            <dd>
              <Rich text={value} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

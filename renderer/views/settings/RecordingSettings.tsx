import { useStore } from 'zustand';
import { useI18n, useStores } from '../../app/AppContext';
import { Rich } from '../../components/Rich';

/** What the recorder is configured with (set where it starts), and where its records go. */
export function RecordingSettings() {
  const { t } = useI18n();
  const sync = useStore(useStores().sync, (s) => s.status);
  const rows: [string, string][] = [
    [t('settings.idleThreshold'), t('settings.idleThresholdValue')],
    [t('settings.titlePrivacy'), t('settings.titlePrivacyValue')],
    [
      t('settings.syncServer'),
      sync?.enrolled ? t('sync.enrolledTo', { email: sync.userEmail ?? '', server: sync.server ?? '' }) : t('settings.syncServerValue'),
    ],
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

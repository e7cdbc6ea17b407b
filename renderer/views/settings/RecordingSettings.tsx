import { useStore } from 'zustand';
import { useI18n, useStores } from '../../app/AppContext';
import { Rich } from '../../components/Rich';

/** What the running recorder works with, as it runs (its flags and defaults applied), and where its records go. */
export function RecordingSettings() {
  const { t, f } = useI18n();
  const sync = useStore(useStores().sync, (s) => s.status);
  const inForce = useStore(useStores().status, (s) => (s.status?.recorder.running ? (s.status.recorder.inForce ?? null) : null));
  const rows: [string, string][] = [
    [
      t('settings.idleThreshold'),
      inForce ? t('settings.idleThresholdValue', { duration: f.duration(inForce.idleThresholdMs / 1000, true) }) : t('settings.idleThresholdUnknown'),
    ],
    ...(inForce
      ? ([
          [t('settings.sampling'), t('settings.samplingValue', { duration: f.duration(inForce.pollMs / 1000, true) })],
          [t('settings.autoSession'), inForce.autoSession ? t('settings.autoSessionOn') : t('settings.autoSessionOff')],
        ] as [string, string][])
      : []),
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

import { useStore } from 'zustand';
import { Rich } from '../components/Rich';
import { useI18n, useStores } from './AppContext';

/** Says so when the recorder cannot be reached, is not recording or is paused; nothing otherwise. */
export function ConnectionBanner() {
  const { f, t } = useI18n();
  const status = useStores().status;
  const error = useStore(status, (s) => s.error);
  const connected = useStore(status, (s) => s.connected);
  const running = useStore(status, (s) => (s.status ? s.status.recorder.running : null));
  const paused = useStore(status, (s) => s.status?.recorder.paused ?? null);
  const zone = useStore(status, (s) => s.status?.today.timeZone ?? null);
  if (error !== null)
    return (
      <div className="banner is-error" role="alert">
        <strong>{t('banner.unreachable')}</strong> <span>{error}</span>
      </div>
    );
  if (connected === false)
    return (
      <div className="banner is-warning" role="status">
        <Rich text={t('banner.reconnecting')} />
      </div>
    );
  if (running === false)
    return (
      <div className="banner is-warning" role="status">
        <Rich text={t('banner.notRecording')} />
      </div>
    );
  if (paused !== null && zone !== null)
    return (
      <div className="banner is-warning" role="status">
        {t(`banner.paused.${paused.reason}`, { since: f.time(paused.sinceMs, zone) })}
      </div>
    );
  return null;
}

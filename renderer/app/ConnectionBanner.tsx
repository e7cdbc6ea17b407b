import { useStore } from 'zustand';
import { Rich } from '../components/Rich';
import { useI18n, useStores } from './AppContext';

/** Says so when the recorder cannot be reached or is not recording; nothing otherwise. */
export function ConnectionBanner() {
  const { t } = useI18n();
  const status = useStores().status;
  const error = useStore(status, (s) => s.error);
  const connected = useStore(status, (s) => s.connected);
  const running = useStore(status, (s) => (s.status ? s.status.recorder.running : null));
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
  return null;
}

import { appDisplayName } from '../../../shared/apps/app-names';
import { useStore } from 'zustand';
import { useClock, useI18n, useStores } from '../../app/AppContext';

/** The window in front now (or the last one seen when the recorder is not running). */
export function ActiveWindow() {
  const { t, f } = useI18n();
  const clock = useClock();
  const status = useStores().status;
  const app = useStore(status, (s) => s.status?.window?.app ?? null);
  const title = useStore(status, (s) => s.status?.window?.title ?? null);
  const sinceMs = useStore(status, (s) => s.status?.window?.sinceMs ?? null);
  const current = useStore(status, (s) => s.status?.window?.current ?? false);
  const idleSinceMs = useStore(status, (s) => s.status?.idleSinceMs ?? null);
  if (idleSinceMs !== null)
    return (
      <div className="active-window is-idle">
        <span className="label">{t('window.idle')}</span>
        <span className="window-app">{t('window.idleSince', { time: f.time(idleSinceMs, clock.timeZone()) })}</span>
      </div>
    );
  if (app === null) return null;
  return (
    <div className="active-window">
      <span className="label">{current ? t('window.now') : t('window.last')}</span>
      <span className="window-app">{app ? appDisplayName(app) : t('window.noWindow')}</span>
      {title ? (
        <span className="window-title" title={title}>
          {title}
        </span>
      ) : null}
      {sinceMs !== null ? <span className="window-since muted">{t('window.since', { time: f.time(sinceMs, clock.timeZone()) })}</span> : null}
    </div>
  );
}

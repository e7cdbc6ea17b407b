import { useStore } from 'zustand';
import { useI18n, useStores } from '../../app/AppContext';

/**
 * The running session's clock. The only part of Today that re-renders with every live status event:
 * it selects just the session's seconds and kind.
 */
export function LiveTimer() {
  const { f, t } = useI18n();
  const status = useStores().status;
  const seconds = useStore(status, (s) => s.status?.session?.seconds ?? null);
  const kind = useStore(status, (s) => s.status?.session?.kind ?? null);
  const label = kind === 'work' ? t('session.working') : kind === 'break' ? t('session.onBreak') : t('session.off');
  return (
    <div className={`live-timer ${kind ? `is-${kind}` : 'is-off'}`}>
      <span className="live-timer-state">
        <span className="dot" aria-hidden="true" />
        {label}
      </span>
      <time className="live-timer-clock num" data-testid="live-timer" aria-label={t('session.timerLabel')}>
        {f.clock(seconds ?? 0)}
      </time>
    </div>
  );
}

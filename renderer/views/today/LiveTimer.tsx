import { useStore } from 'zustand';
import { useI18n, useStores } from '../../app/AppContext';

/**
 * Today's worked time (today's breaks while on one), ticking with every live status event. The figure is
 * status.today's, from the same worked-time computation as the timesheet, so the two always agree.
 */
export function LiveTimer() {
  const { f, t } = useI18n();
  const status = useStores().status;
  const kind = useStore(status, (s) => s.status?.session?.kind ?? null);
  const seconds = useStore(status, (s) => {
    const today = s.status?.today;
    if (!today) return null;
    return kind === 'break' ? today.breakSeconds : today.workSeconds;
  });
  const label = kind === 'work' ? t('session.working') : kind === 'break' ? t('session.onBreak') : t('session.off');
  return (
    <div className={`live-timer ${kind ? `is-${kind}` : 'is-off'}`}>
      <span className="live-timer-state">
        <span className="dot" aria-hidden="true" />
        {label}
      </span>
      <time className="live-timer-clock num" data-testid="live-timer" aria-label={kind === 'break' ? t('session.breakTimerLabel') : t('session.timerLabel')}>
        {f.clock(seconds ?? 0)}
      </time>
    </div>
  );
}

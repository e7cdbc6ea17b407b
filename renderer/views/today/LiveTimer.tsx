import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useClock, useI18n, useReadOnly, useStores } from '../../app/AppContext';
import { liveFigures } from '../../../shared/desktop/live-figures';

/**
 * Today's worked time (today's breaks while on one), ticking with every live status event. The figure is
 * status.today's, from the same worked-time computation as the Work card and the timesheet; while the rep is
 * idle in a work session it stands still at where the idle began and says since when. Beside it, the current
 * stretch: the time since this session began.
 */
export function LiveTimer() {
  const { f, t } = useI18n();
  const clock = useClock();
  // Read-only on the team server: the session in progress syncs once it closes, so the state is not claimed.
  const readOnly = useReadOnly();
  const { kind, seconds, stretch, idleSinceMs } = useStore(
    useStores().status,
    useShallow((s) => {
      // The same figures as the tray's: the stretch stops with the timer where the idle began.
      const live = liveFigures(s.status);
      return {
        kind: live.kind,
        seconds: s.status ? (live.kind === 'break' ? live.breakSeconds : live.todaySeconds) : null,
        stretch: live.stretchSeconds,
        idleSinceMs: live.idleSinceMs,
      };
    }),
  );
  const label = readOnly ? t('session.synced') : kind === 'work' ? t('session.working') : kind === 'break' ? t('session.onBreak') : t('session.off');
  const idle = idleSinceMs !== null;
  return (
    <div className={`live-timer ${kind ? `is-${kind}` : 'is-off'}${idle ? ' is-idle' : ''}`}>
      <span className="live-timer-state">
        <span className="dot" aria-hidden="true" />
        {idle ? t('session.idleSince', { time: f.time(idleSinceMs, clock.timeZone()) }) : label}
      </span>
      <span className="live-timer-row">
        <time className="live-timer-clock num" data-testid="live-timer" aria-label={kind === 'break' ? t('session.breakTimerLabel') : t('session.timerLabel')}>
          {f.clock(seconds ?? 0)}
        </time>
        {stretch !== null ? (
          <span className="live-timer-stretch num" data-testid="live-stretch">
            {t('session.stretch', { duration: f.clock(stretch) })}
          </span>
        ) : null}
      </span>
      {idle ? <span className="muted small">{t('session.idleSinceExplain')}</span> : null}
    </div>
  );
}

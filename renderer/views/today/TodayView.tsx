import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useClock, useI18n, useReadOnly, useStores } from '../../app/AppContext';
import { today } from '../../app/date-ranges';
import { EmptyState } from '../../components/EmptyState';
import { ViewHeader } from '../../components/ViewHeader';
import { ActiveWindow } from './ActiveWindow';
import { CategoryBreakdown } from './CategoryBreakdown';
import { IdlePrompt } from './IdlePrompt';
import { LiveTimer } from './LiveTimer';
import { SessionControls } from './SessionControls';
import { TodayCalls } from './TodayCalls';
import { TodayTotals } from './TodayTotals';
import { TopApps } from './TopApps';

/** The running timer, the session buttons, the active window, today's totals and categories. */
export function TodayView() {
  const { t, f } = useI18n();
  const clock = useClock();
  const stores = useStores();
  const readOnly = useReadOnly();
  const statusDate = useStore(stores.status, (s) => s.status?.today.date ?? null);
  // Not clocked in today and nothing worked: nothing to show, not "Active 8s, productivity 100%".
  const notClockedIn = useStore(stores.status, (s) => {
    const status = s.status;
    return status !== null && status.session === null && status.today.workSeconds === 0 && status.today.breakSeconds === 0;
  });

  useEffect(() => {
    const day = today(clock);
    void stores.today.getState().load({ from: day, to: day, by: 'category' });
    void stores.idle.getState().load();
  }, [stores, clock]);

  // Past midnight the live status names a new day: follow it.
  useEffect(() => {
    const { query } = stores.today.getState();
    if (statusDate !== null && statusDate !== query.from && statusDate > query.from) void stores.today.getState().load({ from: statusDate, to: statusDate });
  }, [statusDate, stores]);

  return (
    <div className="view view-today">
      <ViewHeader title={t('today.title')} subtitle={f.longDate(statusDate ?? today(clock))} />
      {readOnly ? null : <IdlePrompt />}
      <section className="card now-card" aria-label={t('today.session')}>
        <LiveTimer />
        {readOnly ? null : <SessionControls />}
        <ActiveWindow />
      </section>
      {notClockedIn ? (
        <section className="card" data-testid="today-not-clocked-in">
          <EmptyState title={t('today.notClockedInTitle')} hint={t('today.notClockedInHint')} />
        </section>
      ) : (
        <>
          <TodayTotals />
          {readOnly ? null : <TodayCalls />}
          <div className="columns">
            <section className="card">
              <h2>{t('today.byCategory')}</h2>
              <CategoryBreakdown />
            </section>
            <section className="card">
              <h2>{t('today.topApps')}</h2>
              <TopApps />
            </section>
          </div>
        </>
      )}
    </div>
  );
}

import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useI18n, useStores } from '../../app/AppContext';
import { hrefOf } from '../../app/routes';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { Stat } from '../../components/Stat';
import { callHeadline, detectedSourceText } from '../calls/call-headline';

/**
 * Today's calls at a glance: the rep's own calls answered and AHT (report.calls for today, scope mine; other
 * agents' calls in imported logs never count here), detected calls waiting for review, and the call in progress
 * with its live talk time (calls.state), linking to the Calls view.
 */
export function TodayCalls() {
  const { t, f } = useI18n();
  const stores = useStores();
  const report = useStore(stores.todayCalls, (s) => s.report);
  const error = useStore(stores.todayCalls, (s) => s.error);
  const status = useStore(stores.calls, (s) => s.live?.state.status ?? null);
  const contact = useStore(stores.calls, (s) => (s.live && s.live.state.status !== 'idle' ? s.live.state.call.contact : null));
  // Whole seconds: re-render once a second, not on every answer.
  const talkSeconds = useStore(stores.calls, (s) => (s.live ? Math.floor(s.live.liveTalkMs / 1000) : 0));
  // Identifies the call in progress, so a call that starts, ends or is wrapped up refreshes the figures.
  const callKey = useStore(stores.calls, (s) => (s.live && s.live.state.status !== 'idle' ? s.live.state.call.startMs : null));
  // A meeting window open now (Zoom, Teams, a dialer): named by its source, counted once the rep confirms it.
  const detected = useStore(stores.calls, (s) => (s.live && s.live.state.status === 'idle' ? s.live.detected : null));

  useEffect(() => {
    void stores.calls.getState().loadLive();
  }, [stores]);

  useEffect(() => {
    void stores.todayCalls.getState().load();
  }, [stores, status, callKey]);

  const inProgress = status !== null && status !== 'idle';
  const headline = inProgress ? callHeadline(status, contact, t) : '';

  return (
    <section className="card today-calls" aria-labelledby="today-calls-title">
      <div className="card-head">
        <h2 id="today-calls-title">{t('todayCalls.title')}</h2>
        <a href={hrefOf('calls')} className="small">
          {t('todayCalls.open')}
        </a>
      </div>
      <ErrorNote message={error} />
      {report && report.toReview > 0 ? (
        <p className="to-review" data-testid="today-to-review">
          <a href={hrefOf('calls')} className="badge badge-warn">
            {t('todayCalls.toReview', { count: f.number(report.toReview, 0) })}
          </a>
        </p>
      ) : null}
      {inProgress ? (
        <div className={`today-call live-call is-${status}`} aria-label={t('calls.live')} role="group">
          <span className="live-call-state">
            <span className="dot" aria-hidden="true" />
            {headline}
          </span>
          <span className="today-call-talk">
            <span className="muted small">{t('calls.talk')}</span>{' '}
            <time className="num" data-testid="today-call-talk">
              {f.clock(talkSeconds)}
            </time>
          </span>
        </div>
      ) : detected ? (
        <div className="today-call live-call is-talking is-detected" aria-label={t('calls.live')} role="group" data-testid="today-detected">
          <span className="live-call-state">
            <span className="dot" aria-hidden="true" />
            {t('calls.detectedLive', { label: detectedSourceText(detected.ruleId, detected.label, t) })}
          </span>
        </div>
      ) : null}
      {!report ? (
        !error ? (
          <p className="muted">{t('common.loading')}</p>
        ) : null
      ) : report.calls === 0 && !inProgress && !detected && report.toReview === 0 ? (
        <EmptyState title={t('todayCalls.emptyTitle')} hint={t('todayCalls.emptyHint')} compact />
      ) : (
        <dl className="stats">
          <Stat label={t('todayCalls.answered')} value={f.number(report.answered, 0)} note={t('todayCalls.ofCalls', { count: f.number(report.calls, 0) })} />
          <Stat label={t('calls.aht')} value={report.ahtSeconds === null ? '—' : f.duration(report.ahtSeconds, true)} tone="work" />
        </dl>
      )}
    </section>
  );
}

import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { Timeline } from '../../../shared/api/contract';
import { addDays } from '../../../shared/timesheet/local-time';
import { useClock, useI18n, useStores } from '../../app/AppContext';
import { today } from '../../app/date-ranges';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { Segmented } from '../../components/Segmented';
import { ViewHeader } from '../../components/ViewHeader';
import type { I18n } from '../../i18n/i18n';
import { appLabel } from '../activity/row-labels';
import { TimelineLane, type LaneSpan } from './TimelineLane';
import { appDisplayName } from '../../../shared/apps/app-names';
import { NONE_KEY } from '../../../shared/api/results';
import { hourTicks, visibleWindow, type TimelineZoom } from './visible-window';
import { entryReasonText } from '../../i18n/entry-reason';

/** The day as lanes: activity coloured by rating, idle, and work sessions and breaks (manual ones marked). */
export function TimelineView() {
  const { t, f } = useI18n();
  const clock = useClock();
  const store = useStores().timeline;
  const date = useStore(store, (s) => s.date);
  const timeline = useStore(store, (s) => s.timeline);
  const error = useStore(store, (s) => s.error);
  const [zoom, setZoom] = useState<TimelineZoom>('worked');
  const current = today(clock);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const go = (d: string) => void store.getState().load(d);

  return (
    <div className="view view-timeline">
      <ViewHeader title={t('timeline.title')} subtitle={f.longDate(date)}>
        <div className="date-nav">
          <button type="button" className="icon" onClick={() => go(addDays(date, -1))} aria-label={t('timeline.previousDay')}>
            ‹
          </button>
          <input type="date" value={date} max={current} aria-label={t('timeline.date')} onChange={(e) => e.target.value && go(e.target.value)} />
          <button type="button" className="icon" onClick={() => go(addDays(date, 1))} disabled={date >= current} aria-label={t('timeline.nextDay')}>
            ›
          </button>
          <button type="button" onClick={() => go(current)} disabled={date === current}>
            {t('range.today')}
          </button>
        </div>
        <Segmented
          label={t('timeline.zoom')}
          value={zoom}
          onChange={(v) => setZoom(v)}
          options={[
            { value: 'worked', label: t('timeline.worked') },
            { value: 'fit', label: t('timeline.fit') },
            { value: 'day', label: t('timeline.wholeDay') },
          ]}
        />
      </ViewHeader>
      <ErrorNote message={error} />
      {timeline && timeline.date === date ? (
        <TimelineChart timeline={timeline} zoom={zoom} isToday={date === current} />
      ) : !error ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
    </div>
  );
}

function TimelineChart({ timeline, zoom, isToday }: { timeline: Timeline; zoom: TimelineZoom; isToday: boolean }) {
  const i18n = useI18n();
  const { t, f } = i18n;
  const clock = useClock();
  const nowMs = isToday ? clock.now() : null;
  const nothing = timeline.activity.length === 0 && timeline.idle.length === 0 && timeline.sessions.length === 0;
  if (nothing)
    return (
      <section className="card">
        <EmptyState title={isToday ? t('timeline.emptyToday') : t('timeline.emptyDay')} hint={t('timeline.emptyHint')} />
      </section>
    );
  const window = visibleWindow(timeline, zoom, nowMs);
  const span = window.endMs - window.startMs;
  const zone = timeline.timeZone;
  const lanes = laneSpans(timeline, i18n);
  return (
    <>
      <section className="card timeline-card">
        <div className="timeline">
          <div className="axis" aria-hidden="true">
            <div className="lane-label" />
            <div className="axis-track">
              {hourTicks(timeline.startMs, window).map((tick) => (
                <span key={tick.ms} className="tick" style={{ left: `${((tick.ms - window.startMs) / span) * 100}%` }}>
                  {f.time(tick.ms, zone)}
                </span>
              ))}
            </div>
          </div>
          <div className="lanes">
            <TimelineLane label={t('timeline.activity')} spans={lanes.activity} window={window} empty={t('timeline.noActivity')} />
            <TimelineLane label={t('timeline.idle')} spans={lanes.idle} window={window} empty={t('timeline.noIdle')} />
            <TimelineLane label={t('timeline.sessions')} spans={lanes.sessions} window={window} empty={t('timeline.noSessions')} />
            {nowMs !== null && nowMs >= window.startMs && nowMs <= window.endMs ? (
              <div className="now-line-track" aria-hidden="true">
                <span className="now-line" style={{ left: `${((nowMs - window.startMs) / span) * 100}%` }} />
              </div>
            ) : null}
          </div>
        </div>
        <ul className="legend">
          <li>
            <span className="swatch rate-productive" aria-hidden="true" />
            {t('rating.productive')}
          </li>
          <li>
            <span className="swatch rate-neutral" aria-hidden="true" />
            {t('rating.neutral')}
          </li>
          <li>
            <span className="swatch rate-unproductive" aria-hidden="true" />
            {t('rating.unproductive')}
          </li>
          <li>
            <span className="swatch idle" aria-hidden="true" />
            {t('timeline.idle')}
          </li>
          <li>
            <span className="swatch session-work" aria-hidden="true" />
            {t('timeline.work')}
          </li>
          <li>
            <span className="swatch session-break" aria-hidden="true" />
            {t('timeline.break')}
          </li>
          <li>
            <span className="swatch session-manual" aria-hidden="true" />
            {t('timeline.manual')}
          </li>
        </ul>
      </section>
      <section className="card">
        <h2>{t('timeline.sessionsTitle')}</h2>
        {timeline.sessions.length === 0 ? (
          <p className="muted">{t('timeline.noSessionsLong')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('timeline.when')}</th>
                <th>{t('timeline.kind')}</th>
                <th className="num">{t('timeline.duration')}</th>
                <th>{t('timeline.note')}</th>
              </tr>
            </thead>
            <tbody>
              {timeline.sessions.map((s) => (
                <tr key={`${s.startMs}-${s.kind}`}>
                  <td className="nowrap">
                    {f.time(s.startMs, zone)}–{f.time(s.endMs, zone)}
                  </td>
                  <td>
                    <span className="badges">
                      <span className={`badge kind-${s.kind}`}>{s.kind === 'work' ? t('timeline.work') : t('timeline.break')}</span>
                      {s.manual ? <span className="badge manual">{t('timeline.manual')}</span> : null}
                    </span>
                  </td>
                  <td className="num">{f.duration((s.endMs - s.startMs) / 1000)}</td>
                  <td className="muted">{s.manual && s.label ? entryReasonText(s.label, t) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function laneSpans(timeline: Timeline, { t, f }: I18n): { activity: LaneSpan[]; idle: LaneSpan[]; sessions: LaneSpan[] } {
  const zone = timeline.timeZone;
  const when = (s: { startMs: number; endMs: number }) => `${f.time(s.startMs, zone)}–${f.time(s.endMs, zone)} (${f.duration((s.endMs - s.startMs) / 1000)})`;
  return {
    activity: timeline.activity.map((s) => ({
      ...s,
      className: `rate-${s.rating ?? 'neutral'}`,
      tooltip: `${when(s)} · ${appLabel(s.label, t)} · ${s.category ? appLabel(s.category, t, 'category') : ''}`,
      text: s.label === NONE_KEY ? '' : appDisplayName(s.label),
    })),
    idle: timeline.idle.map((s) => ({ ...s, className: 'idle', tooltip: `${when(s)} · ${t('timeline.idle')}`, text: '' })),
    sessions: timeline.sessions.map((s) => ({
      ...s,
      className: `session-${s.kind}${s.manual ? ' session-manual' : ''}`,
      tooltip: `${when(s)} · ${s.kind === 'work' ? t('timeline.work') : t('timeline.break')}${s.manual ? ` · ${t('timeline.manual')}${s.label ? `: ${entryReasonText(s.label, t)}` : ''}` : ''}`,
      // The reason of a manual entry; else what it is.
      text: s.manual && s.label ? entryReasonText(s.label, t) : s.kind === 'work' ? t('timeline.work') : t('timeline.break'),
    })),
  };
}

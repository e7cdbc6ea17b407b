import { useMemo, useEffect, useRef, type JSX } from 'react';
import { AppProvider, useClock, useI18n, useStores } from '../../app/AppContext';
import { memoryStorage } from '../../app/storage';
import { labelTableCells } from '../../app/table-labels';
import { createStores, type Stores } from '../../app/stores';
import type { MessageKey } from '../../i18n/en';
import { ActivityView } from '../../views/activity/ActivityView';
import { CallsView } from '../../views/calls/CallsView';
import { SalesView } from '../../views/sales/SalesView';
import { TimelineView } from '../../views/timeline/TimelineView';
import { TimesheetView } from '../../views/timesheet/TimesheetView';
import { TodayView } from '../../views/today/TodayView';
import { createRepTransport } from '../rep-transport';
import { ErrorNote } from '../../components/ErrorNote';
import { Stat } from '../../components/Stat';
import { ViewHeader } from '../../components/ViewHeader';
import { REP_DETAIL_SCHEMA } from '../../../shared/team/team-api';
import { useTeam } from '../TeamContext';
import { viewOf } from '../team-now-rows';
import { repHref, REP_TABS, teamHref, type RepTab } from '../team-routes';
import { useLoad } from '../use-load';

const TAB_LABELS: Record<RepTab, MessageKey> = {
  overview: 'rep.tab.overview',
  today: 'nav.today',
  timeline: 'nav.timeline',
  activity: 'nav.activity',
  calls: 'nav.calls',
  sales: 'nav.sales',
  timesheet: 'nav.timesheet',
};
const REP_VIEWS: Record<Exclude<RepTab, 'overview'>, () => JSX.Element> = {
  today: TodayView,
  timeline: TimelineView,
  activity: ActivityView,
  calls: CallsView,
  sales: SalesView,
  timesheet: TimesheetView,
};

/**
 * A rep's detail, read-only, from what their devices synced: the overview (status, today's figures, the last 7
 * days, devices) and the rep's own views, the same components the rep sees, answered by the team server.
 */
export function RepView({ id, tab = 'overview' }: { id: number; tab?: RepTab }) {
  const { t, f } = useI18n();
  const { client, zone } = useTeam();
  const { data, error } = useLoad(() => client.get(`/api/team/reps/${id}`, REP_DETAIL_SCHEMA), [client, id]);
  const back = (
    <a href={teamHref('now')} className="back-link">
      {t('rep.back')}
    </a>
  );
  if (!data)
    return (
      <section className="view">
        {back}
        {error ? <ErrorNote message={error} /> : <p className="muted">{t('common.loading')}</p>}
      </section>
    );
  const v = viewOf(data.rep, data.nowMs);
  const today = data.rep.today;
  const header = (
    <>
      {back}
      <ViewHeader title={data.rep.name} subtitle={`${data.rep.email}${data.rep.team ? ` · ${data.rep.team}` : ''}`}>
        <span className={`presence presence-${v.presence}`}>
          <span className="dot" aria-hidden="true" />
          {t(`presence.${v.presence}`)}
        </span>
      </ViewHeader>
      <nav className="rep-tabs" aria-label={t('rep.tabs')}>
        {REP_TABS.map((name) => (
          <a key={name} href={repHref(id, name)} className="rep-tab" aria-current={name === tab ? 'page' : undefined}>
            {t(TAB_LABELS[name])}
          </a>
        ))}
      </nav>
    </>
  );
  if (tab !== 'overview')
    return (
      <section className="view rep-view" aria-label={data.rep.name}>
        {header}
        <p className="muted small rep-read-only">{t('rep.readOnly', { name: data.rep.name })}</p>
        <RepViews userId={id} timeZone={today.timeZone} tab={tab} />
      </section>
    );
  return (
    <section className="view" aria-labelledby="rep-title">
      {header}
      <div className="card">
        <h2>{t('rep.today', { date: f.date(today.date) })}</h2>
        <dl className="stats">
          <Stat
            label={t('now.col.worked')}
            value={f.duration(v.workedSeconds)}
            note={`${t('rep.recorded')}: ${f.duration(today.recordedWorkedSeconds)}`}
            tone="work"
          />
          <Stat label={t('rep.active')} value={f.duration(today.activeSeconds)} />
          <Stat label={t('now.col.productivity')} value={f.percent(today.productivity)} tone="productive" />
          <Stat label={t('now.col.calls')} value={`${f.number(today.answeredCalls)} / ${f.number(today.calls)}`} note={t('rep.calls')} />
          <Stat label={t('now.col.aht')} value={today.ahtSeconds === null ? '—' : f.duration(today.ahtSeconds, true)} />
        </dl>
      </div>
      <div className="columns">
        <div className="card">
          <h2>{t('rep.week')}</h2>
          {data.days.every((d) => d.workedSeconds === 0 && d.breakSeconds === 0) ? <p className="muted">{t('rep.noDays')}</p> : null}
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('timesheet.day')}</th>
                  <th scope="col" className="num">
                    {t('timesheet.worked')}
                  </th>
                  <th scope="col" className="num">
                    {t('rep.breaks')}
                  </th>
                  <th scope="col" className="num">
                    {t('timesheet.manual')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.days.map((d) => (
                  <tr key={d.date}>
                    <th scope="row">{f.date(d.date)}</th>
                    <td className="num">{f.duration(d.workedSeconds)}</td>
                    <td className="num">{f.duration(d.breakSeconds)}</td>
                    <td className="num">{f.duration(d.manualSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <div className="card">
          <h2>{t('rep.devices')}</h2>
          <ul className="plain-list">
            {data.devices.map((d) => (
              <li key={d.id}>
                <span className="mono">{t('rep.device', { id: d.id.slice(0, 8) })}</span>{' '}
                <span className="muted small">
                  {d.revokedMs !== null
                    ? t('devices.revokedAt', { time: f.dateTime(d.revokedMs, zone) })
                    : t('now.lastSeen', { time: d.lastSeenMs === null ? t('devices.never') : f.dateTime(d.lastSeenMs, zone) })}
                </span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

/**
 * One of the rep's own views over the team transport, read-only: its own stores (the rep's zone for days, the
 * page's language and theme), so the manager reads the figures the rep's device shows.
 */
function RepViews({ userId, timeZone, tab }: { userId: number; timeZone: string; tab: Exclude<RepTab, 'overview'> }) {
  const { client } = useTeam();
  const page = useStores();
  const pageClock = useClock();
  const clock = useMemo(() => ({ now: () => pageClock.now(), timeZone: () => timeZone }), [pageClock, timeZone]);
  const stores: Stores = useMemo(
    () => ({ ...createStores(createRepTransport(client, userId), { clock, storage: memoryStorage(), languages: [] }), settings: page.settings }),
    [client, userId, clock, page.settings],
  );
  useEffect(() => {
    void stores.status.getState().load();
  }, [stores]);
  // The rep's views' tables become labelled lists in a narrow window, as in the app (app/table-labels.ts).
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => (root.current ? labelTableCells(root.current) : undefined), []);
  const View = REP_VIEWS[tab];
  return (
    <div ref={root}>
      <AppProvider stores={stores} clock={clock} readOnly>
        <View key={tab} />
      </AppProvider>
    </div>
  );
}

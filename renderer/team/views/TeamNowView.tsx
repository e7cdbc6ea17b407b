import { memo, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { TeamAlert } from '../../../shared/team/alerts';
import { useI18n } from '../../app/AppContext';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { Segmented } from '../../components/Segmented';
import { ViewHeader } from '../../components/ViewHeader';
import type { MessageKey } from '../../i18n/en';
import { useTeam } from '../TeamContext';
import { SHOW, viewOf, visibleRows, type RowView, type Show, type SortKey } from '../team-now-rows';
import { teamHref } from '../team-routes';

/** How often presence, alerts and durations are re-evaluated without news from the server. */
const TICK_MS = 5_000;

const COLUMNS: { key: SortKey; label: MessageKey; num?: boolean }[] = [
  { key: 'rep', label: 'now.col.rep' },
  { key: 'state', label: 'now.col.state' },
  { key: 'call', label: 'now.col.call', num: true },
  { key: 'category', label: 'now.col.category' },
  { key: 'worked', label: 'now.col.worked', num: true },
  { key: 'productivity', label: 'now.col.productivity', num: true },
  { key: 'calls', label: 'now.col.calls', num: true },
  { key: 'aht', label: 'now.col.aht', num: true },
  { key: 'alerts', label: 'now.col.alerts' },
];

function useServerNow(offsetMs: number): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    const id = setInterval(() => setNow(Date.now() + offsetMs), TICK_MS);
    return () => clearInterval(id);
  }, [offsetMs]);
  return now;
}

export function TeamNowView() {
  const { t, f } = useI18n();
  const { teamNow, zone } = useTeam();
  const rows = useStore(teamNow, (s) => s.rows);
  const error = useStore(teamNow, (s) => s.error);
  const connection = useStore(teamNow, (s) => s.connection);
  const offsetMs = useStore(teamNow, (s) => s.offsetMs);
  const updatedMs = useStore(teamNow, (s) => s.updatedMs);
  const text = useStore(teamNow, (s) => s.text);
  const show = useStore(teamNow, (s) => s.show);
  const sort = useStore(teamNow, (s) => s.sort);
  const dir = useStore(teamNow, (s) => s.dir);
  const nowMs = useServerNow(offsetMs);

  useEffect(() => {
    void teamNow.getState().load();
    return teamNow.getState().connect();
  }, [teamNow]);

  const views = useMemo(() => (rows ?? []).map((r) => viewOf(r, nowMs)), [rows, nowMs]);
  const shown = useMemo(() => visibleRows(views, { text, show, sort, dir }), [views, text, show, sort, dir]);
  const online = views.filter((v) => v.presence !== 'offline').length;
  const working = views.filter((v) => v.presence === 'working' || v.presence === 'call').length;

  // The e2e test reads how long an update took from arrival (marked by the store) to the committed DOM.
  useLayoutEffect(() => {
    if (performance.getEntriesByName('team-now:update', 'mark').length > 0) {
      performance.measure('team-now:render', 'team-now:update');
      performance.clearMarks('team-now:update');
    }
  }, [rows]);

  return (
    <section className="view view-wide" aria-labelledby="team-now-title">
      <ViewHeader title={t('now.title')} subtitle={rows ? t('now.subtitle', { online, total: views.length, working }) : t('common.loading')}>
        <span className={`live-state ${connection === 'live' ? 'is-live' : 'is-off'}`} role="status">
          <span className="dot" aria-hidden="true" />
          {connection === 'live' ? t('now.live') : t('now.reconnecting')}
          {updatedMs !== null ? <span className="muted"> · {t('now.updated', { time: f.time(updatedMs, zone) })}</span> : null}
        </span>
      </ViewHeader>
      <ErrorNote message={error} />
      {rows && rows.length === 0 ? (
        <div className="card">
          <EmptyState title={t('now.empty')} hint={t('now.emptyHint')} />
        </div>
      ) : (
        <div className="card team-now">
          <div className="toolbar team-toolbar">
            <label className="team-filter">
              <span className="sr-only">{t('now.filter')}</span>
              <input type="search" placeholder={t('now.filterPlaceholder')} value={text} onChange={(e) => teamNow.getState().setText(e.target.value)} />
            </label>
            <Segmented<Show>
              label={t('now.show')}
              value={show}
              onChange={(v) => teamNow.getState().setShow(v)}
              options={SHOW.map((s) => ({ value: s, label: t(s === 'all' ? 'now.showAll' : s === 'online' ? 'now.showOnline' : 'now.showAlerts') }))}
            />
          </div>
          <div className="table-scroll">
            <table className="table team-table" aria-label={t('now.table')}>
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.key}
                      scope="col"
                      className={`${c.num ? 'num' : ''} col-${c.key}`}
                      aria-sort={sort === c.key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
                    >
                      <button type="button" className="sort" onClick={() => teamNow.getState().sortBy(c.key)}>
                        {t(c.label)}
                        <span className="sort-mark" aria-hidden="true">
                          {sort === c.key ? (dir === 'asc' ? '▲' : '▼') : ''}
                        </span>
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((v) => (
                  <Row key={v.row.userId} view={v} />
                ))}
              </tbody>
            </table>
          </div>
          {rows && shown.length === 0 ? <p className="muted team-nomatch">{t('now.noMatch')}</p> : null}
        </div>
      )}
    </section>
  );
}

/** One rep; re-renders only when its own figures or what they show change. */
const Row = memo(
  function Row({ view }: { view: RowView }) {
    const { t, f } = useI18n();
    const { zone } = useTeam();
    const { row, presence, alerts } = view;
    return (
      <tr data-rep={row.email} className={alerts.length > 0 ? 'has-alert' : undefined}>
        <th scope="row" className="col-rep">
          <a href={teamHref('rep', row.userId)}>{row.name}</a>
          <span className="muted small rep-sub">{row.team ?? row.email}</span>
        </th>
        <td className="col-state">
          <span className={`presence presence-${presence}`}>
            <span className="dot" aria-hidden="true" />
            {t(`presence.${presence}`)}
          </span>
          {presence === 'offline' ? (
            <span className="muted small rep-sub">
              {row.status ? t('now.lastSeen', { time: f.dateTime(row.status.receivedMs, zone) }) : t('now.neverSeen')}
            </span>
          ) : null}
        </td>
        <td className="num col-call">{view.callSeconds === null ? '—' : f.clock(view.callSeconds)}</td>
        <td className="col-category cell-text">{view.activity ?? '—'}</td>
        <td className="num col-worked">{f.duration(view.workedSeconds)}</td>
        <td className="num col-productivity">{f.percent(row.today.productivity)}</td>
        <td className="num col-calls">{f.number(row.today.answeredCalls)}</td>
        <td className="num col-aht">{row.today.ahtSeconds === null ? '—' : f.duration(row.today.ahtSeconds, true)}</td>
        <td className="col-alerts">
          {alerts.map((a, i) => (
            <span key={a.kind} className="badge alert-badge">
              {alertText(a, view.alertMinutes[i]! * 60, t, f)}
            </span>
          ))}
        </td>
      </tr>
    );
  },
  (a, b) => sameView(a.view, b.view),
);

function sameView(a: RowView, b: RowView): boolean {
  return (
    a.row === b.row &&
    a.presence === b.presence &&
    a.callSeconds === b.callSeconds &&
    a.workedSeconds === b.workedSeconds &&
    a.activity === b.activity &&
    a.alerts.length === b.alerts.length &&
    a.alerts.every((x, i) => x.kind === b.alerts[i]!.kind) &&
    a.alertMinutes.every((m, i) => m === b.alertMinutes[i])
  );
}

function alertText(a: TeamAlert, seconds: number, t: ReturnType<typeof useI18n>['t'], f: ReturnType<typeof useI18n>['f']): string {
  const duration = f.duration(Math.max(0, seconds));
  if (a.kind === 'long-idle') return t('alert.long-idle', { duration });
  return t(a.why === 'long-day' ? 'alert.long-day' : 'alert.device-offline', { duration });
}

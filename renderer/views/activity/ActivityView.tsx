import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { TimeUseGrouping } from '../../../shared/api/results';
import { useI18n, useStores } from '../../app/AppContext';
import type { RangePreset } from '../../app/date-ranges';
import { BarList } from '../../components/BarList';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { RangePicker } from '../../components/RangePicker';
import { RatingSplit } from '../../components/RatingSplit';
import { Segmented } from '../../components/Segmented';
import { Stat } from '../../components/Stat';
import { ViewHeader } from '../../components/ViewHeader';
import type { MessageKey } from '../../i18n/en';
import { HourColumns } from './HourColumns';
import { appLabel } from './row-labels';

const PRESETS: readonly RangePreset[] = ['today', 'yesterday', 'thisWeek', 'last7', 'last30'];
const GROUPINGS: { value: TimeUseGrouping; label: MessageKey; column: MessageKey }[] = [
  { value: 'app', label: 'activity.byApp', column: 'activity.app' },
  { value: 'title', label: 'activity.byTitle', column: 'activity.windowTitle' },
  { value: 'site', label: 'activity.bySite', column: 'activity.site' },
  { value: 'category', label: 'activity.byCategory', column: 'activity.category' },
  { value: 'hour', label: 'activity.byHour', column: 'activity.hour' },
];
const CHART_ROWS = 12;

/** Apps, window titles, sites, categories or hours over a range: a bar chart and the full table. */
export function ActivityView() {
  const { t, f } = useI18n();
  const store = useStores().activity;
  const query = useStore(store, (s) => s.query);
  const report = useStore(store, (s) => s.report);
  const reportQuery = useStore(store, (s) => s.reportQuery);
  const error = useStore(store, (s) => s.error);
  const loading = useStore(store, (s) => s.loading);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  // While a new report loads, the last one stays (dimmed) in its own grouping.
  const shown = reportQuery ? report : null;
  const by = reportQuery?.by ?? query.by;
  const grouping = GROUPINGS.find((g) => g.value === by) ?? GROUPINGS[0]!;
  const rows = shown?.rows ?? [];

  return (
    <div className="view view-activity">
      <ViewHeader title={t('activity.title')} subtitle={f.dateRange(query.from, query.to)}>
        <RangePicker range={query} presets={PRESETS} onChange={(r) => void store.getState().load(r)} />
      </ViewHeader>
      <Segmented
        label={t('activity.groupBy')}
        value={query.by}
        onChange={(by) => void store.getState().load({ by })}
        options={GROUPINGS.map((g) => ({ value: g.value, label: t(g.label) }))}
      />
      <ErrorNote message={error} />
      {!shown ? (
        !error ? (
          <p className="muted">{t('common.loading')}</p>
        ) : null
      ) : shown.activeSeconds === 0 ? (
        <section className="card">
          <EmptyState title={t('activity.emptyTitle')} hint={t('activity.emptyHint')} />
        </section>
      ) : (
        <div className={`view-body${loading ? ' is-loading' : ''}`}>
          <dl className="stats">
            <Stat label={t('totals.tracked')} value={f.duration(shown.trackedSeconds)} />
            <Stat label={t('totals.active')} value={f.duration(shown.activeSeconds)} />
            <Stat label={t('totals.idle')} value={f.duration(shown.idleSeconds)} tone="idle" />
            <Stat label={t('totals.productivity')} value={f.percent(shown.productivity)} tone="productive" note={t('totals.productivityNote')} />
          </dl>
          <section className="card">
            <h2>{t(grouping.label)}</h2>
            <RatingSplit productive={shown.productiveSeconds} neutral={shown.neutralSeconds} unproductive={shown.unproductiveSeconds} />
            {by === 'hour' ? (
              <HourColumns rows={rows} label={t('activity.chart')} />
            ) : (
              <>
                <BarList
                  label={t('activity.chart')}
                  rows={rows.slice(0, CHART_ROWS).map((r) => ({ key: r.key, label: appLabel(r.key, t, by), seconds: r.seconds, rating: r.rating }))}
                />
                {rows.length > CHART_ROWS ? <p className="muted small">{t('activity.moreInTable', { count: rows.length - CHART_ROWS })}</p> : null}
              </>
            )}
          </section>
          <section className="card">
            <table className="table">
              <thead>
                <tr>
                  <th>{t(grouping.column)}</th>
                  <th>{t('activity.rating')}</th>
                  <th className="num">{t('activity.time')}</th>
                  <th className="num">{t('activity.share')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <td className="cell-text" title={r.key}>
                      {by === 'hour' ? f.hour(Number(r.key.slice(0, 2))) : appLabel(r.key, t, by)}
                    </td>
                    <td>
                      <span className={`pill rate-${r.rating}`}>{t(`rating.${r.rating}`)}</span>
                    </td>
                    <td className="num">{f.duration(r.seconds)}</td>
                    <td className="num">{f.percent(r.seconds / shown.activeSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </div>
  );
}

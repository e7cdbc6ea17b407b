import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { CallsReport, StoredCall } from '../../../shared/api/results';
import { handleSeconds } from '../../../shared/calls/call-metrics';
import { useClock, useI18n, useReadOnly, useStores } from '../../app/AppContext';
import type { RangePreset } from '../../app/date-ranges';
import { BarList } from '../../components/BarList';
import { Chart } from '../../components/Chart';
import type { ChartData } from '../../components/chart-data';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { RangePicker } from '../../components/RangePicker';
import { Stat } from '../../components/Stat';
import { ViewHeader } from '../../components/ViewHeader';
import { ImportDrop } from '../../components/ImportDrop';
import { LiveCall } from './LiveCall';
import { detectedSourceText } from './call-headline';

const REVIEW_FILTERS = ['pending', 'confirmed', 'dismissed'] as const;
const PRESETS: readonly RangePreset[] = ['today', 'yesterday', 'thisWeek', 'last7', 'last30'];
/** Value-axis steps in seconds: 30 s, 1, 2, 5, 10, 15, 30 minutes. */
export const AHT_STEPS = [30, 60, 120, 300, 600, 900, 1800];

/** AHT by day as a line: one point per day, a gap on a day without answered calls. */
export function ahtTrendData(days: NonNullable<CallsReport['days']>, dateLabel: (iso: string) => string, label: string): ChartData {
  return {
    kind: 'line',
    labels: days.map((d) => dateLabel(d.date)),
    labelEvery: Math.max(1, Math.ceil(days.length / 8)),
    series: [{ label, color: '--work', values: days.map((d) => d.ahtSeconds) }],
  };
}

/** The call in progress, AHT and its parts over a range, AHT by day, and the calls themselves. */
export function CallsView() {
  const { t, f } = useI18n();
  const store = useStores().calls;
  const range = useStore(store, (s) => s.range);
  const report = useStore(store, (s) => s.report);
  const calls = useStore(store, (s) => s.calls);
  const error = useStore(store, (s) => s.error);
  const reviewFilter = useStore(store, (s) => s.reviewFilter);
  // A manager reading a rep's view (renderer/team): no call in progress, no timing, reviews or imports.
  const readOnly = useReadOnly();

  useEffect(() => {
    if (!readOnly) void store.getState().loadLive();
    void store.getState().load();
  }, [store, readOnly]);

  const shown = report && report.from === range.from && report.to === range.to ? report : null;
  const d = (seconds: number | null) => (seconds === null ? '—' : f.duration(seconds, true));

  return (
    <div className="view view-calls">
      <ViewHeader title={t('calls.title')} subtitle={f.dateRange(range.from, range.to)}>
        <RangePicker range={range} presets={PRESETS} onChange={(r) => void store.getState().load(r)} />
      </ViewHeader>
      {readOnly ? null : (
        <section className="card" aria-label={t('calls.live')}>
          <LiveCall />
        </section>
      )}
      <ErrorNote message={error} />
      {!shown ? (
        !error ? (
          <p className="muted">{t('common.loading')}</p>
        ) : null
      ) : shown.calls === 0 && shown.toReview === 0 && !reviewFilter ? (
        <section className="card">
          <EmptyState title={t('calls.emptyTitle')} hint={t('calls.emptyHint')} />
        </section>
      ) : (
        <>
          <dl className="stats">
            <Stat label={t('calls.count')} value={f.number(shown.calls, 0)} note={t('calls.answeredNote', { answered: f.number(shown.answered, 0) })} />
            <Stat label={t('calls.aht')} value={d(shown.ahtSeconds)} note={t('calls.ahtNote')} tone="work" />
            <Stat label={t('calls.avgTalk')} value={d(shown.avgTalkSeconds)} />
            <Stat label={t('calls.avgHold')} value={d(shown.avgHoldSeconds)} />
            <Stat label={t('calls.avgWrap')} value={d(shown.avgWrapSeconds)} />
            <Stat label={t('calls.medianHandle')} value={d(shown.medianHandleSeconds)} note={t('sales.p90', { value: d(shown.p90HandleSeconds) })} />
            {shown.callsPerActiveHour !== null ? (
              <Stat label={t('calls.perHour')} value={f.number(shown.callsPerActiveHour, 1)} note={t('calls.perHourNote')} />
            ) : null}
            <Stat
              label={t('calls.toReview')}
              value={f.number(shown.toReview, 0)}
              note={t('calls.toReviewNote')}
              {...(shown.toReview > 0 ? { tone: 'unproductive' as const } : {})}
            />
          </dl>
          {shown.days && shown.days.length > 1 ? (
            <section className="card">
              <h2>{t('calls.ahtByDay')}</h2>
              <Chart
                data={ahtTrendData(shown.days, (iso) => f.date(iso), t('calls.aht'))}
                label={t('calls.ahtTrend')}
                formatValue={(v) => f.duration(v, true)}
                yIncrements={AHT_STEPS}
                height={160}
              />
              <BarList
                label={t('calls.ahtByDay')}
                rows={shown.days.map((day) => ({
                  key: day.date,
                  label: `${f.date(day.date)} · ${t('calls.nCalls', { count: f.number(day.answered, 0) })}`,
                  seconds: day.ahtSeconds ?? 0,
                }))}
                precise
              />
            </section>
          ) : null}
          {shown.agents?.some((a) => a.agent !== null) ? (
            <section className="card">
              <h2>{t('calls.byAgent')}</h2>
              <AgentsTable agents={shown.agents} />
            </section>
          ) : null}
          <section className="card">
            <div className="card-head">
              <h2>{t('calls.list')}</h2>
              <label className="inline-select">
                {t('calls.filter')}{' '}
                <select
                  aria-label={t('calls.filter')}
                  value={reviewFilter ?? ''}
                  onChange={(e) => void store.getState().filter(REVIEW_FILTERS.find((r) => r === e.target.value))}
                >
                  <option value="">{t('calls.filterAll')}</option>
                  <option value="pending">{t('calls.filterPending')}</option>
                  <option value="confirmed">{t('calls.filterConfirmed')}</option>
                  <option value="dismissed">{t('calls.filterDismissed')}</option>
                </select>
              </label>
            </div>
            <CallsTable calls={calls} />
          </section>
        </>
      )}
      {readOnly ? null : (
        <ImportDrop
          title={t('import.callsTitle')}
          choices={[
            { value: 'generic', label: t('import.generic'), as: { kind: 'calls', format: 'generic' } },
            ...(['aircall', 'five9', 'talkdesk', 'zendesk-talk'] as const).map((format) => ({
              value: format,
              label: { aircall: 'Aircall', five9: 'Five9', talkdesk: 'Talkdesk', 'zendesk-talk': 'Zendesk Talk' }[format],
              as: { kind: 'calls' as const, format },
            })),
          ]}
        />
      )}
    </div>
  );
}

/** AHT and its spread per agent the imported call logs name; calls timed here have no agent. */
function AgentsTable({ agents }: { agents: NonNullable<CallsReport['agents']> }) {
  const { t, f } = useI18n();
  const d = (seconds: number | null) => (seconds === null ? <span className="muted">—</span> : f.duration(seconds, true));
  return (
    <div className="table-scroll">
      <table className="table" aria-label={t('calls.byAgent')}>
        <thead>
          <tr>
            <th>{t('calls.agent')}</th>
            <th className="num">{t('calls.count')}</th>
            <th className="num">{t('calls.answered')}</th>
            <th className="num">{t('calls.aht')}</th>
            <th className="num col-optional">{t('calls.medianHandle')}</th>
            <th className="num col-optional">{t('calls.p90Handle')}</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.agent ?? ''}>
              <td className="cell-text">{a.agent ?? <strong>{t('calls.you')}</strong>}</td>
              <td className="num">{f.number(a.calls, 0)}</td>
              <td className="num">{f.number(a.answered, 0)}</td>
              <td className="num">{d(a.ahtSeconds)}</td>
              <td className="num col-optional">{d(a.medianHandleSeconds)}</td>
              <td className="num col-optional">{d(a.p90HandleSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CallsTable({ calls }: { calls: readonly StoredCall[] }) {
  const { t, f } = useI18n();
  const clock = useClock();
  const store = useStores().calls;
  const busy = useStore(store, (s) => s.busy);
  const readOnly = useReadOnly();
  const d = (ms: number) => (ms === 0 ? <span className="muted">—</span> : f.duration(ms / 1000, true));
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th>{t('calls.when')}</th>
            <th>{t('calls.direction')}</th>
            <th>{t('calls.contact')}</th>
            <th className="num">{t('calls.talk')}</th>
            <th className="num col-optional">{t('calls.holdTime')}</th>
            <th className="num col-optional">{t('calls.afterCallWork')}</th>
            <th className="num">{t('calls.handle')}</th>
            <th>{t('calls.source')}</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((c) => (
            <tr key={c.uuid} data-call={c.uuid} className={c.source === 'detected' && c.review === null ? 'is-to-review' : undefined}>
              <td className="nowrap">{f.dateTime(c.startMs, clock.timeZone())}</td>
              <td>{c.direction === 'in' ? t('calls.inbound') : t('calls.outbound')}</td>
              <td className="cell-text">
                {c.contact ?? <span className="muted">—</span>}
                {c.agent && !c.mine ? <span className="muted small"> · {c.agent}</span> : null}
                {c.notes ? <div className="muted small call-notes">{c.notes}</div> : null}
              </td>
              <td className="num">{c.answered ? d(c.talkMs) : <span className="badge">{t('calls.missed')}</span>}</td>
              <td className="num col-optional">{d(c.holdMs)}</td>
              <td className="num col-optional">{d(c.wrapMs)}</td>
              <td className="num" data-testid="call-handle">
                {c.answered ? f.duration(handleSeconds(c), true) : <span className="muted">—</span>}
              </td>
              <td>
                <span className="call-source">
                  {c.source === 'manual'
                    ? t('calls.sourceManual')
                    : c.source === 'import'
                      ? t('calls.sourceImport', { system: c.system ?? '?' })
                      : t('calls.sourceDetected', { by: detectedSourceText(c.detectedBy, null, t) })}
                  {c.sameAs ? <span className="muted small"> · {t('calls.sameAs', { system: c.sameAs.system })}</span> : null}
                  {c.source === 'detected' && c.review === null ? <span className="badge badge-warn">{t('calls.reviewBadge')}</span> : null}
                  {c.source === 'detected' && c.review === null && !readOnly ? (
                    <span className="review">
                      <button type="button" className="link" disabled={busy !== null} onClick={() => void store.getState().review(c.uuid, 'confirm')}>
                        {t('calls.confirm')}
                      </button>
                      <button type="button" className="link danger" disabled={busy !== null} onClick={() => void store.getState().review(c.uuid, 'dismiss')}>
                        {t('calls.dismiss')}
                      </button>
                    </span>
                  ) : null}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

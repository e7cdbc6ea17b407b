import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { SalesReport } from '../../../shared/api/results';
import { useI18n, useReadOnly, useStores } from '../../app/AppContext';
import type { RangePreset } from '../../app/date-ranges';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { RangePicker } from '../../components/RangePicker';
import { Stat } from '../../components/Stat';
import { ViewHeader } from '../../components/ViewHeader';
import { ImportDrop } from '../../components/ImportDrop';
import { DEFAULT_BUSINESS_HOURS, type BusinessHoursPreference } from '../../stores/sales-store';

const PRESETS: readonly RangePreset[] = ['thisWeek', 'thisMonth', 'last30', 'thisQuarter'];

/** Sales KPIs from imported CRM reports, and the share of active time spent selling. */
export function SalesView() {
  const { t, f } = useI18n();
  const store = useStores().sales;
  const range = useStore(store, (s) => s.range);
  const report = useStore(store, (s) => s.report);
  const error = useStore(store, (s) => s.error);
  // A manager reading a rep's view (renderer/team): the imports are the team's, on the Imports page.
  const readOnly = useReadOnly();

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const shown = report && report.from === range.from && report.to === range.to ? report : null;
  const noCrm = shown !== null && shown.opportunities.open + shown.opportunities.closed === 0 && shown.leadResponse.leads === 0;

  return (
    <div className="view view-sales">
      <ViewHeader title={t('sales.title')} subtitle={f.dateRange(range.from, range.to)}>
        <RangePicker range={range} presets={PRESETS} onChange={(r) => void store.getState().load(r)} />
      </ViewHeader>
      <ErrorNote message={error} />
      {readOnly ? null : (
        <ImportDrop
          title={t('import.crmTitle')}
          choices={[
            { value: 'sf-opp', label: t('import.sfOpportunities'), as: { kind: 'crm', source: 'salesforce-opportunities' } },
            { value: 'sf-leads', label: t('import.sfLeads'), as: { kind: 'crm', source: 'salesforce-leads' } },
            { value: 'hubspot', label: t('import.hubspotDeals'), as: { kind: 'crm', source: 'hubspot-deals' } },
          ]}
        />
      )}
      {!shown ? (
        !error ? (
          <p className="muted">{t('common.loading')}</p>
        ) : null
      ) : (
        <>
          {noCrm ? (
            <section className="card">
              <EmptyState title={t('sales.emptyTitle')} hint={t('sales.emptyHint')} />
            </section>
          ) : (
            <CrmKpis report={shown} />
          )}
          <SellingTime report={shown} />
        </>
      )}
    </div>
  );
}

/** Amounts per currency, each in its own currency (never added across); none when there are none. */
export function moneyParts(byCurrency: Record<string, number> | undefined, fallback: string, money: (amount: number, currency?: string) => string): string[] {
  return Object.entries(byCurrency ?? {}).map(([code, amount]) => money(amount, code === 'unknown' ? fallback : code));
}

/** Amounts per currency in one line, "—" when there are none. */
export function moneyText(byCurrency: Record<string, number> | undefined, fallback: string, money: (amount: number, currency?: string) => string): string {
  const parts = moneyParts(byCurrency, fallback, money);
  return parts.length === 0 ? '—' : parts.join(' · ');
}

/** Amounts per currency for a card: each amount whole, the line breaking between them (never cut off with an ellipsis). */
function Amounts({ parts }: { parts: string[] }) {
  if (parts.length === 0) return <>—</>;
  return (
    <span className={parts.length > 1 ? 'amounts several' : 'amounts'}>
      {parts.map((part, i) => (
        <span key={part}>
          {i > 0 ? ' · ' : null}
          <span className="amount">{part}</span>
        </span>
      ))}
    </span>
  );
}

function CrmKpis({ report }: { report: SalesReport }) {
  const { t, f } = useI18n();
  const o = report.opportunities;
  const lr = report.leadResponse;
  const hours = useStore(useStores().sales, (s) => s.businessHours);
  const money = (byCurrency: Record<string, number> | undefined) => moneyText(byCurrency, report.currency, f.money);
  const amounts = (byCurrency: Record<string, number> | undefined) => <Amounts parts={moneyParts(byCurrency, report.currency, f.money)} />;
  const lostTotal = report.lostByReason.competitor + report.lostByReason.noDecision + report.lostByReason.other;
  const wait = (s: number | null) => (s === null ? '—' : f.duration(s));
  return (
    <>
      <section className="card">
        <h2>{t('sales.opportunities')}</h2>
        <dl className="stats">
          <Stat label={t('sales.open')} value={f.number(o.open, 0)} />
          <Stat label={t('sales.won')} value={f.number(o.won, 0)} tone="productive" />
          <Stat label={t('sales.lost')} value={f.number(o.lost, 0)} tone="unproductive" />
          <Stat label={t('sales.winRate')} value={f.percent(report.winRate)} note={t('sales.winRateNote')} />
          <Stat
            label={t('sales.wonAmount')}
            value={amounts(report.wonAmountByCurrency)}
            note={t('sales.currencyNote', { currency: report.currency })}
            tone="productive"
          />
          <Stat label={t('sales.avgDeal')} value={amounts(report.avgDealSizeByCurrency)} />
          <Stat
            label={t('sales.cycle')}
            value={report.avgSalesCycleDays === null ? '—' : t('sales.days', { days: f.number(report.avgSalesCycleDays, 1) })}
            note={
              report.medianSalesCycleDays === null
                ? undefined
                : t('sales.median', { value: t('sales.days', { days: f.number(report.medianSalesCycleDays, 1) }) })
            }
          />
          <Stat
            label={t('sales.sqlToCustomer')}
            value={f.percent(report.sqlToCustomerRate)}
            note={t('sales.sqlCohort', { sqls: f.number(report.sqlCohort.sqls, 0), customers: f.number(report.sqlCohort.customers, 0) })}
          />
        </dl>
        {lostTotal > 0 ? (
          <>
            <h3>{t('sales.lostReasons')}</h3>
            <ul className="bar-list" aria-label={t('sales.lostReasons')}>
              {(['competitor', 'noDecision', 'other'] as const).map((reason) => (
                <li key={reason} className="bar-row">
                  <span className="bar-label">{t(`sales.reason.${reason}`)}</span>
                  <span className="bar-track" aria-hidden="true">
                    <span className="bar-fill rate-unproductive" style={{ width: `${(report.lostByReason[reason] / lostTotal) * 100}%` }} />
                  </span>
                  <span className="bar-value num">
                    {f.number(report.lostByReason[reason], 0)} · {f.percent(report.lostByReason[reason] / lostTotal)}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      {report.owners ? (
        <section className="card" aria-labelledby="sales-owners-title">
          <h2 id="sales-owners-title">{t('sales.byOwner')}</h2>
          <div className="table-scroll">
            <table className="table" aria-labelledby="sales-owners-title">
              <thead>
                <tr>
                  <th>{t('sales.owner')}</th>
                  <th className="num">{t('sales.open')}</th>
                  <th className="num">{t('sales.won')}</th>
                  <th className="num">{t('sales.lost')}</th>
                  <th className="num">{t('sales.winRate')}</th>
                  <th className="num">{t('sales.wonAmount')}</th>
                  <th className="num col-optional">{t('sales.avgDeal')}</th>
                </tr>
              </thead>
              <tbody>
                {report.owners.map((row) => (
                  <tr key={row.owner ?? ''} className={row.mine ? 'is-mine' : undefined}>
                    <td className="cell-text">
                      <span>
                        {row.owner ?? <span className="muted">{t('sales.noOwner')}</span>}
                        {row.mine ? <strong> {t('sales.youMark')}</strong> : null}
                      </span>
                    </td>
                    <td className="num">{f.number(row.opportunities.open, 0)}</td>
                    <td className="num">{f.number(row.opportunities.won, 0)}</td>
                    <td className="num">{f.number(row.opportunities.lost, 0)}</td>
                    <td className="num">{f.percent(row.winRate)}</td>
                    <td className="num">{money(row.wonAmountByCurrency)}</td>
                    <td className="num col-optional">{money(row.avgDealSizeByCurrency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section className="card" aria-label={t('sales.leadResponse')}>
        <h2>{t('sales.leadResponse')}</h2>
        {lr.leads === 0 ? (
          <p className="muted">{t('sales.noLeads')}</p>
        ) : (
          <>
            <dl className="stats">
              <Stat label={t('sales.leads')} value={f.number(lr.leads, 0)} note={t('sales.neverContacted', { count: f.number(lr.neverContacted, 0) })} />
              <Stat label={t('sales.medianResponse')} value={wait(lr.medianSeconds)} note={t('sales.p90', { value: wait(lr.p90Seconds) })} />
              <Stat label={t('sales.within5')} value={f.percent(lr.within5Minutes)} tone="productive" />
              <Stat label={t('sales.within60')} value={f.percent(lr.within1Hour)} />
            </dl>
            {lr.businessHours && hours ? (
              <>
                <h3>{t('sales.inBusinessHours', { start: hours.start, end: hours.end })}</h3>
                <dl className="stats">
                  <Stat
                    label={t('sales.medianResponse')}
                    value={wait(lr.businessHours.medianSeconds)}
                    note={t('sales.p90', { value: wait(lr.businessHours.p90Seconds) })}
                  />
                  <Stat label={t('sales.within5')} value={f.percent(lr.businessHours.within5Minutes)} tone="productive" />
                  <Stat label={t('sales.within60')} value={f.percent(lr.businessHours.within1Hour)} />
                </dl>
              </>
            ) : null}
          </>
        )}
        <BusinessHoursControl />
      </section>
    </>
  );
}

/** Whether lead response is also measured in business hours, and which: kept in this browser. */
function BusinessHoursControl() {
  const { t } = useI18n();
  const store = useStores().sales;
  const hours = useStore(store, (s) => s.businessHours);
  const [draft, setDraft] = useState(hours ?? DEFAULT_BUSINESS_HOURS);
  const valid = draft.end > draft.start;
  const change = (next: BusinessHoursPreference) => {
    setDraft(next);
    if (hours && next.end > next.start) void store.getState().setBusinessHours(next);
  };
  return (
    <div className="toolbar business-hours">
      <label className="check">
        <input
          type="checkbox"
          checked={hours !== null}
          disabled={!valid}
          onChange={(e) => void store.getState().setBusinessHours(e.target.checked ? draft : null)}
        />
        {t('sales.businessHoursToggle')}
      </label>
      <label>
        {t('sales.opens')}
        <input type="time" value={draft.start} required onChange={(e) => change({ ...draft, start: e.target.value })} />
      </label>
      <label>
        {t('sales.closes')}
        <input type="time" value={draft.end} required onChange={(e) => change({ ...draft, end: e.target.value })} />
      </label>
      {!valid ? (
        <p className="error-note" role="alert">
          {t('sales.hoursInvalid')}
        </p>
      ) : null}
    </div>
  );
}

function SellingTime({ report }: { report: SalesReport }) {
  const { t, f } = useI18n();
  const share = report.sellingTimeShare;
  if (!share || share.activeSeconds === 0)
    return (
      <section className="card">
        <h2>{t('sales.sellingTime')}</h2>
        <EmptyState title={t('sales.noActivity')} hint={t('today.emptyHint')} compact />
      </section>
    );
  // Under an hour of activity every row keeps its seconds, zero too: "0s" beside "3s", not "0m".
  const precise = share.activeSeconds < 3600;
  const parts = [
    { key: 'crm', label: t('sales.crm'), seconds: share.crmSeconds, ratio: share.crm },
    { key: 'calls', label: t('sales.calls'), seconds: share.callsSeconds, ratio: share.calls },
    { key: 'email', label: t('sales.email'), seconds: share.emailSeconds, ratio: share.email },
  ];
  return (
    <section className="card">
      <h2>{t('sales.sellingTime')}</h2>
      <p className="muted small">{t('sales.sellingExplain', { share: f.percent(share.total), active: f.duration(share.activeSeconds) })}</p>
      {share.timedCallSeconds > 0 ? <p className="muted small">{t('sales.timedCalls', { duration: f.duration(share.timedCallSeconds) })}</p> : null}
      <ul className="bar-list" aria-label={t('sales.sellingTime')}>
        {parts.map((p) => (
          <li key={p.key} className="bar-row">
            <span className="bar-label">{p.label}</span>
            <span className="bar-track" aria-hidden="true">
              <span className={`bar-fill selling-${p.key}`} style={{ width: `${(p.ratio ?? 0) * 100}%` }} />
            </span>
            <span className="bar-value num">
              {f.duration(p.seconds, precise)} · {f.percent(p.ratio)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

import { useEffect } from 'react';
import { useStore } from 'zustand';
import { addDays } from '../../../shared/timesheet/local-time';
import type { OvertimeRules, Rounding } from '../../../shared/timesheet/types';
import { useClock, useI18n, useReadOnly, useStores } from '../../app/AppContext';
import { today } from '../../app/date-ranges';
import { ErrorNote } from '../../components/ErrorNote';
import { refusalText } from '../../i18n/refusal-text';
import { ViewHeader } from '../../components/ViewHeader';
import type { MessageKey } from '../../i18n/en';
import { warningText } from './warning-text';
import { OVERTIME_RULES, ROUNDING_MINUTES, ROUNDING_MODES } from '../../../shared/timesheet/types';
import { WeekStartSelect } from '../../components/WeekStartSelect';
import { ManualTimeForm } from './ManualTimeForm';
import { TimeEntries } from './TimeEntries';
import { WeekApproval } from './WeekApproval';
import { WeekGrid } from './WeekGrid';
import { download, weekCsv } from './export-week';

const RULE_LABELS: Record<OvertimeRules, MessageKey> = { none: 'timesheet.rulesNone', flsa: 'timesheet.rulesFlsa', california: 'timesheet.rulesCalifornia' };
const RULE_EXPLAINED: Record<OvertimeRules, MessageKey> = {
  none: 'timesheet.explainNone',
  flsa: 'timesheet.explainFlsa',
  california: 'timesheet.explainCalifornia',
};
const MODE_LABELS: Record<Rounding['mode'], MessageKey> = { nearest: 'timesheet.nearest', up: 'timesheet.up', down: 'timesheet.down' };

/** The week by local day with overtime and rounding, manual time, and the entries it is made of. */
export function TimesheetView() {
  const i18n = useI18n();
  const { t, f } = i18n;
  const clock = useClock();
  const store = useStores().timesheet;
  // Read-only (a manager on the team server): the rep's own settings and entries are changed on the rep's device.
  const readOnly = useReadOnly();
  const from = useStore(store, (s) => s.from);
  const sheet = useStore(store, (s) => s.sheet);
  const rules = useStore(store, (s) => s.rules);
  const sheetRules = useStore(store, (s) => s.sheetRules);
  const rounding = useStore(store, (s) => s.rounding);
  const weekStart = useStore(store, (s) => s.weekStart);
  const error = useStore(store, (s) => s.error);
  const refusal = useStore(store, (s) => s.refusal);
  const current = today(clock);
  const to = addDays(from, 6);
  const shown = sheet && sheet.from === from ? sheet : null;

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  return (
    <div className="view view-timesheet">
      <ViewHeader title={t('timesheet.title')} subtitle={weekStart ? f.dateRange(from, to) : undefined}>
        <div className="date-nav">
          <button type="button" className="icon" onClick={() => void store.getState().shiftWeek(-1)} aria-label={t('timesheet.previousWeek')}>
            ‹
          </button>
          <button type="button" onClick={() => void store.getState().showWeekOf(current)} disabled={current >= from && current <= to}>
            {t('timesheet.thisWeek')}
          </button>
          <button
            type="button"
            className="icon"
            onClick={() => void store.getState().shiftWeek(1)}
            disabled={to >= current}
            aria-label={t('timesheet.nextWeek')}
          >
            ›
          </button>
        </div>
      </ViewHeader>
      <p className="print-only print-title">{t('timesheet.printedFor', { range: f.dateRange(from, to) })}</p>
      <div className="toolbar">
        <label>
          {t('timesheet.overtimeRules')}
          <select value={rules} disabled={readOnly} onChange={(e) => void store.getState().setPreferences({ rules: e.target.value as OvertimeRules })}>
            {OVERTIME_RULES.map((r) => (
              <option key={r} value={r}>
                {t(RULE_LABELS[r])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('timesheet.rounding')}
          <select
            value={rounding.minutes}
            disabled={readOnly}
            onChange={(e) => void store.getState().setPreferences({ rounding: { ...rounding, minutes: Number(e.target.value) as Rounding['minutes'] } })}
          >
            {ROUNDING_MINUTES.map((m) => (
              <option key={m} value={m}>
                {m === 0 ? t('timesheet.noRounding') : t('timesheet.roundTo', { minutes: f.number(m) })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('timesheet.roundingMode')}
          <select
            value={rounding.mode}
            disabled={readOnly || rounding.minutes === 0}
            onChange={(e) => void store.getState().setPreferences({ rounding: { ...rounding, mode: e.target.value as Rounding['mode'] } })}
          >
            {ROUNDING_MODES.map((m) => (
              <option key={m} value={m}>
                {t(MODE_LABELS[m])}
              </option>
            ))}
          </select>
        </label>
        {weekStart && !readOnly ? (
          <WeekStartSelect label={t('timesheet.weekStart')} value={weekStart} onChange={(w) => void store.getState().setWeekStart(w)} />
        ) : null}
        <div className="button-row export-buttons">
          <button type="button" disabled={!shown} onClick={() => shown && download(`timesheet-${from}.csv`, weekCsv(shown, i18n))}>
            {t('timesheet.downloadCsv')}
          </button>
          <button type="button" disabled={!shown} onClick={() => window.print()}>
            {t('timesheet.print')}
          </button>
        </div>
      </div>
      <ErrorNote message={refusal ? refusalText(refusal, { t }) : error} />
      <section className="card">
        {shown ? (
          <>
            <WeekGrid sheet={shown} rules={sheetRules} todayDate={current} />
            <p className="muted small">
              {t(RULE_EXPLAINED[rules])}
              {rounding.minutes > 0 ? ` ${t('timesheet.roundingNote', { minutes: f.number(rounding.minutes), mode: t(MODE_LABELS[rounding.mode]) })}` : ''}
            </p>
            {shown.totals.claimedIdleSeconds + shown.totals.unconfirmedIdleSeconds > 0 ? <p className="muted small">{t('timesheet.idleNote')}</p> : null}
            {shown.totals.workedSeconds === 0 ? <p className="muted">{t('timesheet.emptyWeek')}</p> : null}
            {shown.warnings.length > 0 ? (
              <ul className="warnings" aria-label={t('timesheet.warnings')}>
                {shown.warnings.map((w) => (
                  <li key={`${w.kind}-${w.date}`}>
                    <strong>{w.kind === 'eu-48h-average' ? t('timesheet.warn48h') : t('timesheet.warn11h')}</strong> {f.date(w.date)} —{' '}
                    {warningText(w, { t, f })}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : !error ? (
          <p className="muted">{t('common.loading')}</p>
        ) : null}
      </section>
      {weekStart && !readOnly ? <WeekApproval weekStart={from} /> : null}
      <div className="columns no-print">
        {readOnly ? null : (
          <section className="card">
            <ManualTimeForm />
          </section>
        )}
        <section className="card">
          <h2>{t('entries.title')}</h2>
          <p className="muted small">{t('entries.explain')}</p>
          <TimeEntries />
        </section>
      </div>
    </div>
  );
}

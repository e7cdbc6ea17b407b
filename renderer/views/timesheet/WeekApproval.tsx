import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { WeekField, WeekState } from '../../../shared/payroll/week';
import { WEEK_FIELDS, weekTotals } from '../../../shared/payroll/week';
import { approvedWeekCsv, weekCsvFileName } from '../../../shared/payroll/week-csv';
import { useClock, useI18n, useStores } from '../../app/AppContext';
import type { MessageKey } from '../../i18n/en';
import type { I18n } from '../../i18n/i18n';
import { ApiError } from '../../stores/request';
import { refusalText } from '../../i18n/refusal-text';
import { download } from './export-week';

const FIELD_KEYS: Record<WeekField, MessageKey> = {
  workedSeconds: 'timesheet.worked',
  regularSeconds: 'timesheet.regular',
  overtimeSeconds: 'timesheet.overtime',
  doubleTimeSeconds: 'timesheet.doubleTime',
  breakSeconds: 'timesheet.breaks',
  manualSeconds: 'timesheet.manual',
  claimedIdleSeconds: 'timesheet.claimedIdle',
  unconfirmedIdleSeconds: 'timesheet.unconfirmedIdle',
};

/** A week's approval state in the reader's words. */
export function approvalText(state: WeekState | null, { t, f }: Pick<I18n, 't' | 'f'>, zone: string): string {
  if (!state) return t('approval.notSubmitted');
  const by = state.decidedBy ?? '';
  const when = state.decidedMs === null ? '' : f.dateTime(state.decidedMs, zone);
  switch (state.status) {
    case 'submitted':
      return t('approval.submitted', { when: state.submittedMs === null ? '' : f.dateTime(state.submittedMs, zone) });
    case 'approved':
      return t('approval.approved', { by, when });
    case 'rejected':
      return t('approval.rejected', { by, when, comment: state.comment ?? '' });
    case 'reopened':
      return t('approval.reopened', { by, when, comment: state.comment ?? '' });
    case 'changed':
      return t('approval.changed');
  }
}

/** A refusal of the week's submission or of an edit of a locked week, in the reader's words. */
export function weekRefusalText(error: ApiError, { t }: Pick<I18n, 't'>): string {
  // Manual time and edits are refused for other reasons too (no reason, too long, changed meanwhile): all are coded.
  return refusalText(error, { t });
}

/** The week's approval: its state and the manager's comment, Submit, the approved CSV; printed with approval and signature lines. */
export function WeekApproval({ weekStart }: { weekStart: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const zone = useClock().timeZone();
  const store = useStores().sync;
  const weeks = useStore(store, (s) => s.weeks);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);

  useEffect(() => {
    void store.getState().loadWeeks(true);
  }, [store]);
  const status = weeks?.weeks.find((w) => w.weekStart === weekStart)?.status ?? null;
  // A note answers one action: a new week or a new state (the manager decided) replaces it.
  useEffect(() => setNote(null), [weekStart, status]);

  if (!weeks) return null;
  if (!weeks.enrolled) return null;
  const state = weeks.weeks.find((w) => w.weekStart === weekStart) ?? null;

  const submit = async () => {
    setBusy(true);
    setNote(null);
    const answer = await store.getState().submitWeek(weekStart);
    setBusy(false);
    if (answer instanceof ApiError) {
      setNote({ kind: 'error', text: weekRefusalText(answer, i18n) });
    } else if (answer.otherDevices > 0) {
      // The figures the server checked count the rep's other computers too: say so, with the totals sent.
      const totals = weekTotals(answer.figures);
      const text = t('approval.doneOtherDevices', {
        worked: i18n.f.duration(totals.workedSeconds),
        overtime: i18n.f.duration(totals.overtimeSeconds),
        count: i18n.f.number(answer.otherDevices),
      });
      setNote({ kind: 'done', text });
    } else {
      setNote({ kind: 'done', text: t('approval.done') });
    }
  };
  const downloadApproved = async () => {
    const { figures, state: now, userEmail } = await store.getState().week(weekStart);
    if (!now) return;
    const text = approvedWeekCsv(figures, now, userEmail ?? '', {
      date: t('timesheet.csvDate'),
      fields: Object.fromEntries(WEEK_FIELDS.map((f) => [f, t('timesheet.csvHours', { what: t(FIELD_KEYS[f]) })])) as Record<WeekField, string>,
      total: t('timesheet.total'),
      employee: t('approval.employee'),
      approvedBy: t('approval.manager'),
      approvedOn: t('approval.approvedOn'),
      instant: (ms) => i18n.f.dateTime(ms, zone),
    });
    download(weekCsvFileName(figures.weekStart), text);
  };

  return (
    <section className={`card week-approval status-${state?.status ?? 'none'}`} aria-label={t('approval.submit')}>
      <p className="approval-state no-print" role="status">
        {approvalText(state, i18n, zone)}
      </p>
      <div className="button-row no-print">
        <button type="button" className="primary" disabled={busy || state?.locked === true || state?.status === 'submitted'} onClick={() => void submit()}>
          {busy ? t('approval.submitting') : t('approval.submit')}
        </button>
        <button type="button" disabled={busy} onClick={() => void store.getState().loadWeeks(true)}>
          {t('approval.refresh')}
        </button>
        {state?.status === 'approved' ? (
          <button type="button" onClick={() => void downloadApproved()}>
            {t('approval.csvApproved')}
          </button>
        ) : null}
      </div>
      {note ? (
        <p className={note.kind === 'error' ? 'error-note no-print' : 'muted small no-print'} role={note.kind === 'error' ? 'alert' : undefined}>
          {note.text}
        </p>
      ) : null}
      <div className="print-only signatures">
        {state?.status === 'approved' && state.decidedMs !== null ? (
          <p>{t('approval.printedApproval', { by: state.decidedBy ?? '', when: i18n.f.dateTime(state.decidedMs, zone) })}</p>
        ) : null}
        <div className="signature-lines">
          <div className="signature-line">{t('approval.employee')}</div>
          <div className="signature-line">{t('approval.manager')}</div>
        </div>
      </div>
    </section>
  );
}

import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useI18n, useStores } from '../../app/AppContext';
import { Stat } from '../../components/Stat';

/**
 * Today's work, active, idle and break time from the live status, and productivity from the report; the
 * parts of work that were entered by hand or the device saw as idle, when there are any.
 */
export function TodayTotals() {
  const { t, f } = useI18n();
  const stores = useStores();
  const totals = useStore(
    stores.status,
    useShallow((s) => {
      const d = s.status?.today;
      return d
        ? {
            work: d.workSeconds,
            active: d.activeSeconds,
            idle: d.idleSeconds,
            brk: d.breakSeconds,
            manual: d.manualSeconds,
            claimed: d.claimedIdleSeconds,
            unconfirmed: d.unconfirmedIdleSeconds,
          }
        : null;
    }),
  );
  const productivity = useStore(stores.today, (s) => (s.report ? s.report.productivity : undefined));
  if (!totals) return null;
  return (
    <dl className="stats" aria-label={t('today.totals')}>
      <Stat label={t('totals.work')} value={f.duration(totals.work)} tone="work" />
      <Stat label={t('totals.active')} value={f.duration(totals.active)} />
      <Stat label={t('totals.idle')} value={f.duration(totals.idle)} tone="idle" />
      <Stat label={t('totals.break')} value={f.duration(totals.brk)} tone="break" />
      {totals.manual > 0 ? <Stat label={t('totals.manual')} value={f.duration(totals.manual)} tone="work" note={t('totals.manualNote')} /> : null}
      {totals.claimed > 0 ? <Stat label={t('totals.claimedIdle')} value={f.duration(totals.claimed)} tone="idle" note={t('totals.claimedIdleNote')} /> : null}
      {totals.unconfirmed > 0 ? (
        <Stat label={t('totals.unconfirmedIdle')} value={f.duration(totals.unconfirmed)} tone="idle" note={t('totals.unconfirmedIdleNote')} />
      ) : null}
      <Stat
        label={t('totals.productivity')}
        value={productivity === undefined ? '…' : f.percent(productivity)}
        tone="productive"
        note={t('totals.productivityNote')}
      />
    </dl>
  );
}

import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useI18n, useStores } from '../../app/AppContext';
import { Stat } from '../../components/Stat';

/** Today's work, active, idle and break time from the live status, and productivity from the report. */
export function TodayTotals() {
  const { t, f } = useI18n();
  const stores = useStores();
  const totals = useStore(
    stores.status,
    useShallow((s) => {
      const d = s.status?.today;
      return d ? { work: d.workSeconds, active: d.activeSeconds, idle: d.idleSeconds, brk: d.breakSeconds } : null;
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
      <Stat
        label={t('totals.productivity')}
        value={productivity === undefined ? '…' : f.percent(productivity)}
        tone="productive"
        note={t('totals.productivityNote')}
      />
    </dl>
  );
}

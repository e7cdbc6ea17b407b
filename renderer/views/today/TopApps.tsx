import { useI18n, useStores } from '../../app/AppContext';
import { useStoreWith } from '../../app/use-store-with';
import { BarList, type BarRow } from '../../components/BarList';
import { appLabel } from '../activity/row-labels';

const sameRows = (a: BarRow[], b: BarRow[]) => a.length === b.length && a.every((r, i) => r.key === b[i]!.key && r.seconds === b[i]!.seconds);

/**
 * The apps used most today, from the live status, to the minute (re-renders once a minute, not a second,
 * after the first). Bars are not coloured by rating: the live status rates apps without the rules.
 */
export function TopApps() {
  const { t } = useI18n();
  const rows = useStoreWith(
    useStores().status,
    (s) =>
      (s.status?.today.topApps ?? []).map((r) => ({
        key: r.key,
        label: r.key,
        seconds: r.seconds < 60 ? Math.floor(r.seconds) : Math.floor(r.seconds / 60) * 60,
      })),
    sameRows,
  );
  if (rows.length === 0) return <p className="muted">{t('today.noApps')}</p>;
  return <BarList label={t('today.topApps')} rows={rows.map((r) => ({ ...r, label: appLabel(r.key, t) }))} />;
}

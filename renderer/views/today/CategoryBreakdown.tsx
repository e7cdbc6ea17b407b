import { useStore } from 'zustand';
import { useI18n, useStores } from '../../app/AppContext';
import { BarList } from '../../components/BarList';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { RatingSplit } from '../../components/RatingSplit';
import { appLabel } from '../activity/row-labels';

/** Today's active time by category, coloured by rating, with the productive / neutral / unproductive split. */
export function CategoryBreakdown() {
  const { t } = useI18n();
  const store = useStores().today;
  const report = useStore(store, (s) => s.report);
  const error = useStore(store, (s) => s.error);
  if (error) return <ErrorNote message={error} />;
  if (!report) return <p className="muted">{t('common.loading')}</p>;
  if (report.activeSeconds === 0) return <EmptyState title={t('today.emptyTitle')} hint={t('today.emptyHint')} compact />;
  return (
    <>
      <RatingSplit productive={report.productiveSeconds} neutral={report.neutralSeconds} unproductive={report.unproductiveSeconds} />
      <BarList
        label={t('today.byCategory')}
        rows={report.rows.slice(0, 8).map((r) => ({ key: r.key, label: appLabel(r.key, t, 'category'), seconds: r.seconds, rating: r.rating }))}
      />
    </>
  );
}

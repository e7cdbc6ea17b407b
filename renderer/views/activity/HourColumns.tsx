import type { TimeUseRow } from '../../../shared/api/results';
import { RATINGS } from '../../../shared/categories/types';
import { useI18n } from '../../app/AppContext';
import { Chart } from '../../components/Chart';
import type { ChartData } from '../../components/chart-data';
import type { MessageKey } from '../../i18n/en';

/** Value-axis steps in seconds: 5, 10, 15, 30 minutes, 1 hour. */
export const HOUR_STEPS = [300, 600, 900, 1800, 3600];

/** Active time per hour of the day (rows keyed "09:00") as 24 bars, one series per rating. */
export function hourChartData(rows: readonly TimeUseRow[], hourLabel: (h: number) => string, t: (key: MessageKey) => string): ChartData {
  const byHour = new Map(rows.map((r) => [Number(r.key.slice(0, 2)), r]));
  const hours = Array.from({ length: 24 }, (_, h) => h);
  return {
    kind: 'bars',
    labels: hours.map(hourLabel),
    labelEvery: 3,
    series: RATINGS.map((rating) => ({
      label: t(`rating.${rating}`),
      color: `--${rating}`,
      values: hours.map((h) => {
        const row = byHour.get(h);
        return row && row.rating === rating ? row.seconds : null;
      }),
    })),
  };
}

/** The hours as a bar chart, with the same figures as a list for assistive technology. */
export function HourColumns({ rows, label }: { rows: readonly TimeUseRow[]; label: string }) {
  const { f, t } = useI18n();
  const byHour = new Map(rows.map((r) => [Number(r.key.slice(0, 2)), r]));
  return (
    <>
      <Chart data={hourChartData(rows, (h) => f.hour(h), t)} label={label} formatValue={(v) => f.duration(v)} yIncrements={HOUR_STEPS} />
      <ul className="sr-only" aria-label={label}>
        {Array.from({ length: 24 }, (_, h) => {
          const row = byHour.get(h);
          const text = `${f.hour(h)}: ${row ? `${f.duration(row.seconds)}, ${t(`rating.${row.rating}`)}` : f.duration(0)}`;
          return (
            <li key={h} aria-label={text}>
              {text}
            </li>
          );
        })}
      </ul>
    </>
  );
}

import type { TimeUseRow } from '../../../shared/api/results';
import { useI18n } from '../../app/AppContext';

/** Active time per hour of the day (rows keyed "09:00") as 24 columns, coloured by each hour's rating. */
export function HourColumns({ rows, label }: { rows: readonly TimeUseRow[]; label: string }) {
  const { f, t } = useI18n();
  const byHour = new Map(rows.map((r) => [Number(r.key.slice(0, 2)), r]));
  const max = Math.max(1, ...rows.map((r) => r.seconds));
  return (
    <div className="hour-columns" role="list" aria-label={label}>
      {Array.from({ length: 24 }, (_, h) => {
        const row = byHour.get(h);
        const text = `${f.hour(h)}: ${row ? `${f.duration(row.seconds)}, ${t(`rating.${row.rating}`)}` : f.duration(0)}`;
        return (
          <div key={h} className="hour-column" role="listitem" title={text} aria-label={text}>
            <span className="hour-bar-track">
              {row ? <span className={`hour-bar rate-${row.rating}`} style={{ height: `${(row.seconds / max) * 100}%` }} /> : null}
            </span>
            <span className="hour-label">{h % 3 === 0 ? f.hour(h) : ''}</span>
          </div>
        );
      })}
    </div>
  );
}

import type { Rating } from '../../shared/categories/types';
import { useI18n } from '../app/AppContext';

export interface BarRow {
  key: string;
  label: string;
  seconds: number;
  rating?: Rating | null;
}

/** A horizontal bar chart of durations: label, bar (coloured by rating), duration. */
export function BarList({ rows, label, max, precise = false }: { rows: readonly BarRow[]; label: string; max?: number; precise?: boolean }) {
  const { f, t } = useI18n();
  const top = max ?? Math.max(1, ...rows.map((r) => r.seconds));
  return (
    <ul className="bar-list" aria-label={label}>
      {rows.map((r) => (
        <li key={r.key} className="bar-row">
          <span className="bar-label" title={r.label}>
            {r.label}
          </span>
          <span className="bar-track" aria-hidden="true">
            <span className={`bar-fill rate-${r.rating ?? 'none'}`} style={{ width: `${Math.max(0.5, (r.seconds / top) * 100)}%` }} />
          </span>
          <span className="bar-value num">{f.duration(r.seconds, precise)}</span>
          {r.rating ? <span className="sr-only">{t(`rating.${r.rating}`)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

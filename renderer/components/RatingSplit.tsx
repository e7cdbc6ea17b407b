import { useI18n } from '../app/AppContext';

/** Productive, neutral and unproductive time as one stacked bar with its legend. */
export function RatingSplit({ productive, neutral, unproductive }: { productive: number; neutral: number; unproductive: number }) {
  const { t, f } = useI18n();
  const total = productive + neutral + unproductive;
  const parts = [
    { key: 'productive', seconds: productive, label: t('rating.productive') },
    { key: 'neutral', seconds: neutral, label: t('rating.neutral') },
    { key: 'unproductive', seconds: unproductive, label: t('rating.unproductive') },
  ] as const;
  return (
    <div className="rating-split">
      <div className="split-bar" role="img" aria-label={parts.map((p) => `${p.label} ${f.duration(p.seconds)}`).join(', ')}>
        {total > 0 ? parts.map((p) => (p.seconds > 0 ? <span key={p.key} className={`rate-${p.key}`} style={{ flexGrow: p.seconds }} /> : null)) : null}
      </div>
      <ul className="legend">
        {parts.map((p) => (
          <li key={p.key}>
            <span className={`swatch rate-${p.key}`} aria-hidden="true" />
            {p.label} <span className="num">{f.duration(p.seconds)}</span>
            {total > 0 ? <span className="muted num"> · {f.percent(p.seconds / total)}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

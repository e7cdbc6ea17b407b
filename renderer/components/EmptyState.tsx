import { Rich } from './Rich';

/** What a new user sees instead of an empty chart: what is missing and what to do about it. */
export function EmptyState({ title, hint, compact = false }: { title: string; hint?: string; compact?: boolean }) {
  return (
    <div className={`empty${compact ? ' is-compact' : ''}`}>
      <p className="empty-title">{title}</p>
      {hint ? (
        <p className="empty-hint">
          <Rich text={hint} />
        </p>
      ) : null}
    </div>
  );
}

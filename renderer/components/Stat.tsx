import type { ReactNode } from 'react';

/** One figure with its label, e.g. "Work 3h 45m". */
export function Stat({
  label,
  value,
  note,
  tone,
}: {
  label: string;
  value: ReactNode;
  note?: ReactNode;
  tone?: 'productive' | 'neutral' | 'unproductive' | 'work' | 'break' | 'idle';
}) {
  return (
    <div className={`stat${tone ? ` tone-${tone}` : ''}`}>
      <dt className="stat-label">{label}</dt>
      <dd className="stat-value">{value}</dd>
      {note ? <dd className="stat-note">{note}</dd> : null}
    </div>
  );
}

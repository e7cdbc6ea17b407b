import type { TimelineSpan } from '../../../shared/api/contract';

export interface LaneSpan extends TimelineSpan {
  className: string;
  tooltip: string;
}

/** One horizontal lane of spans, positioned as shares of the visible window. */
export function TimelineLane({
  label,
  spans,
  window,
  empty,
}: {
  label: string;
  spans: readonly LaneSpan[];
  window: { startMs: number; endMs: number };
  empty: string;
}) {
  const width = window.endMs - window.startMs;
  const visible = spans.filter((s) => s.endMs > window.startMs && s.startMs < window.endMs);
  return (
    <div className="lane" role="group" aria-label={label}>
      <div className="lane-label">{label}</div>
      <div className="lane-track">
        {visible.length === 0 ? <span className="lane-empty">{empty}</span> : null}
        {visible.map((s, i) => {
          const start = Math.max(s.startMs, window.startMs);
          const end = Math.min(s.endMs, window.endMs);
          return (
            <span
              key={`${s.startMs}-${i}`}
              className={`span ${s.className}`}
              style={{ left: `${((start - window.startMs) / width) * 100}%`, width: `${((end - start) / width) * 100}%` }}
              title={s.tooltip}
              aria-label={s.tooltip}
              role="img"
            />
          );
        })}
      </div>
    </div>
  );
}

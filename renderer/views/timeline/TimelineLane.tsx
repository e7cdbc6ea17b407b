import type { TimelineSpan } from '../../../shared/api/contract';

export interface LaneSpan extends TimelineSpan {
  className: string;
  tooltip: string;
  /** Written on the lane where there is room: the app, or the reason of a manual entry. */
  text: string;
}

/** Spans side by side with the same text read as one block: "Google Chrome" once over an hour of tabs. */
export function labelRuns(spans: readonly LaneSpan[], gapMs: number): { startMs: number; endMs: number; text: string }[] {
  const runs: { startMs: number; endMs: number; text: string }[] = [];
  for (const s of spans) {
    if (!s.text) continue;
    const last = runs.at(-1);
    if (last && last.text === s.text && s.startMs - last.endMs <= gapMs) last.endMs = Math.max(last.endMs, s.endMs);
    else runs.push({ startMs: s.startMs, endMs: s.endMs, text: s.text });
  }
  return runs;
}

/** A label needs about this share of the track to be read (a few characters at 1280 px). */
const MIN_LABEL_SHARE = 0.045;

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
        {labelRuns(visible, width / 200)
          .filter((run) => (Math.min(run.endMs, window.endMs) - Math.max(run.startMs, window.startMs)) / width >= MIN_LABEL_SHARE)
          .map((run) => {
            const start = Math.max(run.startMs, window.startMs);
            const end = Math.min(run.endMs, window.endMs);
            return (
              <span
                key={`label-${run.startMs}`}
                className="span-label"
                aria-hidden="true"
                style={{ left: `${((start - window.startMs) / width) * 100}%`, width: `${((end - start) / width) * 100}%` }}
              >
                {run.text}
              </span>
            );
          })}
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

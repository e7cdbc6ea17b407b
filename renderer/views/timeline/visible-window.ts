import type { Timeline } from '../../../shared/api/contract';

const HOUR = 3_600_000;
const MIN_HOURS = 4;

/**
 * The part of the day to draw: the whole local day, or the recorded part of it rounded out to whole hours
 * (at least four hours), so a 9-to-5 day fills the width. Hours are counted from the day's start, which
 * keeps them on the local hour on DST days as well (offsets change by whole hours in all but a few zones).
 */
export type TimelineZoom = 'worked' | 'fit' | 'day';

/**
 * `day`: the whole local day; `fit`: the recorded part; `worked`: the work sessions (recorded or entered by
 * hand) — each rounded out to whole hours, at least four. `worked` falls back to `fit` on a day without work.
 */
export function visibleWindow(timeline: Timeline, zoom: TimelineZoom | boolean, nowMs: number | null): { startMs: number; endMs: number } {
  const whole = { startMs: timeline.startMs, endMs: timeline.endMs };
  const mode: TimelineZoom = zoom === true ? 'fit' : zoom === false ? 'day' : zoom;
  if (mode === 'day') return whole;
  const work = timeline.sessions.filter((s) => s.kind === 'work');
  const worked = mode === 'worked' && work.length > 0;
  const spans = worked ? work : [...timeline.activity, ...timeline.idle, ...timeline.sessions];
  if (spans.length === 0) return whole;
  let first = Math.min(...spans.map((s) => s.startMs));
  let last = Math.max(...spans.map((s) => s.endMs));
  if (!worked && nowMs !== null && nowMs > timeline.startMs && nowMs < timeline.endMs) last = Math.max(last, nowMs);
  const fromStart = (ms: number) => ms - timeline.startMs;
  let start = timeline.startMs + Math.floor(fromStart(first) / HOUR) * HOUR;
  let end = timeline.startMs + Math.ceil(fromStart(last) / HOUR) * HOUR;
  // At least four hours: grow to the right, then (at the day's end) to the left.
  if (end - start < MIN_HOURS * HOUR) end = Math.min(timeline.endMs, start + MIN_HOURS * HOUR);
  if (end - start < MIN_HOURS * HOUR) start = Math.max(timeline.startMs, end - MIN_HOURS * HOUR);
  first = Math.max(start, timeline.startMs);
  last = Math.min(end, timeline.endMs);
  return { startMs: first, endMs: last };
}

/** Hour ticks in the window, every `step` hours counted from the day's start. */
export function hourTicks(dayStartMs: number, window: { startMs: number; endMs: number }): { ms: number; step: number }[] {
  const hours = (window.endMs - window.startMs) / HOUR;
  const step = hours > 16 ? 3 : hours > 8 ? 2 : 1;
  const ticks: { ms: number; step: number }[] = [];
  const firstHour = Math.ceil((window.startMs - dayStartMs) / HOUR);
  for (let h = firstHour; dayStartMs + h * HOUR <= window.endMs; h++) {
    if (h % step === 0) ticks.push({ ms: dayStartMs + h * HOUR, step });
  }
  return ticks;
}

import { MAX_SPAN_MS, type WindowData } from './records';

export interface OpenSpan {
  startMs: number;
  endMs: number;
  data: WindowData;
}

export interface MergeResult {
  /** The span that ended with this heartbeat, with its final end; null when none ended. */
  closed: OpenSpan | null;
  /** The span that is open after this heartbeat. */
  open: OpenSpan;
}

export function sameWindow(a: WindowData, b: WindowData): boolean {
  return a.app === b.app && a.title === b.title && (a.url ?? '') === (b.url ?? '');
}

/**
 * Folds one heartbeat into the open span. Within the pulse time a changed window starts at this heartbeat
 * and the previous span runs up to it, so switching windows loses no time; past the pulse time the
 * recorder was not sampling and the gap belongs to nobody.
 */
export function mergeHeartbeat(open: OpenSpan | null, timeMs: number, data: WindowData, pulseMs: number): MergeResult {
  if (open === null) return { closed: null, open: { startMs: timeMs, endMs: timeMs, data } };
  const gap = timeMs - open.endMs;
  if (gap < 0 || gap > pulseMs) {
    return { closed: open, open: { startMs: timeMs, endMs: timeMs, data } };
  }
  if (!sameWindow(open.data, data)) {
    return { closed: { ...open, endMs: timeMs }, open: { startMs: timeMs, endMs: timeMs, data } };
  }
  if (timeMs - open.startMs >= MAX_SPAN_MS) {
    return { closed: { ...open, endMs: timeMs }, open: { startMs: timeMs, endMs: timeMs, data } };
  }
  return { closed: null, open: { ...open, endMs: timeMs } };
}

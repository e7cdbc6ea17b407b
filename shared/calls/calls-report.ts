/**
 * The pure parts of the Calls view's report and list, shared by the device (electron/recorder/reports/calls-report.ts,
 * store/calls-store.ts) and the team server answering a rep's Calls view (server/reports/rep-calls.ts), so both
 * give a manager the figures the rep sees.
 */
import { localDate } from '../timesheet/local-time';
import type { IsoDate } from '../timesheet/types';
import type { CallMetrics } from './call-metrics';
import type { CallReviewAction, CallSource } from './types';
import type { CallReviewFilter } from '../api/results';

/** Under 15 minutes of active time a rate per hour says nothing (3 calls in 27 s of input read as 400 an hour). */
export const MIN_ACTIVE_SECONDS_PER_HOUR_RATE = 15 * 60;

/** The metrics with calls per active hour: answered calls that started in worked time ÷ active hours. */
export function withCallsPerActiveHour(metrics: CallMetrics, workedCalls: number, activeSeconds: number): CallMetrics {
  return { ...metrics, callsPerActiveHour: activeSeconds >= MIN_ACTIVE_SECONDS_PER_HOUR_RATE ? workedCalls / (activeSeconds / 3600) : null };
}

/**
 * The rep's counted answered calls that started inside worked time (a work interval, not a break), per local
 * date of their start. `calls` are the counted ones of the rep; `intervals` the effective work and breaks.
 */
export function workedCallsByDate(
  calls: Iterable<{ startMs: number; answered: boolean }>,
  intervals: readonly { kind: string; startMs: number; endMs: number }[],
  zone: string,
): Map<IsoDate, number> {
  const work = intervals.filter((i) => i.kind === 'work');
  const breaks = intervals.filter((i) => i.kind !== 'work');
  const inside = (t: number, list: typeof intervals) => list.some((i) => t >= i.startMs && t < i.endMs);
  const out = new Map<IsoDate, number>();
  for (const c of calls) {
    if (!c.answered || !inside(c.startMs, work) || inside(c.startMs, breaks)) continue;
    const date = localDate(c.startMs, zone);
    out.set(date, (out.get(date) ?? 0) + 1);
  }
  return out;
}

/** Whether the calls list shows a call: by default the counted ones and detections waiting; else by review. */
export function isListedCall(c: { source: CallSource; review: CallReviewAction | null }, review: CallReviewFilter | undefined): boolean {
  if (review === undefined) return c.review === null || c.review === 'confirm';
  if (c.source !== 'detected') return false;
  if (review === 'pending') return c.review === null;
  if (review === 'confirmed') return c.review === 'confirm';
  return c.review !== null && c.review !== 'confirm';
}

/** A call or meeting timed on the rep's computer that took place: by hand, or detected and confirmed, and answered. */
export function isTimedHere(c: { source: CallSource; review: CallReviewAction | null; answered: boolean }): boolean {
  return c.answered && (c.source === 'manual' || (c.source === 'detected' && c.review === 'confirm'));
}

/** Seconds of [fromMs, toMs) covered by the spans (calls and meetings timed), overlaps counted once. */
export function coveredSeconds(spans: Iterable<{ startMs: number; endMs: number }>, fromMs: number, toMs: number): number {
  const clipped = [...spans]
    .map((c) => [Math.max(c.startMs, fromMs), Math.min(c.endMs, toMs)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [s, e] of clipped) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total / 1000;
}

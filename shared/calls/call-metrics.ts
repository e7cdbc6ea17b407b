/**
 * Call metrics (DESIGN.md §3 "Calls"), exact definitions:
 *
 * - **Handled call**: an answered call. Unanswered calls (missed, abandoned, voicemail, cancelled) are
 *   counted in `calls` and nowhere else.
 * - **After-call work** of a call is `min(wrapMs, cap)`, cap 10 minutes by default. The cap is applied
 *   here as well as in the call machine because imported calls carry their system's own wrap-up.
 * - **Handle time** of a handled call = talk + hold + capped after-call work.
 * - **AHT** = Σ handle time ÷ handled calls. `avgTalk + avgHold + avgWrap = aht` exactly.
 * - **Median and p90 handle time**: nearest-rank percentiles (see `percentile.ts`): always an observed
 *   handle time; the median of an even count is the lower middle one.
 * - **Calls per active hour** = handled calls ÷ (active seconds ÷ 3600).
 * - Durations are seconds, unrounded (display rounds).
 * - **Empty input**: counts are 0; every average and percentile is `null` when no call was handled,
 *   because 0 s would read as "instant calls"; `callsPerActiveHour` is `null` when no active time is
 *   given (or it is 0), and 0 when there is active time but no handled call.
 * - **Per day**: a call belongs to the local date of its start in the given IANA zone.
 */
import { localDate } from '../timesheet/local-time';
import type { IsoDate } from '../timesheet/types';
import { nearestRankSorted } from './percentile';
import { DEFAULT_WRAP_CAP_MS, type CallTimes } from './types';

export interface CallMetrics {
  calls: number;
  answered: number;
  ahtSeconds: number | null;
  avgTalkSeconds: number | null;
  avgHoldSeconds: number | null;
  avgWrapSeconds: number | null;
  medianHandleSeconds: number | null;
  p90HandleSeconds: number | null;
  callsPerActiveHour: number | null;
}

export interface CallMetricsOptions {
  /** Cap on after-call work per call, milliseconds; default 10 minutes. */
  wrapCapMs?: number;
  /** Active (non-idle) seconds over the same period, for calls per active hour. */
  activeSeconds?: number;
}

/** The wrap-up cap from options, 10 minutes by default; a negative or non-finite cap is refused. */
function wrapCapOf(options: { wrapCapMs?: number } | undefined): number {
  const cap = options?.wrapCapMs ?? DEFAULT_WRAP_CAP_MS;
  if (!Number.isFinite(cap) || cap < 0) throw new RangeError(`wrapCapMs must be a non-negative number of milliseconds, got ${cap}`);
  return cap;
}

/** Handle time of one call in seconds: talk + hold + after-call work capped at `wrapCapMs`. */
export function handleSeconds(call: CallTimes, wrapCapMs: number = DEFAULT_WRAP_CAP_MS): number {
  return (call.talkMs + call.holdMs + Math.min(call.wrapMs, wrapCapMs)) / 1000;
}

/**
 * What every figure is computed from: counts, sums over answered calls (after-call work already capped)
 * and every answered call's handle time, sorted. Digests of separate periods merge exactly, so a report
 * can keep one per day and combine them for any range.
 */
export interface CallDigest {
  calls: number;
  answered: number;
  talkMs: number;
  holdMs: number;
  wrapMs: number;
  /** Handle time of each answered call in ms, ascending. */
  handleMs: Float64Array;
}

export function callDigest(calls: readonly CallTimes[], wrapCapMs: number = DEFAULT_WRAP_CAP_MS): CallDigest {
  const handle = new Float64Array(calls.length);
  let answered = 0;
  let talkMs = 0;
  let holdMs = 0;
  let wrapMs = 0;
  for (const c of calls) {
    if (!c.answered) continue;
    const wrap = Math.min(c.wrapMs, wrapCapMs);
    talkMs += c.talkMs;
    holdMs += c.holdMs;
    wrapMs += wrap;
    handle[answered++] = c.talkMs + c.holdMs + wrap;
  }
  return { calls: calls.length, answered, talkMs, holdMs, wrapMs, handleMs: handle.slice(0, answered).sort() };
}

/** One digest for the calls of all the given ones. */
export function mergeDigests(digests: readonly CallDigest[]): CallDigest {
  const handle = new Float64Array(digests.reduce((n, d) => n + d.answered, 0));
  const merged: CallDigest = { calls: 0, answered: 0, talkMs: 0, holdMs: 0, wrapMs: 0, handleMs: handle };
  for (const d of digests) {
    handle.set(d.handleMs, merged.answered);
    merged.calls += d.calls;
    merged.answered += d.answered;
    merged.talkMs += d.talkMs;
    merged.holdMs += d.holdMs;
    merged.wrapMs += d.wrapMs;
  }
  handle.sort();
  return merged;
}

/** The figures of the module comment from a digest; `activeSeconds` over the same period gives calls per active hour. */
export function metricsFromDigest(d: CallDigest, activeSeconds?: number): CallMetrics {
  if (activeSeconds !== undefined && !(Number.isFinite(activeSeconds) && activeSeconds >= 0)) {
    throw new RangeError(`activeSeconds must be a non-negative number, got ${activeSeconds}`);
  }
  const avg = (ms: number) => (d.answered === 0 ? null : ms / 1000 / d.answered);
  const rank = (p: number) => {
    const ms = nearestRankSorted(d.handleMs, p);
    return ms === null ? null : ms / 1000;
  };
  return {
    calls: d.calls,
    answered: d.answered,
    ahtSeconds: avg(d.talkMs + d.holdMs + d.wrapMs),
    avgTalkSeconds: avg(d.talkMs),
    avgHoldSeconds: avg(d.holdMs),
    avgWrapSeconds: avg(d.wrapMs),
    medianHandleSeconds: rank(50),
    p90HandleSeconds: rank(90),
    callsPerActiveHour: activeSeconds ? d.answered / (activeSeconds / 3600) : null,
  };
}

export function callMetrics(calls: readonly CallTimes[], options?: CallMetricsOptions): CallMetrics {
  return metricsFromDigest(callDigest(calls, wrapCapOf(options)), options?.activeSeconds);
}

export interface DailyCallMetrics extends CallMetrics {
  date: IsoDate;
}

export interface DailyCallMetricsOptions {
  /** IANA zone whose local dates the calls are grouped by (the rep's zone). */
  zone: string;
  wrapCapMs?: number;
  /** Active seconds per local date, for calls per active hour on each day. */
  activeSecondsByDate?: Readonly<Record<IsoDate, number>>;
}

/** Metrics per local date of each call's start, in date order; days without calls are absent. */
export function callMetricsByDay(calls: readonly CallTimes[], options: DailyCallMetricsOptions): DailyCallMetrics[] {
  const byDate = new Map<IsoDate, CallTimes[]>();
  for (const call of calls) {
    const date = localDate(call.startMs, options.zone);
    let list = byDate.get(date);
    if (!list) byDate.set(date, (list = []));
    list.push(call);
  }
  return [...byDate.keys()].sort().map((date) => {
    const metricsOptions: CallMetricsOptions = {};
    if (options.wrapCapMs !== undefined) metricsOptions.wrapCapMs = options.wrapCapMs;
    const active = options.activeSecondsByDate?.[date];
    if (active !== undefined) metricsOptions.activeSeconds = active;
    return { date, ...callMetrics(byDate.get(date)!, metricsOptions) };
  });
}

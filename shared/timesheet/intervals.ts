/**
 * Interval algebra on the real (UTC) time line: union without double counting, break subtraction,
 * and splitting at local midnights. Instants are truncated to whole seconds on the way in so every
 * total is an exact integer number of seconds and sums never drift.
 */
import { assertTimeZone, createDayLocator } from './local-time';
import type { IsoDate, TimeInterval } from './types';

/** A half-open span [startMs, endMs) reckoned in `zone`. */
export interface Segment {
  startMs: number;
  endMs: number;
  zone: string;
  /** Only manual intervals cover it (any recorded interval over the same time wins). */
  manual: boolean;
}

/** A segment that lies within one local day of its zone. */
export interface DayPiece extends Segment {
  date: IsoDate;
}

interface Normalized extends Segment {
  order: number;
}

const toWholeSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;

/**
 * Validates and normalizes input: zone falls back when missing/blank, instants are truncated to whole
 * seconds, and an interval whose end is not after its start is empty and dropped.
 */
export function normalizeIntervals(intervals: readonly TimeInterval[], fallbackTimeZone: string): Normalized[] {
  assertTimeZone(fallbackTimeZone);
  const out: Normalized[] = [];
  intervals.forEach((interval, order) => {
    if (!Number.isFinite(interval.startMs) || !Number.isFinite(interval.endMs)) {
      throw new RangeError(`interval ${order}: start and end must be finite UTC milliseconds`);
    }
    const zone = interval.timeZone?.trim() || fallbackTimeZone;
    assertTimeZone(zone);
    const startMs = toWholeSecond(interval.startMs);
    const endMs = toWholeSecond(interval.endMs);
    if (endMs > startMs) out.push({ startMs, endMs, zone, manual: interval.manual === true, order });
  });
  return out;
}

/**
 * The union of `intervals` as disjoint, sorted segments. Where several intervals overlap, the time
 * counts once, in the zone of the interval that started first (input order breaks ties), and is
 * manual only if every covering interval is manual.
 */
export function unionSegments(intervals: readonly Normalized[]): Segment[] {
  const sorted = [...intervals].sort((a, b) => a.startMs - b.startMs || a.order - b.order);
  const bounds = [...new Set(sorted.flatMap((i) => [i.startMs, i.endMs]))].sort((a, b) => a - b);
  const out: Segment[] = [];
  let active: Normalized[] = [];
  let next = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const startMs = bounds[i]!;
    const endMs = bounds[i + 1]!;
    while (next < sorted.length && sorted[next]!.startMs <= startMs) active.push(sorted[next++]!);
    // Coverage is constant between two consecutive boundaries; `active` stays in start order.
    active = active.filter((x) => x.endMs > startMs);
    const first = active[0];
    if (!first) continue;
    const manual = active.every((x) => x.manual);
    const prev = out[out.length - 1];
    if (prev && prev.endMs === startMs && prev.zone === first.zone && prev.manual === manual) prev.endMs = endMs;
    else out.push({ startMs, endMs, zone: first.zone, manual });
  }
  return out;
}

/** `segments` minus the time covered by `holes`; both must be sorted and disjoint. */
export function subtractSegments(segments: readonly Segment[], holes: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  let h = 0;
  for (const seg of segments) {
    let cursor = seg.startMs;
    while (h < holes.length && holes[h]!.endMs <= cursor) h++;
    for (let k = h; k < holes.length && holes[k]!.startMs < seg.endMs; k++) {
      const hole = holes[k]!;
      if (hole.startMs > cursor) out.push({ ...seg, startMs: cursor, endMs: hole.startMs });
      cursor = Math.max(cursor, hole.endMs);
    }
    if (cursor < seg.endMs) out.push({ ...seg, startMs: cursor, endMs: seg.endMs });
  }
  return out;
}

/** `segments` cut to the window [startMs, endMs). */
export function clipSegments(segments: readonly Segment[], startMs: number, endMs: number): Segment[] {
  return segments
    .filter((seg) => seg.endMs > startMs && seg.startMs < endMs)
    .map((seg) => ({ ...seg, startMs: Math.max(seg.startMs, startMs), endMs: Math.min(seg.endMs, endMs) }));
}

/** Splits each segment at the local midnights of its own zone and labels each piece with its date. */
export function splitByLocalDay(segments: readonly Segment[]): DayPiece[] {
  const locate = createDayLocator();
  const out: DayPiece[] = [];
  for (const seg of segments) {
    let cursor = seg.startMs;
    while (cursor < seg.endMs) {
      const day = locate(cursor, seg.zone);
      const endMs = Math.min(seg.endMs, day.endMs);
      if (endMs <= cursor) throw new Error(`local day of ${seg.zone} at ${cursor} does not contain it`); // never loop
      out.push({ ...seg, date: day.date, startMs: cursor, endMs });
      cursor = endMs;
    }
  }
  return out;
}

/**
 * Segments on the real (UTC) time line (worked-time.ts makes them): clipping, and splitting at local
 * midnights of each segment's zone.
 */
import { createDayLocator } from './local-time';
import type { IsoDate } from './types';

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

/** `segments` cut to the window [startMs, endMs). */
export function clipSegments<T extends Segment>(segments: readonly T[], startMs: number, endMs: number): T[] {
  return segments
    .filter((seg) => seg.endMs > startMs && seg.startMs < endMs)
    .map((seg) => ({ ...seg, startMs: Math.max(seg.startMs, startMs), endMs: Math.min(seg.endMs, endMs) }));
}

/** Splits each segment at the local midnights of its own zone and labels each piece with its date. */
export function splitByLocalDay<T extends Segment>(segments: readonly T[]): (T & DayPiece)[] {
  const locate = createDayLocator();
  const out: (T & DayPiece)[] = [];
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

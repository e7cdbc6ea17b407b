/**
 * Worked time: the one computation behind every work, break, manual and idle figure (time use, the
 * timesheet, `stint status`, the views and the API). Work pieces, breaks and idle marks go in; disjoint
 * worked and break segments come out, each worked second labelled once:
 *
 * - work is the union of the work pieces (overlaps count once) minus the union of the breaks;
 * - a worked second is manual only when every piece over it was added or changed by hand (recorded wins);
 * - a worked second is idle when every piece over it was recorded by a device that was idle then:
 *   "claimed" when the rep said the idle was work (or a call), "unconfirmed" while a stretch is unanswered.
 *
 * Instants are truncated to whole seconds on the way in, as the timesheet engine does, so every figure is
 * an exact number of seconds whichever report sums it.
 */
import { assertTimeZone } from './local-time';
import type { Segment } from './intervals';
import type { TimeInterval } from './types';

export type IdleState = 'claimed' | 'unconfirmed';

/** A span of work after corrections: recorded by a device, or entered or changed by hand. */
export interface WorkPiece extends TimeInterval {
  /** The device that recorded it; null for manual time (only recorded work can be idle). */
  deviceId: string | null;
}

/** An idle stretch of one device that still counts as work: claimed by the rep, or not answered yet. */
export interface IdleMark {
  startMs: number;
  endMs: number;
  deviceId: string;
  state: IdleState;
}

export interface WorkedSegment extends Segment {
  idle: IdleState | null;
}

/** Disjoint, sorted worked and break segments. */
export interface WorkedTime {
  worked: WorkedSegment[];
  breaks: Segment[];
}

export interface WorkedTotals {
  workSeconds: number;
  breakSeconds: number;
  /** Worked time added or changed by hand. */
  manualSeconds: number;
  /** Worked time the device saw as idle and the rep said was work. */
  claimedIdleSeconds: number;
  /** Worked time the device saw as idle that nobody has answered for yet. */
  unconfirmedIdleSeconds: number;
}

interface Item {
  startMs: number;
  endMs: number;
  zone: string;
  manual: boolean;
  deviceId: string | null;
  order: number;
}

const toWholeSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;

function normalize<T extends { startMs: number; endMs: number }>(items: readonly T[], what: string): (T & { order: number })[] {
  const out: (T & { order: number })[] = [];
  items.forEach((item, order) => {
    if (!Number.isFinite(item.startMs) || !Number.isFinite(item.endMs)) throw new RangeError(`${what} ${order}: start and end must be finite UTC milliseconds`);
    const startMs = toWholeSecond(item.startMs);
    const endMs = toWholeSecond(item.endMs);
    if (endMs > startMs) out.push({ ...item, startMs, endMs, order });
  });
  return out.sort((a, b) => a.startMs - b.startMs || a.order - b.order);
}

function items(intervals: readonly (TimeInterval & { deviceId?: string | null })[], fallbackTimeZone: string, what: string): Item[] {
  return normalize(intervals, what).map((i) => {
    const zone = i.timeZone?.trim() || fallbackTimeZone;
    assertTimeZone(zone);
    return { startMs: i.startMs, endMs: i.endMs, zone, manual: i.manual === true, deviceId: i.deviceId ?? null, order: i.order };
  });
}

/**
 * Worked and break time from work pieces, breaks and idle marks. Where several pieces overlap, the time
 * counts once, in the zone of the piece that started first (input order breaks ties).
 */
export function workedTime(work: readonly WorkPiece[], breaks: readonly TimeInterval[], idle: readonly IdleMark[], fallbackTimeZone: string): WorkedTime {
  assertTimeZone(fallbackTimeZone);
  const w = items(work, fallbackTimeZone, 'work');
  const b = items(breaks, fallbackTimeZone, 'break');
  const marks = normalize(idle, 'idle');
  const bounds = [...new Set([...w, ...b, ...marks].flatMap((x) => [x.startMs, x.endMs]))].sort((x, y) => x - y);

  const out: WorkedTime = { worked: [], breaks: [] };
  let activeWork: Item[] = [];
  let activeBreaks: Item[] = [];
  let activeMarks: typeof marks = [];
  let nw = 0;
  let nb = 0;
  let nm = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const startMs = bounds[i]!;
    const endMs = bounds[i + 1]!;
    // Coverage is constant between two consecutive bounds; the active lists stay in start order.
    while (nw < w.length && w[nw]!.startMs <= startMs) activeWork.push(w[nw++]!);
    while (nb < b.length && b[nb]!.startMs <= startMs) activeBreaks.push(b[nb++]!);
    while (nm < marks.length && marks[nm]!.startMs <= startMs) activeMarks.push(marks[nm++]!);
    activeWork = activeWork.filter((x) => x.endMs > startMs);
    activeBreaks = activeBreaks.filter((x) => x.endMs > startMs);
    activeMarks = activeMarks.filter((x) => x.endMs > startMs);

    if (activeBreaks.length > 0) {
      const manual = activeBreaks.every((x) => x.manual);
      const zone = activeBreaks[0]!.zone;
      const prev = out.breaks.at(-1);
      if (prev && prev.endMs === startMs && prev.zone === zone && prev.manual === manual) prev.endMs = endMs;
      else out.breaks.push({ startMs, endMs, zone, manual });
      continue;
    }
    if (activeWork.length === 0) continue;
    const manual = activeWork.every((x) => x.manual);
    const zone = activeWork[0]!.zone;
    const idleState = idleOf(activeWork, activeMarks);
    const prev = out.worked.at(-1);
    if (prev && prev.endMs === startMs && prev.zone === zone && prev.manual === manual && prev.idle === idleState) prev.endMs = endMs;
    else out.worked.push({ startMs, endMs, zone, manual, idle: idleState });
  }
  return out;
}

/** Idle only when every piece here was recorded by a device idle here; unconfirmed if any of those is. */
function idleOf(work: readonly Item[], marks: readonly IdleMark[]): IdleState | null {
  let state: IdleState = 'claimed';
  for (const piece of work) {
    if (piece.manual || piece.deviceId === null) return null;
    const mark = marks.find((m) => m.deviceId === piece.deviceId);
    if (!mark) return null;
    if (mark.state === 'unconfirmed') state = 'unconfirmed';
  }
  return state;
}

/** The figures of [fromMs, toMs): what time use, status and the views show for a range. */
export function workedTotals(time: WorkedTime, fromMs: number, toMs: number): WorkedTotals {
  const overlap = (s: Segment) => Math.max(0, Math.min(s.endMs, toMs) - Math.max(s.startMs, fromMs));
  const ms = { work: 0, break: 0, manual: 0, claimed: 0, unconfirmed: 0 };
  for (const s of time.worked) {
    const part = overlap(s);
    ms.work += part;
    if (s.manual) ms.manual += part;
    if (s.idle !== null) ms[s.idle] += part;
  }
  for (const s of time.breaks) ms.break += overlap(s);
  return {
    workSeconds: ms.work / 1000,
    breakSeconds: ms.break / 1000,
    manualSeconds: ms.manual / 1000,
    claimedIdleSeconds: ms.claimed / 1000,
    unconfirmedIdleSeconds: ms.unconfirmed / 1000,
  };
}

/** The Timeline view's day from its records, for the device (electron/recorder/api/handlers.ts) and the team server alike. */
import type { Timeline, TimelineSpan } from '../api/contract';
import type { Categorizer } from '../categories';
import type { EffectiveInterval } from '../timesheet/effective';

/** One recorded window span, with its strings resolved. */
export interface TimelineActivityRow {
  startMs: number;
  endMs: number;
  app: string;
  title: string;
  url: string | null;
}

/** One recorded idle stretch. */
export interface TimelineIdleRow {
  startMs: number;
  endMs: number;
}

export interface TimelineParts {
  date: string;
  timeZone: string;
  startMs: number;
  endMs: number;
  /** The activity and idle records overlapping the day, in start order. */
  activity: readonly TimelineActivityRow[];
  idle: readonly TimelineIdleRow[];
  /** Work and breaks as they count after corrections, overlapping the day. */
  sessions: readonly EffectiveInterval[];
  categorizer: Categorizer;
}

export function timelineOf(p: TimelineParts): Timeline {
  const { startMs, endMs } = p;
  const clip = (s: number, e: number) => ({ startMs: Math.max(s, startMs), endMs: Math.min(e, endMs) });
  // Neighbouring spans of the same category are one block on the lane; the label names the longest window.
  const activity: (TimelineSpan & { longest: number })[] = [];
  for (const r of p.activity) {
    const c = p.categorizer.categorize({ app: r.app, title: r.title, ...(r.url === null ? {} : { url: r.url }) });
    const span = clip(r.startMs, r.endMs);
    const label = r.app;
    const last = activity.at(-1);
    if (last && last.category === c.category && span.startMs - last.endMs <= 2000) {
      last.endMs = span.endMs;
      if (span.endMs - span.startMs > last.longest) Object.assign(last, { label, longest: span.endMs - span.startMs });
    } else {
      activity.push({ ...span, label, category: c.category, rating: c.rating, longest: span.endMs - span.startMs });
    }
  }
  const idle = p.idle.map((r) => ({ ...clip(r.startMs, r.endMs), label: '', category: null, rating: null }));
  const sessions = p.sessions.map((i) => ({
    ...clip(i.startMs, i.endMs),
    label: i.manual ? (i.reason ?? '') : '',
    category: null,
    rating: null,
    kind: i.kind,
    manual: i.manual,
  }));
  return {
    date: p.date,
    timeZone: p.timeZone,
    startMs,
    endMs,
    activity: activity.map(({ longest: _l, ...span }) => span),
    idle,
    sessions,
  };
}

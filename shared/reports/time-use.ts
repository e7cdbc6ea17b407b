/**
 * Time use (the Today and Activity views' figures) from active time per window or per quarter hour: the
 * device sums its SQLite records into these parts (electron/recorder/reports/time-use.ts), the team server its
 * synced records (server/reports/rep-views.ts), and both finish here, so a rep and their manager see the same figures.
 */
import { RATINGS, UNCATEGORIZED, type Categorizer, type Rating } from '../categories';
import { NONE_KEY, type TimeUseGrouping, type TimeUseReport, type TimeUseRow } from '../api/results';
import type { WindowData } from '../recording/records';
import { utcOffsetMinutes } from '../recording/zone-offset';
import type { WorkedTotals } from '../timesheet/worked-time';
import { compareText } from '../compare-text';

// The runtime's WHATWG URL (Node and browsers); shared code compiles without either's types.
declare const URL: new (url: string) => { hostname: string };

export interface Span {
  start: number;
  end: number;
}

/** Active milliseconds of one UTC quarter hour, by rating. */
export type RatingMs = Record<Rating, number>;

export const QUARTER_HOUR_MS = 15 * 60 * 1000;

/** Active milliseconds of one window (idle taken out); its category and rating when the caller knows them already. */
export interface WindowMs {
  window: WindowData;
  ms: number;
  categorized?: { category: string; rating: Rating };
}

export interface TimeUseParts {
  fromMs: number;
  toMs: number;
  by: TimeUseGrouping;
  /** The zone hours are read in for by hour. */
  timeZone: string;
  /** Active time per window (every grouping but hour). */
  windows: Iterable<WindowMs>;
  /** Active time per UTC quarter hour (its number since the epoch) and rating (by hour). */
  quarters: Iterable<[number, RatingMs]>;
  idleMs: number;
  work: WorkedTotals;
  /** Categories and ratings; without it everything is Uncategorized and neutral. */
  categorizer?: Categorizer;
}

/** The report from its parts: each window categorized once, grouped, ranked; hours in order. */
export function timeUseOf(p: TimeUseParts): TimeUseReport {
  const byRating: Record<Rating, number> = { productive: 0, neutral: 0, unproductive: 0 };
  const rowsMs = new Map<string, RatingMs>();
  const addRow = (key: string, rating: Rating, ms: number) => {
    let row = rowsMs.get(key);
    if (!row) rowsMs.set(key, (row = { productive: 0, neutral: 0, unproductive: 0 }));
    row[rating] += ms;
  };
  if (p.by === 'hour') {
    const labelOf = localHourLabel(p.timeZone);
    for (const [quarter, ms] of p.quarters) {
      const key = labelOf(quarter * QUARTER_HOUR_MS);
      for (const rating of RATINGS) {
        if (ms[rating] <= 0) continue;
        addRow(key, rating, ms[rating]);
        byRating[rating] += ms[rating];
      }
    }
  } else {
    for (const { window, ms, categorized } of p.windows) {
      if (ms <= 0) continue;
      const c = categorized ?? (p.categorizer ? p.categorizer.categorize(window) : { rating: 'neutral' as Rating, category: UNCATEGORIZED });
      byRating[c.rating] += ms;
      addRow(groupKey(p.by, window, c.category), c.rating, ms);
    }
  }
  const rows: TimeUseRow[] = [...rowsMs.entries()]
    .map(([key, ms]) => ({ key, seconds: (ms.productive + ms.neutral + ms.unproductive) / 1000, rating: dominant(ms) }))
    .filter((r) => r.seconds > 0)
    .sort((a, b) => (p.by === 'hour' ? compareText(a.key, b.key) : b.seconds - a.seconds || compareText(a.key, b.key)));
  const activeMs = byRating.productive + byRating.neutral + byRating.unproductive;
  return {
    fromMs: p.fromMs,
    toMs: p.toMs,
    trackedSeconds: (activeMs + p.idleMs) / 1000,
    activeSeconds: activeMs / 1000,
    idleSeconds: p.idleMs / 1000,
    ...p.work,
    productiveSeconds: byRating.productive / 1000,
    neutralSeconds: byRating.neutral / 1000,
    unproductiveSeconds: byRating.unproductive / 1000,
    productivity: activeMs > 0 ? byRating.productive / activeMs : null,
    rows,
  };
}

/** Idle spans clipped to [fromMs, toMs) and merged where they overlap; `spans` in start order. */
export function mergedIdle(spans: Iterable<{ startMs: number; endMs: number }>, fromMs: number, toMs: number): Span[] {
  const out: Span[] = [];
  for (const { startMs, endMs } of spans) {
    const s = Math.max(startMs, fromMs);
    const e = Math.min(endMs, toMs);
    if (e <= s) continue;
    const last = out.at(-1);
    if (last && s <= last.end) last.end = Math.max(last.end, e);
    else out.push({ start: s, end: e });
  }
  return out;
}

/**
 * Active time (activity minus idle) in [fromMs, toMs) per UTC quarter hour and rating, added to `out`. Every
 * zone offset and DST change falls on a UTC quarter hour, so a quarter lies within one local hour in any zone.
 * `spans` in start order; `idle` from mergedIdle.
 */
export function addActiveByQuarter<W>(
  spans: Iterable<{ startMs: number; endMs: number; window: W }>,
  idle: readonly Span[],
  fromMs: number,
  toMs: number,
  rate: (window: W) => Rating,
  out: Map<number, RatingMs>,
): Map<number, RatingMs> {
  const addActive = (start: number, end: number, rating: Rating) => {
    for (let t = start; t < end;) {
      const quarter = Math.floor(t / QUARTER_HOUR_MS);
      const stop = Math.min(end, (quarter + 1) * QUARTER_HOUR_MS);
      let ms = out.get(quarter);
      if (!ms) out.set(quarter, (ms = { productive: 0, neutral: 0, unproductive: 0 }));
      ms[rating] += stop - t;
      t = stop;
    }
  };
  let i = 0;
  for (const span of spans) {
    let start = Math.max(span.startMs, fromMs);
    const end = Math.min(span.endMs, toMs);
    if (end <= start) continue;
    const rating = rate(span.window);
    while (i < idle.length && idle[i]!.end <= start) i++;
    // Keep the parts of this span between the idle spans that cut into it.
    for (let j = i; j < idle.length && idle[j]!.start < end && start < end; j++) {
      const gap = idle[j]!;
      if (gap.start > start) addActive(start, Math.min(gap.start, end), rating);
      start = Math.max(start, gap.end);
    }
    if (start < end) addActive(start, end, rating);
  }
  return out;
}

/** Active time per window in [fromMs, toMs): each span clipped, minus its overlap with idle (`idle` from mergedIdle). */
export function activeByWindow(
  spans: Iterable<{ startMs: number; endMs: number; window: WindowData }>,
  idle: readonly Span[],
  fromMs: number,
  toMs: number,
): WindowMs[] {
  const out = new Map<string, WindowMs>();
  for (const span of spans) {
    const start = Math.max(span.startMs, fromMs);
    const end = Math.min(span.endMs, toMs);
    if (end <= start) continue;
    let ms = end - start;
    for (const gap of idle) if (gap.start < end && gap.end > start) ms -= Math.min(end, gap.end) - Math.max(start, gap.start);
    const w = span.window;
    const key = `${w.app}\u0000${w.title}\u0000${w.url ?? '\u0001'}`;
    const entry = out.get(key);
    if (entry) entry.ms += ms;
    else out.set(key, { window: w, ms });
  }
  return [...out.values()];
}

function dominant(ms: RatingMs): Rating {
  return RATINGS.reduce((best, r) => (ms[r] > ms[best] ? r : best), 'neutral' as Rating);
}

function siteOf(url: string | undefined): string {
  if (!url) return NONE_KEY;
  try {
    return new URL(url).hostname;
  } catch {
    return NONE_KEY;
  }
}

function groupKey(by: Exclude<TimeUseGrouping, 'hour'>, w: WindowData, category: string): string {
  switch (by) {
    case 'app':
      return w.app;
    case 'title':
      return w.app === '' || w.title === '' ? w.app : `${w.app} — ${w.title}`;
    case 'site':
      return siteOf(w.url);
    case 'category':
      return category;
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_LABELS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);

/**
 * The local hour ("09:00") of an instant in a zone. Luxon is exact but slow per call, so the offset is
 * looked up once per UTC day and reused when the day has no DST change; only change days ask per instant.
 */
export function localHourLabel(timeZone: string): (ms: number) => string {
  const dayOffsets = new Map<number, number | null>();
  const offsetAt = (ms: number) => utcOffsetMinutes(ms, timeZone);
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    let offset = dayOffsets.get(day);
    if (offset === undefined) {
      const first = offsetAt(day * DAY_MS);
      offset = first === offsetAt((day + 1) * DAY_MS - 1) ? first : null;
      dayOffsets.set(day, offset);
    }
    const minutes = offset ?? offsetAt(ms);
    const local = (((ms + minutes * 60_000) % DAY_MS) + DAY_MS) % DAY_MS;
    return HOUR_LABELS[Math.floor(local / 3_600_000)]!;
  };
}

import type Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { RATINGS, UNCATEGORIZED, type Categorizer, type Rating } from '../../../shared/categories';
import { MAX_SPAN_MS, type WindowData } from '../../../shared/recording/records';
import { workedTotals } from '../../../shared/timesheet';
import { CorrectionsStore } from '../store/corrections-store';
import { SettingsStore } from '../store/settings-store';
import { activityTotals } from './activity-totals';
import { activeQuarters, clippedIdle, QUARTER_HOUR_MS } from './hour-totals';
import { NONE_KEY, type TimeUseGrouping, type TimeUseReport, type TimeUseRow } from '../../../shared/api/results';

export interface TimeUseQuery {
  fromMs: number;
  toMs: number;
  by: TimeUseGrouping;
  /** The zone hours are read in for --by hour. */
  timeZone: string;
  /** Open sessions clocked in by hand run until now. */
  nowMs: number;
  /** Categories and ratings; without it everything is Uncategorized and neutral. */
  categorizer?: Categorizer;
}

interface WindowTotal {
  appId: number;
  titleId: number;
  urlId: number | null;
  ms: number;
  rating: Rating;
  category: string;
}

const windowKey = (appId: number, titleId: number, urlId: number | null) => `${appId},${titleId},${urlId ?? ''}`;

/**
 * Time use over [fromMs, toMs): activity minus idle, grouped. SQLite sums the activity per window in
 * one indexed pass; only the few spans under idle periods are read back to take their idle part out.
 * Each distinct window is categorized once, so a rule change applies to the whole past at no cost.
 */
export function timeUseReport(db: Database.Database, q: TimeUseQuery): TimeUseReport {
  const idle = clippedIdle(db, q.fromMs, q.toMs);
  const idleMs = idle.reduce((sum, s) => sum + s.end - s.start, 0);

  const windows = new Map<string, WindowTotal>();
  const add = (appId: number, titleId: number, urlId: number | null, ms: number) => {
    const key = windowKey(appId, titleId, urlId);
    const entry = windows.get(key);
    if (entry) entry.ms += ms;
    else windows.set(key, { appId, titleId, urlId, ms, rating: 'neutral', category: UNCATEGORIZED });
  };
  // By hour, one ordered pass below does everything; otherwise SQLite sums per window, then idle comes out.
  if (q.by !== 'hour') {
    for (const [appId, titleId, urlId, ms] of activityTotals(db, q.fromMs, q.toMs, q.nowMs)) add(appId, titleId, urlId === 0 ? null : urlId, ms);
    const underIdle = db.prepare(
      `SELECT app_id, title_id, url_id, start_ms, end_ms FROM activity
       WHERE start_ms < @to AND start_ms >= @lookback AND end_ms > @from`,
    );
    for (const span of idle) {
      const rows = underIdle.raw().all({ from: span.start, to: span.end, lookback: span.start - MAX_SPAN_MS }) as [
        number,
        number,
        number | null,
        number,
        number,
      ][];
      for (const [appId, titleId, urlId, start, end] of rows) {
        const overlap = Math.min(end, span.end) - Math.max(start, span.start);
        if (overlap > 0) add(appId, titleId, urlId, -overlap);
      }
    }
  }

  const strings = lookupStrings(db, windows.values());
  const byRating: Record<Rating, number> = { productive: 0, neutral: 0, unproductive: 0 };
  const rowsMs = new Map<string, Record<Rating, number>>();
  const addRow = (key: string, rating: Rating, ms: number) => {
    let row = rowsMs.get(key);
    if (!row) rowsMs.set(key, (row = { productive: 0, neutral: 0, unproductive: 0 }));
    row[rating] += ms;
  };
  for (const w of windows.values()) {
    if (w.ms <= 0) continue;
    const window = windowData(strings, w);
    if (q.categorizer) {
      const c = q.categorizer.categorize(window);
      w.rating = c.rating;
      w.category = c.category;
    }
    byRating[w.rating] += w.ms;
    if (q.by !== 'hour') addRow(groupKey(q.by, window, w.category), w.rating, w.ms);
  }
  if (q.by === 'hour') {
    // One ordered pass over the spans; each distinct window is categorized the first time it is seen.
    // Whole past days come from the hour cache (per UTC quarter hour and rating); each quarter lies in one local hour.
    const rate = lazyRater(db, q.categorizer);
    const labelOf = localHourLabel(q.timeZone);
    const fingerprint = q.categorizer?.fingerprint ?? 'uncategorized';
    for (const [quarter, ms] of activeQuarters(db, q.fromMs, q.toMs, q.nowMs, fingerprint, rate)) {
      const key = labelOf(quarter * QUARTER_HOUR_MS);
      for (const rating of RATINGS) {
        if (ms[rating] <= 0) continue;
        addRow(key, rating, ms[rating]);
        byRating[rating] += ms[rating];
      }
    }
  }

  const rows: TimeUseRow[] = [...rowsMs.entries()]
    .map(([key, ms]) => ({ key, seconds: (ms.productive + ms.neutral + ms.unproductive) / 1000, rating: dominant(ms) }))
    .filter((r) => r.seconds > 0)
    .sort((a, b) => (q.by === 'hour' ? a.key.localeCompare(b.key) : b.seconds - a.seconds || a.key.localeCompare(b.key)));
  const activeMs = byRating.productive + byRating.neutral + byRating.unproductive;
  const work = workedTotals(new CorrectionsStore(db, '').workedTime(q.fromMs, q.toMs, q.nowMs, new SettingsStore(db).policy(), q.timeZone), q.fromMs, q.toMs);
  return {
    fromMs: q.fromMs,
    toMs: q.toMs,
    trackedSeconds: (activeMs + idleMs) / 1000,
    activeSeconds: activeMs / 1000,
    idleSeconds: idleMs / 1000,
    ...work,
    productiveSeconds: byRating.productive / 1000,
    neutralSeconds: byRating.neutral / 1000,
    unproductiveSeconds: byRating.unproductive / 1000,
    productivity: activeMs > 0 ? byRating.productive / activeMs : null,
    rows,
  };
}

function dominant(ms: Record<Rating, number>): Rating {
  return RATINGS.reduce((best, r) => (ms[r] > ms[best] ? r : best), 'neutral' as Rating);
}

function windowData(strings: Map<number, string>, w: WindowTotal): WindowData {
  const url = w.urlId === null ? undefined : strings.get(w.urlId);
  return { app: strings.get(w.appId) ?? '', title: strings.get(w.titleId) ?? '', ...(url === undefined ? {} : { url }) };
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

function lookupStrings(db: Database.Database, windows: Iterable<{ appId: number; titleId: number; urlId: number | null }>): Map<number, string> {
  const ids = new Set<number>();
  for (const w of windows) {
    ids.add(w.appId);
    ids.add(w.titleId);
    if (w.urlId !== null) ids.add(w.urlId);
  }
  const out = new Map<number, string>();
  const list = [...ids];
  // Chunked to stay under SQLite's bound-parameter limit.
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    const rows = db
      .prepare(`SELECT id, value FROM strings WHERE id IN (${chunk.map(() => '?').join(',')})`)
      .raw()
      .all(...chunk) as [number, string][];
    for (const [id, value] of rows) out.set(id, value);
  }
  return out;
}

/** The rating of a window by string ids, categorizing each distinct window once, on first sight. */
function lazyRater(db: Database.Database, categorizer: Categorizer | undefined): (appId: number, titleId: number, urlId: number | null) => Rating {
  if (!categorizer) return () => 'neutral';
  const value = db.prepare('SELECT value FROM strings WHERE id = ?').pluck();
  const text = (id: number) => (value.get(id) as string | undefined) ?? '';
  const byApp = new Map<number, Map<number, Rating>>();
  const withUrl = new Map<string, Rating>();
  return (appId, titleId, urlId) => {
    if (urlId !== null) {
      const key = windowKey(appId, titleId, urlId);
      let rating = withUrl.get(key);
      if (rating === undefined) withUrl.set(key, (rating = categorizer.categorize({ app: text(appId), title: text(titleId), url: text(urlId) }).rating));
      return rating;
    }
    let titles = byApp.get(appId);
    if (!titles) byApp.set(appId, (titles = new Map()));
    let rating = titles.get(titleId);
    if (rating === undefined) titles.set(titleId, (rating = categorizer.categorize({ app: text(appId), title: text(titleId) }).rating));
    return rating;
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_LABELS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);

/**
 * The local hour ("09:00") of an instant in a zone. Luxon is exact but slow per call, so the offset is
 * looked up once per UTC day and reused when the day has no DST change; only change days ask per instant.
 */
function localHourLabel(timeZone: string): (ms: number) => string {
  const dayOffsets = new Map<number, number | null>();
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone }).offset;
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

/** Active milliseconds in [fromMs, toMs): activity minus idle, without grouping (for rates per active hour). */
export function activeMs(db: Database.Database, fromMs: number, toMs: number, nowMs: number): number {
  let total = 0;
  for (const [, , , ms] of activityTotals(db, fromMs, toMs, nowMs)) total += ms;
  let idle = 0;
  const under = db.prepare('SELECT start_ms, end_ms FROM activity WHERE start_ms < @to AND start_ms >= @lookback AND end_ms > @from').raw();
  for (const span of clippedIdle(db, fromMs, toMs)) {
    for (const [start, end] of under.all({ from: span.start, to: span.end, lookback: span.start - MAX_SPAN_MS }) as [number, number][]) {
      idle += Math.max(0, Math.min(end, span.end) - Math.max(start, span.start));
    }
  }
  return total - idle;
}

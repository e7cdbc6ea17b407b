import type Database from 'better-sqlite3';
import type { Categorizer, Rating } from '../../../shared/categories';
import { timeUseOf } from '../../../shared/reports/time-use';
import { MAX_SPAN_MS, type WindowData } from '../../../shared/recording/records';
import { workedTotals } from '../../../shared/timesheet';
import { CorrectionsStore } from '../store/corrections-store';
import { SettingsStore } from '../store/settings-store';
import { activityTotals } from './activity-totals';
import { activeQuarters, clippedIdle } from './hour-totals';
import type { TimeUseGrouping, TimeUseReport } from '../../../shared/api/results';

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
    else windows.set(key, { appId, titleId, urlId, ms });
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
  const fingerprint = q.categorizer?.fingerprint ?? 'uncategorized';
  // By hour: whole past days come from the hour cache (per UTC quarter hour and rating), each distinct window rated on first sight.
  const quarters = q.by === 'hour' ? activeQuarters(db, q.fromMs, q.toMs, q.nowMs, fingerprint, lazyRater(db, q.categorizer)) : [];
  const work = workedTotals(new CorrectionsStore(db, '').workedTime(q.fromMs, q.toMs, q.nowMs, new SettingsStore(db).policy(), q.timeZone), q.fromMs, q.toMs);
  return timeUseOf({
    fromMs: q.fromMs,
    toMs: q.toMs,
    by: q.by,
    timeZone: q.timeZone,
    windows: [...windows.values()].map((w) => ({ window: windowData(strings, w), ms: w.ms })),
    quarters,
    idleMs,
    work,
    ...(q.categorizer ? { categorizer: q.categorizer } : {}),
  });
}

function windowData(strings: Map<number, string>, w: WindowTotal): WindowData {
  const url = w.urlId === null ? undefined : strings.get(w.urlId);
  return { app: strings.get(w.appId) ?? '', title: strings.get(w.titleId) ?? '', ...(url === undefined ? {} : { url }) };
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

import type Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { MAX_SPAN_MS, type WindowData } from '../../../shared/recording/records';

export type TimeUseGrouping = 'app' | 'title' | 'category' | 'hour';

export interface TimeUseQuery {
  fromMs: number;
  toMs: number;
  by: TimeUseGrouping;
  /** The zone hours are read in for --by hour. */
  timeZone: string;
  /** Open sessions clocked in by hand run until now. */
  nowMs: number;
  /** Needed for --by category: the category of a window. */
  categorize?: (window: WindowData) => string;
}

export interface TimeUseRow {
  key: string;
  seconds: number;
}

export interface TimeUseReport {
  fromMs: number;
  toMs: number;
  /** active + idle: all time the recorder observed. */
  trackedSeconds: number;
  /** Observed time with input: what the rows add up to. */
  activeSeconds: number;
  idleSeconds: number;
  /** Clocked-in time in work sessions and on breaks. */
  workSeconds: number;
  breakSeconds: number;
  rows: TimeUseRow[];
}

interface Span {
  start: number;
  end: number;
}

/**
 * Time use over [fromMs, toMs): activity minus idle, grouped. SQLite sums the activity per window in
 * one indexed pass; only the few spans under idle periods are read back to take their idle part out.
 */
export function timeUseReport(db: Database.Database, q: TimeUseQuery): TimeUseReport {
  const idle = clippedSpans(db, 'idle', q.fromMs, q.toMs);
  const idleMs = idle.reduce((sum, s) => sum + s.end - s.start, 0);

  const byWindow = new Map<string, { appId: number; titleId: number; urlId: number | null; ms: number }>();
  const add = (appId: number, titleId: number, urlId: number | null, ms: number) => {
    const key = `${appId},${titleId},${urlId ?? ''}`;
    const entry = byWindow.get(key);
    if (entry) entry.ms += ms;
    else byWindow.set(key, { appId, titleId, urlId, ms });
  };

  const range = { from: q.fromMs, to: q.toMs, lookback: q.fromMs - MAX_SPAN_MS };
  let hours: Map<string, number> | null = null;
  if (q.by === 'hour') {
    hours = activeByHour(db, range, idle, q.timeZone);
  } else {
    const totals = db
      .prepare(
        `SELECT app_id, title_id, url_id, SUM(MIN(end_ms, @to) - MAX(start_ms, @from)) AS ms
         FROM activity WHERE start_ms < @to AND start_ms >= @lookback AND end_ms > @from
         GROUP BY app_id, title_id, url_id`,
      )
      .raw()
      .all(range) as [number, number, number | null, number][];
    for (const [appId, titleId, urlId, ms] of totals) add(appId, titleId, urlId, ms);
    const underIdle = db.prepare(
      `SELECT app_id, title_id, url_id, start_ms, end_ms FROM activity
       WHERE start_ms < @to AND start_ms >= @lookback AND end_ms > @from`,
    );
    for (const span of idle) {
      const rows = underIdle.raw().all({ from: span.start, to: span.end, lookback: span.start - MAX_SPAN_MS }) as [number, number, number | null, number, number][];
      for (const [appId, titleId, urlId, start, end] of rows) {
        const overlap = Math.min(end, span.end) - Math.max(start, span.start);
        if (overlap > 0) add(appId, titleId, urlId, -overlap);
      }
    }
  }

  const rowsMs = new Map<string, number>();
  if (hours) {
    for (const [key, ms] of hours) rowsMs.set(key, ms);
  } else {
    const strings = lookupStrings(db, byWindow.values());
    for (const w of byWindow.values()) {
      if (w.ms <= 0) continue;
      const app = strings.get(w.appId) ?? '';
      const title = strings.get(w.titleId) ?? '';
      const url = w.urlId === null ? undefined : strings.get(w.urlId);
      const key = groupKey(q, { app, title, ...(url === undefined ? {} : { url }) });
      rowsMs.set(key, (rowsMs.get(key) ?? 0) + w.ms);
    }
  }

  const rows = [...rowsMs.entries()]
    .map(([key, ms]) => ({ key, seconds: ms / 1000 }))
    .filter((r) => r.seconds > 0)
    .sort((a, b) => (q.by === 'hour' ? a.key.localeCompare(b.key) : b.seconds - a.seconds || a.key.localeCompare(b.key)));
  const activeMs = [...rowsMs.values()].reduce((sum, ms) => sum + Math.max(0, ms), 0);
  const sessions = sessionTotals(db, q.fromMs, q.toMs, q.nowMs);
  return {
    fromMs: q.fromMs,
    toMs: q.toMs,
    trackedSeconds: (activeMs + idleMs) / 1000,
    activeSeconds: activeMs / 1000,
    idleSeconds: idleMs / 1000,
    workSeconds: sessions.work / 1000,
    breakSeconds: sessions.break / 1000,
    rows,
  };
}

function groupKey(q: TimeUseQuery, w: WindowData): string {
  const app = w.app === '' ? '(no window)' : w.app;
  switch (q.by) {
    case 'app':
      return app;
    case 'title':
      return w.title === '' ? app : `${app} — ${w.title}`;
    case 'category':
      return q.categorize ? q.categorize(w) : 'Uncategorized';
    case 'hour':
      return app;
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
    const rows = db.prepare(`SELECT id, value FROM strings WHERE id IN (${chunk.map(() => '?').join(',')})`).raw().all(...chunk) as [number, string][];
    for (const [id, value] of rows) out.set(id, value);
  }
  return out;
}

/** Idle spans are few and may be long (a night away), so they are read without the span-length bound. */
function clippedSpans(db: Database.Database, table: 'idle', fromMs: number, toMs: number): Span[] {
  const rows = db.prepare(`SELECT start_ms, end_ms FROM ${table} WHERE start_ms < ? AND end_ms > ? ORDER BY start_ms`).raw().all(toMs, fromMs) as [number, number][];
  const out: Span[] = [];
  for (const [start, end] of rows) {
    const s = Math.max(start, fromMs);
    const e = Math.min(end, toMs);
    if (e <= s) continue;
    const last = out.at(-1);
    if (last && s <= last.end) last.end = Math.max(last.end, e);
    else out.push({ start: s, end: e });
  }
  return out;
}

function sessionTotals(db: Database.Database, fromMs: number, toMs: number, nowMs: number): { work: number; break: number } {
  const rows = db
    .prepare(
      `SELECT kind, start_ms, CASE WHEN open = 1 AND run_id IS NULL THEN MAX(end_ms, @now) ELSE end_ms END AS end_ms
       FROM sessions WHERE start_ms < @to AND (end_ms > @from OR (open = 1 AND run_id IS NULL))`,
    )
    .raw()
    .all({ from: fromMs, to: toMs, now: nowMs }) as ['work' | 'break', number, number][];
  const totals = { work: 0, break: 0 };
  for (const [kind, start, end] of rows) totals[kind] += Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs));
  return totals;
}

const QUARTER_HOUR_MS = 15 * 60 * 1000;

/**
 * Active time per local hour of day ("09:00") in the report's zone. Every zone offset and DST change
 * falls on a UTC quarter hour, so within one UTC quarter hour the local hour is constant: spans are cut
 * there and the (slow, exact) Luxon lookup is cached per quarter hour.
 */
function activeByHour(db: Database.Database, range: { from: number; to: number; lookback: number }, idle: Span[], timeZone: string): Map<string, number> {
  const out = new Map<string, number>();
  const labels = new Map<number, string>();
  const labelOf = (quarter: number) => {
    let label = labels.get(quarter);
    if (label === undefined) {
      label = DateTime.fromMillis(quarter * QUARTER_HOUR_MS, { zone: timeZone }).toFormat('HH:00');
      labels.set(quarter, label);
    }
    return label;
  };
  const addActive = (start: number, end: number) => {
    for (let t = start; t < end; ) {
      const quarter = Math.floor(t / QUARTER_HOUR_MS);
      const stop = Math.min(end, (quarter + 1) * QUARTER_HOUR_MS);
      const label = labelOf(quarter);
      out.set(label, (out.get(label) ?? 0) + (stop - t));
      t = stop;
    }
  };
  let i = 0;
  const rows = db
    .prepare('SELECT start_ms, end_ms FROM activity WHERE start_ms < @to AND start_ms >= @lookback AND end_ms > @from ORDER BY start_ms')
    .raw()
    .iterate(range) as IterableIterator<[number, number]>;
  for (const [rawStart, rawEnd] of rows) {
    let start = Math.max(rawStart, range.from);
    const end = Math.min(rawEnd, range.to);
    while (i < idle.length && idle[i]!.end <= start) i++;
    // Keep the parts of this span between the idle spans that cut into it.
    for (let j = i; j < idle.length && idle[j]!.start < end && start < end; j++) {
      const gap = idle[j]!;
      if (gap.start > start) addActive(start, Math.min(gap.start, end));
      start = Math.max(start, gap.end);
    }
    if (start < end) addActive(start, end);
  }
  return out;
}

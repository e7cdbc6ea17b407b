import type Database from 'better-sqlite3';
import type { Categorizer, Rating } from '../../../shared/categories';
import { timeUseOf, type WindowMs } from '../../../shared/reports/time-use';
import type { WindowData } from '../../../shared/recording/records';
import { utcOffsetMinutes } from '../../../shared/recording/zone-offset';
import { workedTotals } from '../../../shared/timesheet';
import { CorrectionsStore } from '../store/corrections-store';
import { SettingsStore } from '../store/settings-store';
import { WindowCategories, type ReportRules } from '../store/window-categories';
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
  /**
   * Categories and ratings; without it everything is Uncategorized and neutral. Rules (RulesStore.reportRules)
   * are compiled only for windows the window category cache lacks.
   */
  categorizer?: Categorizer | ReportRules;
}

interface WindowTotal {
  appId: number;
  titleId: number;
  urlId: number | null;
  ms: number;
}

const windowKey = (appId: number, titleId: number, urlId: number | null) => `${appId},${titleId},${urlId ?? ''}`;

/**
 * Time use over [fromMs, toMs): activity minus idle, grouped. Active time per window comes from activityTotals
 * (whole past days from its caches). Each distinct window is categorized once per rules (the window category
 * cache), so a rule change applies to the whole past.
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
  // By hour, the quarter hours below do everything; otherwise active time per window, from the caches where they hold it.
  if (q.by !== 'hour') {
    for (const [appId, titleId, urlId, , active] of activityTotals(db, q.fromMs, q.toMs, q.nowMs)) add(appId, titleId, urlId === 0 ? null : urlId, active);
  }

  const strings = lookupStrings(db, windows.values());
  const c = q.categorizer;
  const categories = c === undefined ? null : new WindowCategories(db, 'categorize' in c ? { fingerprint: c.fingerprint, compile: () => c } : c);
  // By hour: whole past days come from the hour cache (per UTC quarter hour and rating), each distinct window rated on first sight.
  const rate = (appId: number, titleId: number, urlId: number | null): Rating => categories?.get(appId, titleId, urlId).rating ?? 'neutral';
  const offsetMinutes = (ms: number) => utcOffsetMinutes(ms, q.timeZone);
  const quarters = q.by === 'hour' ? activeQuarters(db, q.fromMs, q.toMs, q.nowMs, c?.fingerprint ?? 'uncategorized', rate, offsetMinutes) : [];
  const rows: WindowMs[] = [];
  for (const w of windows.values()) {
    const window = windowData(strings, w);
    // Only windows with time are categorized, as timeUseOf would.
    rows.push(categories !== null && w.ms > 0 ? { window, ms: w.ms, categorized: categories.get(w.appId, w.titleId, w.urlId) } : { window, ms: w.ms });
  }
  categories?.save();
  const work = workedTotals(new CorrectionsStore(db, '').workedTime(q.fromMs, q.toMs, q.nowMs, new SettingsStore(db).policy(), q.timeZone), q.fromMs, q.toMs);
  return timeUseOf({ fromMs: q.fromMs, toMs: q.toMs, by: q.by, timeZone: q.timeZone, windows: rows, quarters, idleMs, work });
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

/** Active milliseconds in [fromMs, toMs): activity minus idle, without grouping (for rates per active hour). */
export function activeMs(db: Database.Database, fromMs: number, toMs: number, nowMs: number): number {
  let total = 0;
  for (const [, , , , active] of activityTotals(db, fromMs, toMs, nowMs)) total += active;
  return total;
}

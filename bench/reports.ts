import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { localDayBounds } from '../shared/timesheet';
import { timeUseReport, type TimeUseGrouping } from '../electron/recorder/reports/time-use';
import { defaultCategorizer } from '../electron/recorder/reports/categorizer';
import { Store } from '../electron/recorder/store/store';
import { generateDenseYear } from './dense-year';
import { fmt, line, medianMs } from './measure';

const ZONE = 'America/New_York';
const YEAR = 2025;

/** The dense year database, generated once into bench-results/ and reused by later runs. */
export function denseYearStore(): Store {
  const dir = 'bench-results';
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `dense-year-${YEAR}.db`);
  if (existsSync(path)) return Store.open(path);
  const store = Store.open(path);
  const t0 = performance.now();
  const stats = generateDenseYear(store, { year: YEAR, timeZone: ZONE });
  line('dense year generated', `${fmt((performance.now() - t0) / 1000, 1)} s`, `${stats.heartbeats.toLocaleString('en-US')} heartbeats → ${stats.activitySpans.toLocaleString('en-US')} spans, ${stats.days} workdays`);
  return store;
}

export function benchReports(): void {
  const store = denseYearStore();
  try {
    const beats = store.db.prepare('SELECT sum(end_ms - start_ms) / 1000 FROM activity').pluck().get() as number;
    const spans = store.db.prepare('SELECT count(*) FROM activity').pluck().get() as number;
    line('dense year in the database', `${spans.toLocaleString('en-US')} spans`, `${Math.round(beats).toLocaleString('en-US')} s of activity (1-s heartbeats)`);
    const month = { fromMs: localDayBounds(`${YEAR}-03-01`, ZONE).startMs, toMs: localDayBounds(`${YEAR}-03-31`, ZONE).endMs };
    const year = { fromMs: localDayBounds(`${YEAR}-01-01`, ZONE).startMs, toMs: localDayBounds(`${YEAR}-12-31`, ZONE).endMs };
    const categorize = defaultCategorizer();
    for (const by of ['app', 'category', 'hour'] as TimeUseGrouping[]) {
      const m = medianMs(5, () => timeUseReport(store.db, { ...month, by, timeZone: ZONE, nowMs: year.toMs, categorize }));
      const y = medianMs(5, () => timeUseReport(store.db, { ...year, by, timeZone: ZONE, nowMs: year.toMs, categorize }));
      line(`report time-use --by ${by}: one month`, `${fmt(m)} ms`, `target ≤ 50 ms (${fmt(50 / m, 1)}× headroom)`);
      line(`report time-use --by ${by}: the year`, `${fmt(y)} ms`, `target ≤ 300 ms (${fmt(300 / y, 1)}× headroom)`);
    }
  } finally {
    store.close();
  }
}

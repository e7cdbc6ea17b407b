import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_RANGE_DAYS } from '../shared/bounds';
import { addDays } from '../shared/timesheet';
import { H, T9, seedWorkday } from '../electron/recorder/api/api-test-fixture';
import { dispatch } from '../electron/recorder/api/dispatch';
import { createHandlers } from '../electron/recorder/api/handlers';
import { FakeClock } from '../electron/recorder/clock/fake-clock';
import { Store } from '../electron/recorder/store/store';
import { performance } from 'node:perf_hooks';
import { fmt, line } from './measure';

/**
 * The longest range each report takes, over a store with one recorded workday and one imported call at its
 * end: how long the cold and the warm report take, and how many cache rows they leave (issue 11: the whole
 * calendar by day once ran for minutes, and a 1000-year range left 374,739 cache rows).
 */
export async function benchLongestRanges(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'stint-bench-ranges-'));
  const dbPath = path.join(dir, 'stint.db');
  const store = Store.open(dbPath);
  try {
    seedWorkday(store);
    const handlers = createHandlers({ store, dbPath, clock: new FakeClock(T9 + 24 * H, 'UTC'), recorder: null });
    const csv = 'id,start,direction,answered,talk_seconds\nb-1,2026-03-02T09:30:00Z,in,yes,300\n';
    await dispatch(handlers, 'import.calls', { file: { name: 'calls.csv', base64: Buffer.from(csv).toString('base64') }, format: 'generic', timeZone: 'UTC' });
    const count = (table: string) => store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const days = MAX_RANGE_DAYS['report.calls'];
    const to = '2026-03-02';
    const from = addDays(to, -(days - 1));
    const calls = () => dispatch(handlers, 'report.calls', { from, to, byDay: true, timeZone: 'UTC' });
    const timeUse = () => dispatch(handlers, 'report.timeUse', { from, to, by: 'app', timeZone: 'UTC' });
    line(`report.calls by day, ${days} days, cold`, `${fmt(await onceMs(calls))} ms`);
    line(`report.calls by day, ${days} days, warm (median of 5)`, `${fmt(await medianMs(5, calls))} ms`);
    line('call_day_cache rows after', String(count('call_day_cache')), 'one day has calls');
    line(`report.timeUse, ${days} days, cold`, `${fmt(await onceMs(timeUse))} ms`);
    line(`report.timeUse, ${days} days, warm (median of 5)`, `${fmt(await medianMs(5, timeUse))} ms`);
    line('activity_day_cached / activity_day_cache rows after', `${count('activity_day_cached')} / ${count('activity_day_cache')}`, 'one day has activity');
    for (const name of ['timesheet.get', 'report.sales', 'time.list', 'calls.list'] as const) {
      const run = () => dispatch(handlers, name, { from, to, timeZone: 'UTC' });
      line(`${name}, ${days} days, cold / warm (median of 5)`, `${fmt(await onceMs(run))} / ${fmt(await medianMs(5, run))} ms`);
    }
    let status = 0;
    const calendar = await onceMs(async () => {
      status = (await dispatch(handlers, 'report.calls', { from: '0000-01-01', to: '9999-12-31', byDay: true })).status;
    });
    line('report.calls 0000-01-01..9999-12-31 by day', `${status} in ${fmt(calendar, 2)} ms`);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onceMs(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Median of runs after one warm-up, awaiting each (dispatch answers with a promise). */
async function medianMs(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await onceMs(fn));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

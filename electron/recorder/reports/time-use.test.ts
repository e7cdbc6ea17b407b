import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../store/store';
import { compileRules } from '../../../shared/categories';
import { NONE_KEY } from '../../../shared/api/results';
import { RulesStore } from '../store/rules-store';
import { timeUseReport } from './time-use';

const MIN = 60_000;
const T9 = Date.UTC(2026, 2, 2, 9, 0, 0);
const DAY = { fromMs: Date.UTC(2026, 2, 2), toMs: Date.UTC(2026, 2, 3) };

let store: Store;
let seq = 0;
function activity(app: string, title: string, startMin: number, endMin: number) {
  return { uuid: `a${seq++}`, startMs: T9 + startMin * MIN, endMs: T9 + endMin * MIN, timeZone: 'UTC', utcOffsetMin: 0, app, title, open: false };
}
function span(startMin: number, endMin: number) {
  return { uuid: `i${seq++}`, startMs: T9 + startMin * MIN, endMs: T9 + endMin * MIN, timeZone: 'UTC', utcOffsetMin: 0, open: false };
}

beforeEach(() => {
  store = Store.open(':memory:');
  store.startRun('r', 1, T9);
  // 09:00–09:10 Salesforce in Chrome, 09:10–09:20 a terminal; away 09:12–09:18; a 5-minute break after.
  store.flush({
    runId: 'r',
    lastSeenMs: T9 + 25 * MIN,
    activity: [
      activity('Google-chrome', 'Opportunity: Acme | Salesforce', 0, 10),
      activity('XTerm', 'bash', 10, 20),
      activity('Google-chrome', 'YouTube', 20, 25),
    ],
    idle: [span(12, 18)],
    sessions: [
      { ...span(0, 20), kind: 'work', startReason: 'first-activity', endReason: 'break' },
      { ...span(20, 25), kind: 'break', startReason: 'break', endReason: 'clock-out' },
    ],
  });
});
afterEach(() => store.close());

describe('time-use report', () => {
  it('takes idle time out of the window it happened in, and rows add up to active time', () => {
    const r = timeUseReport(store.db, { ...DAY, by: 'app', timeZone: 'UTC', nowMs: T9 + 30 * MIN });
    expect(r.trackedSeconds).toBe(25 * 60);
    expect(r.idleSeconds).toBe(6 * 60);
    expect(r.activeSeconds).toBe(19 * 60);
    expect(r.rows).toEqual([
      { key: 'Google-chrome', seconds: 15 * 60, rating: 'neutral' },
      { key: 'XTerm', seconds: 4 * 60, rating: 'neutral' },
    ]);
    expect(r.workSeconds).toBe(20 * 60);
    expect(r.breakSeconds).toBe(5 * 60);
  });

  it('groups by title, and by category through the given categorizer', () => {
    const byTitle = timeUseReport(store.db, { ...DAY, by: 'title', timeZone: 'UTC', nowMs: T9 });
    expect(byTitle.rows.map((r) => [r.key, r.seconds])).toEqual([
      ['Google-chrome — Opportunity: Acme | Salesforce', 600],
      ['Google-chrome — YouTube', 300],
      ['XTerm — bash', 240],
    ]);
    const categorizer = compileRules(
      [
        { id: 'crm', category: 'Sales > CRM', title: 'salesforce' },
        { id: 'video', category: 'Fun > Video', title: 'youtube' },
      ],
      [
        { category: 'Sales', rating: 'productive' },
        { category: 'Fun', rating: 'unproductive' },
      ],
    );
    const byCategory = timeUseReport(store.db, { ...DAY, by: 'category', timeZone: 'UTC', nowMs: T9, categorizer });
    expect(byCategory.rows).toEqual([
      { key: 'Sales > CRM', seconds: 600, rating: 'productive' },
      { key: 'Fun > Video', seconds: 300, rating: 'unproductive' },
      { key: 'Uncategorized', seconds: 240, rating: 'neutral' },
    ]);
    expect(byCategory).toMatchObject({ productiveSeconds: 600, neutralSeconds: 240, unproductiveSeconds: 300, activeSeconds: 1140 });
    expect(byCategory.productivity).toBeCloseTo(600 / 1140, 10);
    // The same windows by hour keep their ratings.
    const byHour = timeUseReport(store.db, { ...DAY, by: 'hour', timeZone: 'UTC', nowMs: T9, categorizer });
    expect(byHour.rows).toEqual([{ key: '09:00', seconds: 1140, rating: 'productive' }]);
  });

  it('keys "no window" and "not a website" with the reserved NONE_KEY, not English', () => {
    store.flush({ runId: 'r', lastSeenMs: T9 + 28 * MIN, activity: [activity('', '', 26, 28)], idle: [], sessions: [] });
    const key = (by: 'app' | 'title' | 'site', nowMs = T9 + 30 * MIN) => timeUseReport(store.db, { ...DAY, by, timeZone: 'UTC', nowMs }).rows.map((r) => r.key);
    expect(key('app')).toEqual(['Google-chrome', 'XTerm', NONE_KEY]);
    expect(key('title')).toContain(NONE_KEY);
    expect(key('site')).toEqual([NONE_KEY]);
  });

  it('clips to the range', () => {
    const r = timeUseReport(store.db, { fromMs: T9 + 5 * MIN, toMs: T9 + 15 * MIN, by: 'app', timeZone: 'UTC', nowMs: T9 });
    // 5 min of Chrome, 09:10–09:12 terminal, 09:12–09:15 idle.
    expect(r.rows).toEqual([
      { key: 'Google-chrome', seconds: 300, rating: 'neutral' },
      { key: 'XTerm', seconds: 120, rating: 'neutral' },
    ]);
    expect(r.idleSeconds).toBe(180);
    expect(r.trackedSeconds).toBe(600);
  });

  it('reads hours in the requested zone, including half-hour offsets', () => {
    const utc = timeUseReport(store.db, { ...DAY, by: 'hour', timeZone: 'UTC', nowMs: T9 });
    expect(utc.rows).toEqual([{ key: '09:00', seconds: 19 * 60, rating: 'neutral' }]);
    // 09:00–09:25 UTC is 14:30–14:55 in Kolkata (+5:30): one local hour.
    const kolkata = timeUseReport(store.db, { ...DAY, by: 'hour', timeZone: 'Asia/Kolkata', nowMs: T9 });
    expect(kolkata.rows).toEqual([{ key: '14:00', seconds: 19 * 60, rating: 'neutral' }]);
    const newfoundland = timeUseReport(store.db, { ...DAY, by: 'hour', timeZone: 'America/St_Johns', nowMs: T9 });
    // St John's is −3:30 in March (before DST on 8 March): 09:00 UTC is 05:30, 09:25 is 05:55.
    expect(newfoundland.rows).toEqual([{ key: '05:00', seconds: 19 * 60, rating: 'neutral' }]);
  });

  it('splits an hour-crossing span at the local hour', () => {
    store.flush({ runId: 'r', lastSeenMs: T9 + 90 * MIN, activity: [activity('code', 'x.ts', 50, 70)], idle: [], sessions: [] });
    const r = timeUseReport(store.db, { ...DAY, by: 'hour', timeZone: 'UTC', nowMs: T9 });
    expect(r.rows).toEqual([
      { key: '09:00', seconds: 29 * 60, rating: 'neutral' },
      { key: '10:00', seconds: 10 * 60, rating: 'neutral' },
    ]);
  });

  it('counts a session clocked in by hand (no recorder) up to now', () => {
    store.writeSessions([{ ...span(100, 100), kind: 'work', startReason: 'clock-in', endReason: null, open: true }]);
    const r = timeUseReport(store.db, { ...DAY, by: 'app', timeZone: 'UTC', nowMs: T9 + 130 * MIN });
    expect(r.workSeconds).toBe(20 * 60 + 30 * 60);
  });

  it('categorizes each window once per rules (window category cache), and a rule change categorizes anew', () => {
    const rules = new RulesStore(store.db);
    const report = (by: 'category' | 'hour') => timeUseReport(store.db, { ...DAY, by, timeZone: 'UTC', nowMs: T9, categorizer: rules.reportRules() });
    const cached = () => store.db.prepare('SELECT count(*) FROM window_category_cache WHERE fingerprint = ?').pluck().get(rules.categorizer().fingerprint);
    const before = report('category');
    expect(cached()).toBe(3);
    // A cached row is what the report reads: a forged one shows (so the rules did not run again).
    store.db.prepare("UPDATE window_category_cache SET category = 'Forged', rating = 'unproductive'").run();
    expect(report('category').rows.map((r) => r.key)).toContain('Forged');
    rules.add({ id: 'term', category: 'Dev > Terminal', app: '^XTerm$' }, T9);
    rules.rate('Dev', 'productive');
    const after = report('category');
    expect(after.rows.find((r) => r.key === 'Dev > Terminal')).toEqual({ key: 'Dev > Terminal', seconds: 240, rating: 'productive' });
    expect(after.rows.map((r) => r.key)).not.toContain('Forged');
    expect(after.activeSeconds).toBe(before.activeSeconds);
    // Only the current rules' rows are kept.
    expect(store.db.prepare('SELECT count(DISTINCT fingerprint) FROM window_category_cache').pluck().get()).toBe(1);
    expect(report('hour').productiveSeconds).toBe(after.productiveSeconds);
  });

  it('reads cached past days by hour in whichever zone is asked, as the records give them', () => {
    const week = { fromMs: DAY.fromMs - 3 * 86_400_000, toMs: DAY.toMs + 3 * 86_400_000 };
    const later = DAY.toMs + 30 * 86_400_000;
    for (const timeZone of ['UTC', 'Asia/Kolkata', 'America/St_Johns', 'UTC']) {
      const cached = timeUseReport(store.db, { ...week, by: 'hour', timeZone, nowMs: later });
      // "Now" at the range's start: every day is partial, read from the records.
      const fromRecords = timeUseReport(store.db, { ...week, by: 'hour', timeZone, nowMs: week.fromMs });
      expect(cached.rows, timeZone).toEqual(fromRecords.rows);
      expect(cached.activeSeconds).toBe(19 * 60);
    }
    expect(store.db.prepare('SELECT count(*) FROM activity_hour_cached').pluck().get()).toBeGreaterThan(0);
  });

  it('is empty and zero over a range with nothing recorded', () => {
    const r = timeUseReport(store.db, { fromMs: 0, toMs: 1000, by: 'app', timeZone: 'UTC', nowMs: T9 });
    expect(r).toMatchObject({ trackedSeconds: 0, activeSeconds: 0, idleSeconds: 0, workSeconds: 0, rows: [] });
  });
});

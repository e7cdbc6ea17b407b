import { describe, expect, it } from 'vitest';
import { timesheetReport } from '../electron/recorder/reports/timesheet';
import { Store } from '../electron/recorder/store/store';
import { generateDenseYear } from './dense-year';

const ZONE = 'America/New_York';

describe('the bench dense year', () => {
  it('stores the activity its heartbeats make, as much as the sessions, with no zero-length span', () => {
    const store = Store.open(':memory:');
    try {
      const stats = generateDenseYear(store, { year: 2025, timeZone: ZONE, days: 45 });
      expect(stats.days).toBeGreaterThan(20);
      const activity = store.db.prepare('SELECT sum(end_ms - start_ms) / 1000.0 FROM activity').pluck().get() as number;
      const sessions = store.db.prepare("SELECT sum(end_ms - start_ms) / 1000.0 FROM sessions WHERE kind = 'work'").pluck().get() as number;
      // n samples a second apart make n − 1 seconds: two stretches of work a day.
      expect(stats.heartbeats - stats.activitySeconds).toBe(2 * stats.days);
      expect(activity).toBe(stats.activitySeconds);
      expect(activity).toBe(sessions);
      expect(store.db.prepare('SELECT count(*) FROM activity WHERE end_ms <= start_ms').pluck().get()).toBe(0);
      expect(store.db.prepare('SELECT count(*) FROM activity').pluck().get()).toBe(stats.activitySpans);
      // The timesheet's worked time is the sessions' (idle counts as work until answered), so equal to the activity.
      const sheet = timesheetReport(
        store.db,
        { from: '2025-01-01', to: '2025-02-14', fallbackTimeZone: ZONE, rules: 'none', weekStart: 'mon', rounding: { minutes: 0, mode: 'nearest' } },
        Date.UTC(2026, 0, 1),
      );
      expect(sheet.totals.workedSeconds).toBe(activity);
    } finally {
      store.close();
    }
  });
});

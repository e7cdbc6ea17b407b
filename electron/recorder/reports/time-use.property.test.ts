import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../../shared/categories';
import { Store } from '../store/store';
import { TIME_USE_GROUPINGS } from '../../../shared/api/results';
import { timeUseReport } from './time-use';

const T0 = Date.UTC(2026, 5, 1, 0, 0, 0);
const APPS = ['Google-chrome', 'Slack', 'zoom', 'XTerm', ''];
const TITLES = ['Salesforce', 'YouTube', '#sales', 'Zoom Meeting', 'bash'];
const categorizer = compileRules(
  [
    { id: 'crm', category: 'Sales > CRM', title: 'Salesforce' },
    { id: 'yt', category: 'Fun > Video', title: 'YouTube' },
    { id: 'chat', category: 'Work > Chat', app: 'Slack' },
  ],
  [
    { category: 'Sales', rating: 'productive' },
    { category: 'Fun', rating: 'unproductive' },
  ],
);

/** Activity as the recorder writes it: back-to-back or gapped spans, none longer than an hour. */
const activityArb = fc.array(
  fc.record({
    gap: fc.integer({ min: 0, max: 600_000 }),
    length: fc.integer({ min: 1, max: 3_600_000 }),
    app: fc.integer({ min: 0, max: 4 }),
    title: fc.integer({ min: 0, max: 4 }),
  }),
  { maxLength: 40 },
);
const idleArb = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 7_200_000 }), length: fc.integer({ min: 1, max: 7_200_000 }) }), { maxLength: 6 });
const rangeArb = fc.tuple(fc.integer({ min: -3_600_000, max: 40 * 3_600_000 }), fc.integer({ min: 1, max: 48 * 3_600_000 }));

describe('time-use report (properties)', () => {
  it('rows add up to active time, ratings add up to active, tracked = active + idle, for every grouping', () => {
    fc.assert(
      fc.property(activityArb, idleArb, rangeArb, (activity, idle, [fromOffset, length]) => {
        const store = Store.open(':memory:');
        try {
          store.startRun('r', 1, T0);
          let t = T0;
          const spans = activity.map((a, i) => {
            t += a.gap;
            const span = {
              uuid: `a${i}`,
              startMs: t,
              endMs: t + a.length,
              timeZone: 'UTC',
              utcOffsetMin: 0,
              app: APPS[a.app]!,
              title: TITLES[a.title]!,
              open: false,
            };
            t += a.length;
            return span;
          });
          let u = T0;
          const idleSpans = idle.map((s, i) => {
            u += s.gap;
            const span = { uuid: `i${i}`, startMs: u, endMs: u + s.length, timeZone: 'UTC', utcOffsetMin: 0, open: false };
            u += s.length;
            return span;
          });
          store.flush({ runId: 'r', lastSeenMs: T0, activity: spans, idle: idleSpans, sessions: [] });
          const fromMs = T0 + fromOffset;
          const toMs = fromMs + length;

          // Reference, by definition: each millisecond of activity in range that no idle span covers.
          const clip = (s: number, e: number) => Math.max(0, Math.min(e, toMs) - Math.max(s, fromMs));
          let activeMs = 0;
          for (const a of spans) {
            let covered = 0;
            for (const i of idleSpans) covered += Math.max(0, Math.min(a.endMs, i.endMs, toMs) - Math.max(a.startMs, i.startMs, fromMs));
            activeMs += clip(a.startMs, a.endMs) - covered;
          }
          const idleMs = idleSpans.reduce((sum, i) => sum + clip(i.startMs, i.endMs), 0);

          for (const by of TIME_USE_GROUPINGS) {
            const r = timeUseReport(store.db, { fromMs, toMs, by, timeZone: 'Asia/Kolkata', nowMs: toMs, categorizer });
            const rows = r.rows.reduce((sum, row) => sum + row.seconds, 0);
            expect(rows).toBeCloseTo(activeMs / 1000, 6);
            expect(r.activeSeconds).toBeCloseTo(activeMs / 1000, 6);
            expect(r.idleSeconds).toBeCloseTo(idleMs / 1000, 6);
            expect(r.trackedSeconds).toBeCloseTo(r.activeSeconds + r.idleSeconds, 6);
            expect(r.productiveSeconds + r.neutralSeconds + r.unproductiveSeconds).toBeCloseTo(r.activeSeconds, 6);
            if (r.productivity !== null) expect(r.productivity).toBeGreaterThanOrEqual(0);
            expect(r.rows.every((row) => row.seconds > 0)).toBe(true);
          }
        } finally {
          store.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});

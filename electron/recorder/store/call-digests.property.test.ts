import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callDigest, type CallRecord } from '../../../shared/calls';
import { datesBetween, localDate } from '../../../shared/timesheet';
import { callDigestsByDate } from './call-digests';
import { CallsStore } from './calls-store';
import { Store } from './store';

const HOUR = 3_600_000;
// Around the US spring-forward day (2026-03-08 has 23 hours in New York) and across local midnights.
const T0 = Date.parse('2026-03-06T00:00:00Z');
const DATES = datesBetween('2026-03-06', '2026-03-10');

const callArb = fc.record({
  atMs: fc.integer({ min: 0, max: 5 * 24 * HOUR }),
  answered: fc.boolean(),
  // Coarse values so equal handle times (ties at the ranks) happen often.
  talkMs: fc.integer({ min: 0, max: 20 }).map((s) => s * 30_000),
  holdMs: fc.constantFrom(0, 0, 15_000, 60_000),
  wrapMs: fc.integer({ min: 0, max: 15 }).map((m) => m * 60_000),
  source: fc.constantFrom<CallRecord['source']>('manual', 'detected', 'import'),
  review: fc.constantFrom(null, 'confirm', 'dismiss', 'merge'),
});
type CallSpec = typeof callArb extends fc.Arbitrary<infer T> ? T : never;

describe('call day cache', () => {
  it('gives per local date exactly the digest of the counted calls, cold, warm and after calls are added or reviewed', () => {
    fc.assert(
      fc.property(
        fc.array(callArb, { maxLength: 40 }),
        fc.array(callArb, { maxLength: 10 }),
        fc.constantFrom('America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'UTC'),
        fc.constantFrom(0, 300_000, 600_000),
        (first, later, zone, cap) => {
          const store = Store.open(':memory:');
          try {
            const calls = new CallsStore(store.db, 'device-a');
            const anchor = calls.insert(record({ atMs: -12 * HOUR, answered: true, talkMs: 1, holdMs: 0, wrapMs: 0, source: 'manual', review: null }), 'UTC', T0);
            const counted: CallRecord[] = [];
            const unreviewed: { uuid: string; call: CallRecord }[] = [];
            const add = (specs: CallSpec[]) => {
              for (const s of specs) {
                const call = record(s);
                const uuid = calls.insert(call, 'UTC', T0);
                // Reviews apply to detected calls; a dismissed or merged detection is not counted.
                const review = s.source === 'detected' ? s.review : null;
                if (review) calls.review(uuid, review, review === 'merge' ? anchor : null, T0);
                if (review !== 'dismiss' && review !== 'merge') counted.push(call);
                if (s.source === 'detected' && !review) unreviewed.push({ uuid, call });
              }
            };
            const expected = () =>
              new Map(DATES.map((date) => [date, callDigest(counted.filter((c) => localDate(c.startMs, zone) === date), cap)]));

            add(first);
            expect(callDigestsByDate(store.db, DATES, zone, cap)).toEqual(expected()); // cold: computed and stored
            expect(callDigestsByDate(store.db, DATES, zone, cap)).toEqual(expected()); // warm: from the cache
            add(later);
            // Dismissing a detection on a cached day drops that day too.
            for (const { uuid, call } of unreviewed.splice(0, 2)) {
              calls.review(uuid, 'dismiss', null, T0);
              counted.splice(counted.indexOf(call), 1);
            }
            expect(callDigestsByDate(store.db, DATES, zone, cap)).toEqual(expected()); // the changed days recomputed
          } finally {
            store.close();
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('serves a warm range from the cache without reading calls', () => {
    const store = Store.open(':memory:');
    try {
      const calls = new CallsStore(store.db, 'device-a');
      calls.insert(record({ atMs: 10 * HOUR, answered: true, talkMs: 60_000, holdMs: 0, wrapMs: 0, source: 'manual', review: null }), 'UTC', T0);
      callDigestsByDate(store.db, DATES, 'UTC', 600_000);
      expect(store.db.prepare('SELECT count(*) FROM call_day_cache').pluck().get()).toBe(DATES.length);
      // A second zone or cap is cached apart; a call added drops only the row of its own day.
      callDigestsByDate(store.db, DATES, 'America/New_York', 600_000);
      expect(store.db.prepare('SELECT count(*) FROM call_day_cache').pluck().get()).toBe(2 * DATES.length);
      calls.insert(record({ atMs: 30 * HOUR, answered: false, talkMs: 0, holdMs: 0, wrapMs: 0, source: 'manual', review: null }), 'UTC', T0);
      expect(store.db.prepare("SELECT date FROM call_day_cache WHERE tz = 'UTC'").pluck().all()).toEqual(DATES.filter((d) => d !== '2026-03-07'));
      expect(store.db.prepare("SELECT date FROM call_day_cache WHERE tz = 'America/New_York'").pluck().all()).toEqual(DATES.filter((d) => d !== '2026-03-07'));
    } finally {
      store.close();
    }
  });
});

function record(s: CallSpec): CallRecord {
  const startMs = T0 + s.atMs;
  const talkMs = s.answered ? s.talkMs : 0;
  const holdMs = s.answered ? s.holdMs : 0;
  const wrapMs = s.answered ? s.wrapMs : 0;
  const endMs = startMs + talkMs + holdMs;
  return { startMs, answered: s.answered, talkMs, holdMs, wrapMs, endMs, wrapEndMs: endMs + wrapMs, direction: 'out', source: s.source };
}

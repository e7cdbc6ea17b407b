import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callDigest, type CallRecord } from '../../../shared/calls';
import { datesBetween, localDate } from '../../../shared/timesheet';
import { callDigests, type DayAgentDigest } from './call-digests';
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
  // Imported calls carry the agent their log names, or none.
  agent: fc.constantFrom(undefined, 'ann@acme.com', 'bob@acme.com'),
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
            const anchor = calls.insert(
              record({ atMs: -12 * HOUR, answered: true, talkMs: 1, holdMs: 0, wrapMs: 0, source: 'manual', review: null }),
              'UTC',
              T0,
            );
            const counted: { call: CallRecord; agent: string | null }[] = [];
            const unreviewed: { uuid: string; call: CallRecord }[] = [];
            let imported = 0;
            const add = (specs: CallSpec[]) => {
              for (const s of specs) {
                const call = record(s);
                const agent = s.source === 'import' ? s.agent : undefined;
                let uuid = '';
                if (s.source === 'import') {
                  const externalId = `log-${imported++}`;
                  calls.importCalls(
                    [
                      {
                        externalId,
                        system: 'generic',
                        startMs: call.startMs,
                        answered: call.answered,
                        talkMs: call.talkMs,
                        holdMs: call.holdMs,
                        wrapMs: call.wrapMs,
                        direction: 'out',
                        ...(agent ? { agent } : {}),
                      },
                    ],
                    'UTC',
                    T0,
                  );
                } else {
                  uuid = calls.insert(call, 'UTC', T0);
                }
                // Reviews apply to detected calls; a dismissed or merged detection is not counted.
                const review = s.source === 'detected' ? s.review : null;
                if (review) calls.review(uuid, review, review === 'merge' ? anchor : null, T0);
                // A detected call counts once the rep confirms it (issue 16).
                if (s.source !== 'detected' || review === 'confirm') counted.push({ call, agent: agent ?? null });
                if (s.source === 'detected' && !review) unreviewed.push({ uuid, call });
              }
            };
            // Per date, one digest per agent with calls and always one for no agent.
            const expected = () =>
              sorted(
                DATES.flatMap((date) => {
                  const day = counted.filter((c) => localDate(c.call.startMs, zone) === date);
                  const agents = new Set<string | null>([null, ...day.map((c) => c.agent)]);
                  return [...agents].map((agent) => ({
                    date,
                    agent,
                    digest: callDigest(
                      day.filter((c) => c.agent === agent).map((c) => c.call),
                      cap,
                    ),
                  }));
                }),
              );
            const actual = () => sorted(callDigests(store.db, DATES, zone, cap));

            add(first);
            expect(actual()).toEqual(expected()); // cold: computed and stored
            expect(actual()).toEqual(expected()); // warm: from the cache
            add(later);
            // Confirming a detection on a cached day drops that day too; dismissing one changes nothing counted.
            const [confirm, dismiss] = unreviewed.splice(0, 2);
            if (confirm) {
              calls.review(confirm.uuid, 'confirm', null, T0);
              counted.push({ call: confirm.call, agent: null });
            }
            if (dismiss) calls.review(dismiss.uuid, 'dismiss', null, T0);
            expect(actual()).toEqual(expected()); // the changed days recomputed
          } finally {
            store.close();
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('keeps each zone apart and drops only the day a new call falls in', () => {
    const store = Store.open(':memory:');
    try {
      const calls = new CallsStore(store.db, 'device-a');
      const call = (atMs: number) =>
        calls.insert(record({ atMs, answered: true, talkMs: 60_000, holdMs: 0, wrapMs: 0, source: 'manual', review: null }), 'UTC', T0);
      // Mid-morning UTC on the 6th, 7th and 8th: the same dates in New York.
      for (const day of [0, 1, 2]) call(day * 24 * HOUR + 14 * HOUR);
      const cached = (zone: string) => store.db.prepare('SELECT date FROM call_day_cache WHERE tz = ? ORDER BY date').pluck().all(zone);
      callDigests(store.db, DATES, 'UTC', 600_000);
      expect(cached('UTC')).toEqual(['2026-03-06', '2026-03-07', '2026-03-08']);
      // A second zone or cap is cached apart; a call added drops only the row of its own day.
      callDigests(store.db, DATES, 'America/New_York', 600_000);
      expect(cached('America/New_York')).toEqual(['2026-03-06', '2026-03-07', '2026-03-08']);
      call(24 * HOUR + 20 * HOUR);
      expect(cached('UTC')).toEqual(['2026-03-06', '2026-03-08']);
      expect(cached('America/New_York')).toEqual(['2026-03-06', '2026-03-08']);
    } finally {
      store.close();
    }
  });

  it('stores only days with calls: ten empty years ask for nothing to be written', () => {
    const store = Store.open(':memory:');
    try {
      const decade = datesBetween('2016-01-01', '2026-02-28');
      const digests = callDigests(store.db, decade, 'UTC', 600_000);
      // Every date still answers, with an empty digest.
      expect(digests).toHaveLength(decade.length);
      expect(digests.every((d) => d.agent === null && d.digest.calls === 0)).toBe(true);
      expect(store.db.prepare('SELECT count(*) FROM call_day_cache').pluck().get()).toBe(0);
    } finally {
      store.close();
    }
  });
});

const sorted = (list: DayAgentDigest[]) => [...list].sort((a, b) => a.date.localeCompare(b.date) || (a.agent ?? '').localeCompare(b.agent ?? ''));

function record(s: Omit<CallSpec, 'agent'>): CallRecord {
  const startMs = T0 + s.atMs;
  const talkMs = s.answered ? s.talkMs : 0;
  const holdMs = s.answered ? s.holdMs : 0;
  const wrapMs = s.answered ? s.wrapMs : 0;
  const endMs = startMs + talkMs + holdMs;
  return { startMs, answered: s.answered, talkMs, holdMs, wrapMs, endMs, wrapEndMs: endMs + wrapMs, direction: 'out', source: s.source };
}

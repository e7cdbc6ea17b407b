import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { callDigest, callMetrics, callMetricsByDay, handleSeconds, mergeDigests, metricsFromDigest } from './call-metrics';
import { nearestRank, nearestRankOfCounts } from './percentile';
import type { CallTimes } from './types';

const S = 1000;
const call = (talk: number, hold: number, wrap: number, answered = true, startMs = Date.parse('2026-03-02T15:00:00Z')): CallTimes => ({
  startMs,
  answered,
  talkMs: talk * S,
  holdMs: hold * S,
  wrapMs: wrap * S,
});

describe('nearest-rank percentiles', () => {
  it('picks observed values at rank ⌈p/100 × n⌉', () => {
    expect(nearestRank([240, 60, 180, 120], 50)).toBe(120); // rank 2 of 4: the lower middle
    expect(nearestRank([240, 60, 180, 120], 90)).toBe(240); // rank ⌈3.6⌉ = 4
    expect(nearestRank([15, 20, 35, 40, 50], 50)).toBe(35); // rank ⌈2.5⌉ = 3
    expect(nearestRank([15, 20, 35, 40, 50], 30)).toBe(20); // rank ⌈1.5⌉ = 2
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9); // rank 9 exactly, not 10
    expect(nearestRank([7], 1)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
    expect(() => nearestRank([1], 0)).toThrow(RangeError);
    expect(() => nearestRank([1], 101)).toThrow(RangeError);
  });

  it('reads the same ranks off a histogram of [value, count]', () => {
    // 60 ×1, 120 ×2, 180 ×1 is [60, 120, 120, 180]: median rank 2 → 120, p90 rank 4 → 180.
    expect(
      nearestRankOfCounts(
        [
          [60, 1],
          [120, 2],
          [180, 1],
        ],
        50,
      ),
    ).toBe(120);
    expect(
      nearestRankOfCounts(
        [
          [60, 1],
          [120, 2],
          [180, 1],
        ],
        90,
      ),
    ).toBe(180);
    expect(
      nearestRankOfCounts(
        [
          [60, 1],
          [120, 2],
          [180, 1],
        ],
        25,
      ),
    ).toBe(60);
    expect(nearestRankOfCounts([], 50)).toBeNull();
  });
});

describe('callMetrics', () => {
  // Worked by hand:
  //   A talk 300 hold 60 wrap 120           → handle 480
  //   B talk 600 hold 0  wrap 900 → cap 600 → handle 1200
  //   C talk 200 hold 40 wrap 0             → handle 240
  //   D unanswered                           → not handled
  //   E talk 90  hold 0  wrap 30            → handle 120
  // handled 4; Σ handle 2040 → AHT 510; talk 1190/4 = 297.5; hold 100/4 = 25; wrap 750/4 = 187.5
  // sorted handles 120, 240, 480, 1200: median rank 2 → 240; p90 rank ⌈3.6⌉ = 4 → 1200
  // 2 active hours → 4 / 2 = 2 calls per active hour
  const calls = [call(300, 60, 120), call(600, 0, 900), call(200, 40, 0), call(0, 0, 0, false), call(90, 0, 30)];

  it('computes every figure from the hand-worked example', () => {
    expect(callMetrics(calls, { activeSeconds: 7200 })).toEqual({
      calls: 5,
      answered: 4,
      ahtSeconds: 510,
      avgTalkSeconds: 297.5,
      avgHoldSeconds: 25,
      avgWrapSeconds: 187.5,
      medianHandleSeconds: 240,
      p90HandleSeconds: 1200,
      callsPerActiveHour: 2,
    });
  });

  it('applies a configured cap: 5 min turns B into 900 s and A stays 480', () => {
    // handles 480, 900, 240, 120 → Σ 1740 / 4 = 435; wrap (120 + 300 + 0 + 30) / 4 = 112.5
    const m = callMetrics(calls, { wrapCapMs: 300 * S });
    expect(m.ahtSeconds).toBe(435);
    expect(m.avgWrapSeconds).toBe(112.5);
    expect(m.p90HandleSeconds).toBe(900);
    expect(handleSeconds(calls[1]!, 300 * S)).toBe(900);
  });

  it('unanswered calls never count toward AHT, even with time on them', () => {
    const m = callMetrics([call(100, 0, 0), call(50, 50, 50, false)]);
    expect(m).toMatchObject({ calls: 2, answered: 1, ahtSeconds: 100, avgHoldSeconds: 0 });
  });

  it('empty input: zero counts, null averages; active time without calls gives 0 per hour', () => {
    expect(callMetrics([])).toEqual({
      calls: 0,
      answered: 0,
      ahtSeconds: null,
      avgTalkSeconds: null,
      avgHoldSeconds: null,
      avgWrapSeconds: null,
      medianHandleSeconds: null,
      p90HandleSeconds: null,
      callsPerActiveHour: null,
    });
    expect(callMetrics([call(0, 0, 0, false)], { activeSeconds: 3600 }).callsPerActiveHour).toBe(0);
    expect(callMetrics(calls, { activeSeconds: 0 }).callsPerActiveHour).toBeNull();
    expect(() => callMetrics(calls, { activeSeconds: -1 })).toThrow(RangeError);
  });
});

describe('callMetricsByDay', () => {
  it('groups by the local date of the start in the zone', () => {
    // 04:30Z is 23:30 on 1 March in New York (EST, −05:00); 05:30Z is 00:30 on 2 March.
    const late = call(120, 0, 60, true, Date.parse('2026-03-02T04:30:00Z'));
    const early = call(300, 30, 30, true, Date.parse('2026-03-02T05:30:00Z'));
    const missed = call(0, 0, 0, false, Date.parse('2026-03-02T14:00:00Z'));
    const days = callMetricsByDay([early, missed, late], {
      zone: 'America/New_York',
      activeSecondsByDate: { '2026-03-02': 1800 },
    });
    expect(days.map((d) => [d.date, d.calls, d.answered, d.ahtSeconds, d.callsPerActiveHour])).toEqual([
      ['2026-03-01', 1, 1, 180, null],
      ['2026-03-02', 2, 1, 360, 2], // 1 handled call in half an hour
    ]);
    // In UTC both answered calls fall on 2 March.
    expect(callMetricsByDay([early, late], { zone: 'UTC' }).map((d) => [d.date, d.ahtSeconds])).toEqual([['2026-03-02', 270]]);
  });
});

describe('call digests', () => {
  it('merge exactly: the digest of several periods equals the digest of all their calls', () => {
    const arb = fc.array(
      fc.record({
        startMs: fc.constant(0),
        answered: fc.boolean(),
        talkMs: fc.integer({ min: 0, max: 3_600_000 }),
        holdMs: fc.integer({ min: 0, max: 600_000 }),
        wrapMs: fc.integer({ min: 0, max: 1_200_000 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 5 }), fc.integer({ min: 0, max: 900_000 }), (periods, cap) => {
        const merged = mergeDigests(periods.map((calls) => callDigest(calls, cap)));
        expect(merged).toEqual(callDigest(periods.flat(), cap));
        expect(metricsFromDigest(merged)).toEqual(callMetrics(periods.flat(), { wrapCapMs: cap }));
      }),
    );
  });

  it('keeps the sorted handle times the percentiles are read from', () => {
    const d = callDigest([call(300, 60, 120), call(600, 0, 900), call(0, 0, 0, false)], 600 * S);
    expect([...d.handleMs]).toEqual([480_000, 1_200_000]);
    expect(d).toMatchObject({ calls: 3, answered: 2, talkMs: 900_000, holdMs: 60_000, wrapMs: 720_000 });
  });
});

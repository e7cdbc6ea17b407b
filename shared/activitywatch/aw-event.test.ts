import { describe, expect, it } from 'vitest';
import { isBrowserApp, siteOf } from './aw-buckets';
import { remerge, segmentByVisits, subtract } from './aw-derive';
import { awEventInputSchema, canonicalJson, formatAwTimestamp, parseAwTimestamp } from './aw-event';
import { MAX_SPAN_MS } from '../recording/records';

describe('ActivityWatch timestamps', () => {
  it('reads RFC 3339 with any offset and cuts past the millisecond', () => {
    const ms = Date.UTC(2024, 4, 6, 9, 0, 0, 123);
    expect(parseAwTimestamp('2024-05-06T09:00:00.123456+00:00')).toBe(ms);
    expect(parseAwTimestamp('2024-05-06T09:00:00.123999Z')).toBe(ms);
    expect(parseAwTimestamp('2024-05-06T11:00:00.123+02:00')).toBe(ms);
    expect(parseAwTimestamp('2024-05-06T04:30:00.123-0430')).toBe(ms);
    expect(parseAwTimestamp('2024-05-06T09:00:00Z')).toBe(ms - 123);
  });

  it('refuses what is not a timestamp', () => {
    for (const bad of ['2024-05-06', '2024-02-30T00:00:00Z', '2024-05-06T09:00:00', '2024-13-01T00:00:00Z', 'yesterday', '2024-05-06T25:00:00Z']) {
      expect(parseAwTimestamp(bad), bad).toBeNull();
    }
  });

  it('writes what it reads back, to the millisecond', () => {
    const ms = Date.UTC(2024, 4, 6, 9, 0, 0, 7);
    expect(formatAwTimestamp(ms)).toBe('2024-05-06T09:00:00.007+00:00');
    expect(parseAwTimestamp(formatAwTimestamp(ms))).toBe(ms);
  });

  it('validates events: negative durations and bad timestamps are refused with the reason', () => {
    const bad = awEventInputSchema.safeParse({ timestamp: '2024-05-06T09:00:00Z', duration: -1, data: {} });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/negative/);
    const when = awEventInputSchema.safeParse({ timestamp: 'noon', duration: 1, data: {} });
    expect(when.error?.issues[0]?.message).toMatch(/RFC 3339/);
    expect(awEventInputSchema.parse({ timestamp: '2024-05-06T09:00:00Z', data: { a: 1 } }).duration).toBe(0);
  });

  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });
});

describe('browser activity and sites', () => {
  it('knows browsers by their app names', () => {
    for (const app of ['Firefox', 'firefox', 'Google-chrome', 'chromium', 'msedge.exe', 'Brave-browser', 'Safari']) expect(isBrowserApp(app), app).toBe(true);
    for (const app of ['Code', 'Terminal', 'Slack', 'zoom']) expect(isBrowserApp(app), app).toBe(false);
  });

  it('sites are hosts without www', () => {
    expect(siteOf('https://www.salesforce.com/x?y=1')).toBe('salesforce.com');
    expect(siteOf('http://user@LOCALHOST:8080/')).toBe('localhost');
    expect(siteOf('about:blank')).toBeNull();
  });

  it('cuts a browser window at its tab visits: the parts tile the window, so its time counts once', () => {
    const parts = segmentByVisits(0, 100_000, [
      { startMs: 50_000, endMs: 70_000, url: 'b' },
      { startMs: -5_000, endMs: 20_000, url: 'a' },
      { startMs: 60_000, endMs: 200_000, url: 'c' },
    ]);
    expect(parts).toEqual([
      { startMs: 0, endMs: 20_000, url: 'a' },
      { startMs: 20_000, endMs: 50_000, url: null },
      { startMs: 50_000, endMs: 70_000, url: 'b' },
      { startMs: 70_000, endMs: 100_000, url: 'c' },
    ]);
    expect(parts.reduce((sum, p) => sum + p.endMs - p.startMs, 0)).toBe(100_000);
  });

  it('cuts parts at the store’s longest span, and merges them back for an export', () => {
    const parts = segmentByVisits(0, 2 * MAX_SPAN_MS + 5, []);
    expect(parts.map((p) => p.endMs - p.startMs)).toEqual([MAX_SPAN_MS, MAX_SPAN_MS, 5]);
    expect([...remerge(parts, (p) => p.url ?? '')]).toEqual([{ startMs: 0, endMs: 2 * MAX_SPAN_MS + 5, url: null }]);
    // Touching spans with other data, or the same data after a gap, stay apart.
    expect([
      ...remerge(
        [
          { startMs: 0, endMs: 5, k: 'a' },
          { startMs: 5, endMs: 9, k: 'b' },
          { startMs: 10, endMs: 12, k: 'b' },
        ],
        (s) => s.k,
      ),
    ]).toHaveLength(3);
  });

  it('subtracts idle from a session', () => {
    expect(
      subtract(0, 100, [
        { startMs: -5, endMs: 10 },
        { startMs: 40, endMs: 50 },
        { startMs: 45, endMs: 60 },
        { startMs: 200, endMs: 300 },
      ]),
    ).toEqual([
      { startMs: 10, endMs: 40 },
      { startMs: 60, endMs: 100 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { AwEvent } from './aw-event';
import { mergeAwHeartbeat } from './aw-heartbeat';

const T = Date.UTC(2024, 4, 6, 9, 0, 0);
const PULSE = 60_000;
const data = { app: 'Firefox', title: 'Inbox' };
/** The last event: 09:00:00 for 10 s, so it ends at 09:00:10 and reaches 09:01:10 with the pulsetime. */
const last: AwEvent = { id: 7, startMs: T, endMs: T + 10_000, data };
const hb = (startMs: number, durationMs = 0, d: AwEvent['data'] = data): AwEvent => ({ startMs, endMs: startMs + durationMs, data: d });

describe('ActivityWatch heartbeat merge at the pulsetime boundary', () => {
  it('merges a heartbeat just inside last.end + pulsetime and extends to its end', () => {
    const result = mergeAwHeartbeat(last, hb(T + 10_000 + PULSE - 1, 5_000), PULSE);
    expect(result.merged).toBe(true);
    expect(result.event).toEqual({ id: 7, startMs: T, endMs: T + 10_000 + PULSE - 1 + 5_000, data });
  });

  it('merges a heartbeat exactly at last.end + pulsetime', () => {
    const result = mergeAwHeartbeat(last, hb(T + 10_000 + PULSE), PULSE);
    expect(result.merged).toBe(true);
    expect(result.event.endMs).toBe(T + 10_000 + PULSE);
  });

  it('starts a new event just outside, and leaves the previous one as it was', () => {
    const heartbeat = hb(T + 10_000 + PULSE + 1, 2_000);
    const result = mergeAwHeartbeat(last, heartbeat, PULSE);
    expect(result.merged).toBe(false);
    expect(result.event).toEqual(heartbeat);
    expect(last.endMs).toBe(T + 10_000);
  });

  it('never shortens: a heartbeat inside the event keeps its end', () => {
    expect(mergeAwHeartbeat(last, hb(T + 2_000, 1_000), PULSE).event.endMs).toBe(T + 10_000);
  });

  it('merges at last.start but not before it (out of order)', () => {
    expect(mergeAwHeartbeat(last, hb(T, 20_000), PULSE)).toEqual({ merged: true, event: { ...last, endMs: T + 20_000 } });
    const early = hb(T - 1, 20_000);
    expect(mergeAwHeartbeat(last, early, PULSE)).toEqual({ merged: false, event: early });
  });

  it('never merges different data, however close', () => {
    const other = hb(T + 10_000, 1_000, { app: 'Firefox', title: 'Calendar' });
    expect(mergeAwHeartbeat(last, other, PULSE)).toEqual({ merged: false, event: other });
    expect(mergeAwHeartbeat(last, hb(T + 10_000, 0, { ...data, url: 'https://example.com' }), PULSE).merged).toBe(false);
  });

  it('compares data as maps: key order does not matter', () => {
    expect(mergeAwHeartbeat(last, hb(T + 11_000, 0, { title: 'Inbox', app: 'Firefox' }), PULSE).merged).toBe(true);
  });

  it('with pulsetime 0 merges only heartbeats that start inside the event or at its end', () => {
    expect(mergeAwHeartbeat(last, hb(T + 10_000, 1_000), 0).merged).toBe(true);
    expect(mergeAwHeartbeat(last, hb(T + 10_001), 0).merged).toBe(false);
  });

  it('a first heartbeat is a new event', () => {
    expect(mergeAwHeartbeat(null, hb(T), PULSE)).toEqual({ merged: false, event: hb(T) });
  });
});

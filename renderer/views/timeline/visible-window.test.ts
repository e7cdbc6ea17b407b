import { describe, expect, it } from 'vitest';
import type { Timeline } from '../../../shared/api/contract';
import { hourTicks, visibleWindow } from './visible-window';

const H = 3_600_000;
const DAY = Date.UTC(2026, 2, 2);
const span = (from: number, to: number) => ({ startMs: DAY + from * H, endMs: DAY + to * H, label: '', category: null, rating: null });
const timeline = (spans: ReturnType<typeof span>[]): Timeline => ({
  date: '2026-03-02',
  timeZone: 'UTC',
  startMs: DAY,
  endMs: DAY + 24 * H,
  activity: spans,
  idle: [],
  sessions: [],
});

describe('visible window', () => {
  it('fits the recorded hours, rounded out to whole hours', () => {
    expect(visibleWindow(timeline([span(9.25, 17.5)]), true, null)).toEqual({ startMs: DAY + 9 * H, endMs: DAY + 18 * H });
  });

  it('shows at least four hours and reaches to now', () => {
    expect(visibleWindow(timeline([span(9.5, 9.75)]), true, null)).toEqual({ startMs: DAY + 9 * H, endMs: DAY + 13 * H });
    expect(visibleWindow(timeline([span(9, 10)]), true, DAY + 15.2 * H)).toEqual({ startMs: DAY + 9 * H, endMs: DAY + 16 * H });
    expect(visibleWindow(timeline([span(22.5, 23.9)]), true, null)).toEqual({ startMs: DAY + 20 * H, endMs: DAY + 24 * H });
  });

  it('shows the whole day when asked or when nothing was recorded', () => {
    expect(visibleWindow(timeline([span(9, 10)]), false, null)).toEqual({ startMs: DAY, endMs: DAY + 24 * H });
    expect(visibleWindow(timeline([]), true, null)).toEqual({ startMs: DAY, endMs: DAY + 24 * H });
  });

  it('thins hour ticks as the window widens', () => {
    expect(hourTicks(DAY, { startMs: DAY + 9 * H, endMs: DAY + 13 * H }).map((t) => (t.ms - DAY) / H)).toEqual([9, 10, 11, 12, 13]);
    expect(hourTicks(DAY, { startMs: DAY, endMs: DAY + 24 * H }).map((t) => (t.ms - DAY) / H)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24]);
  });
});

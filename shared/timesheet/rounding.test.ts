import { describe, expect, it } from 'vitest';
import { roundWorkedSeconds } from './rounding';
import type { Rounding } from './types';

const min = (m: number): number => m * 60;

describe('roundWorkedSeconds', () => {
  it.each<[Rounding, number, number]>([
    // 15-minute nearest: the boundary is 7 min 30 s, which rounds up.
    [{ minutes: 15, mode: 'nearest' }, min(7), 0],
    [{ minutes: 15, mode: 'nearest' }, min(7.5) - 1, 0],
    [{ minutes: 15, mode: 'nearest' }, min(7.5), min(15)],
    [{ minutes: 15, mode: 'nearest' }, min(8), min(15)],
    [{ minutes: 15, mode: 'nearest' }, min(8 * 60 + 22), min(8 * 60 + 15)],
    [{ minutes: 15, mode: 'nearest' }, min(8 * 60 + 23), min(8 * 60 + 30)],
    // 6-minute nearest: the boundary is 3 min.
    [{ minutes: 6, mode: 'nearest' }, min(2.9), 0],
    [{ minutes: 6, mode: 'nearest' }, min(3), min(6)],
    [{ minutes: 6, mode: 'nearest' }, min(8.9), min(6)],
    [{ minutes: 6, mode: 'nearest' }, min(9), min(12)],
    // up / down
    [{ minutes: 15, mode: 'up' }, 1, min(15)],
    [{ minutes: 15, mode: 'up' }, min(15), min(15)],
    [{ minutes: 15, mode: 'up' }, min(15) + 1, min(30)],
    [{ minutes: 15, mode: 'down' }, min(14) + 59, 0],
    [{ minutes: 15, mode: 'down' }, min(29), min(15)],
    [{ minutes: 6, mode: 'up' }, min(2.9), min(6)],
    [{ minutes: 6, mode: 'down' }, min(11.9), min(6)],
    // zero stays zero; 0 minutes means no rounding
    [{ minutes: 15, mode: 'nearest' }, 0, 0],
    [{ minutes: 6, mode: 'up' }, 0, 0],
    [{ minutes: 0, mode: 'nearest' }, 4321, 4321],
    [{ minutes: 0, mode: 'up' }, 4321, 4321],
  ])('%j: %d s → %d s', (rounding, seconds, expected) => {
    expect(roundWorkedSeconds(seconds, rounding)).toBe(expected);
  });
});

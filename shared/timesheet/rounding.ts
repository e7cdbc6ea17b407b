/**
 * Export-time rounding of a day's worked total (DESIGN.md §3: applied once per day, never stored).
 *
 * `nearest` rounds an exact half up. With 15-minute rounding: 7 min → 0, 7 min 29 s → 0,
 * 7 min 30 s → 15, 8 min → 15. With 6-minute rounding: 2 min 59 s → 0, 3 min → 6.
 * `up` rounds any part of a unit up (1 s → one unit) and `down` drops it; 0 always stays 0.
 */
import type { Rounding } from './types';

export function roundWorkedSeconds(seconds: number, rounding: Rounding): number {
  if (rounding.minutes === 0) return seconds;
  const unit = rounding.minutes * 60;
  switch (rounding.mode) {
    case 'nearest':
      return Math.floor((seconds + unit / 2) / unit) * unit;
    case 'up':
      return Math.ceil(seconds / unit) * unit;
    case 'down':
      return Math.floor(seconds / unit) * unit;
  }
}

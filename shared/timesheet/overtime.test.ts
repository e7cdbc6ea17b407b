import { describe, expect, it } from 'vitest';
import { splitWorkweek } from './overtime';
import type { OvertimeRules } from './types';

// Days are given and expected in hours; each row is [regular, overtime 1.5×, double time 2×].
type Row = [number, number, number];
const H = 3600;

function split(hours: number[], rules: OvertimeRules): Row[] {
  return splitWorkweek(
    hours.map((h) => h * H),
    rules,
  ).map((s) => [s.regularSeconds / H, s.overtimeSeconds / H, s.doubleTimeSeconds / H]);
}

const sum = (rows: Row[]): Row => rows.reduce<Row>((acc, r) => [acc[0] + r[0], acc[1] + r[1], acc[2] + r[2]], [0, 0, 0]);

describe('none', () => {
  it('everything is regular', () => {
    expect(split([13, 0, 25], 'none')).toEqual([
      [13, 0, 0],
      [0, 0, 0],
      [25, 0, 0],
    ]);
  });
});

describe('FLSA: over 40 h in the workweek at 1.5×, no daily rule', () => {
  it.each<[string, number[], Row[]]>([
    [
      '5 × 9 h = 45 h → 5 h OT on the fifth day',
      [9, 9, 9, 9, 9, 0, 0],
      [
        [9, 0, 0],
        [9, 0, 0],
        [9, 0, 0],
        [9, 0, 0],
        [4, 5, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
    ],
    [
      'exactly 40 h → none',
      [8, 8, 8, 8, 8, 0, 0],
      [
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
    ],
    [
      'a 13 h day is all regular under 40 h',
      [13, 0, 0, 0, 0, 0, 0],
      [
        [13, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
    ],
    [
      '7 × 8 h = 56 h → days 6 and 7 are OT (no seventh-day rule)',
      [8, 8, 8, 8, 8, 8, 8],
      [
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [0, 8, 0],
        [0, 8, 0],
      ],
    ],
    [
      '25 h DST day then 20 h → 5 h OT',
      [25, 20],
      [
        [25, 0, 0],
        [15, 5, 0],
      ],
    ],
  ])('%s', (_name, hours, expected) => {
    expect(split(hours, 'flsa')).toEqual(expected);
  });
});

describe('California', () => {
  it.each<[string, number[], Row[], Row]>([
    [
      '13 h day → 8 regular, 4 OT, 1 DT',
      [13, 0, 0, 0, 0, 0, 0],
      [
        [8, 4, 1],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
      [8, 4, 1],
    ],
    ['exactly 12 h → 8 regular, 4 OT, no DT', [12], [[8, 4, 0]], [8, 4, 0]],
    ['12.5 h → 0.5 h DT', [12.5], [[8, 4, 0.5]], [8, 4, 0.5]],
    // 6 × 8 h + 1 h on the 7th day: days 1–5 are 40 straight hours, day 6's 8 straight hours are over 40
    // (weekly OT), and the 7th day's single hour is in its first 8 h (1.5×).
    [
      '6 × 8 h + 1 h on day 7',
      [8, 8, 8, 8, 8, 8, 1],
      [
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [0, 8, 0],
        [0, 1, 0],
      ],
      [40, 9, 0],
    ],
    // 6 × 8 h + 1 extra hour on Monday, Sunday off: 1 h daily OT, 40 straight by Friday, Saturday weekly OT.
    [
      '9 + 5 × 8 h, 6 days',
      [9, 8, 8, 8, 8, 8, 0],
      [
        [8, 1, 0],
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [0, 8, 0],
        [0, 0, 0],
      ],
      [40, 9, 0],
    ],
    [
      'seventh day of 9 h → 8 h OT + 1 h DT',
      [4, 4, 4, 4, 4, 4, 9],
      [
        [4, 0, 0],
        [4, 0, 0],
        [4, 0, 0],
        [4, 0, 0],
        [4, 0, 0],
        [4, 0, 0],
        [0, 8, 1],
      ],
      [24, 8, 1],
    ],
    [
      'seventh day of 13 h → 8 h OT + 5 h DT',
      [1, 1, 1, 1, 1, 1, 13],
      [
        [1, 0, 0],
        [1, 0, 0],
        [1, 0, 0],
        [1, 0, 0],
        [1, 0, 0],
        [1, 0, 0],
        [0, 8, 5],
      ],
      [6, 8, 5],
    ],
    [
      '6 × 8 h + 9 h on day 7',
      [8, 8, 8, 8, 8, 8, 9],
      [
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [0, 8, 0],
        [0, 8, 1],
      ],
      [40, 16, 1],
    ],
    [
      'a day off breaks the seventh-day rule',
      [4, 4, 4, 0, 4, 4, 9],
      [
        [4, 0, 0],
        [4, 0, 0],
        [4, 0, 0],
        [0, 0, 0],
        [4, 0, 0],
        [4, 0, 0],
        [8, 1, 0],
      ],
      [28, 1, 0],
    ],
    // No pyramiding: 5 × 10 h has 10 h daily OT and only 40 straight-time hours, so no weekly OT on top
    // (counting the 50 h toward 40 would wrongly add 10 more).
    [
      '5 × 10 h → 10 h OT, not 20',
      [10, 10, 10, 10, 10, 0, 0],
      [
        [8, 2, 0],
        [8, 2, 0],
        [8, 2, 0],
        [8, 2, 0],
        [8, 2, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
      [40, 10, 0],
    ],
    // 5 × 10 h + 5 h: daily OT 10 h; straight 45 h → 5 h weekly OT on Saturday: 15 h = max(daily 10, 55 − 40).
    [
      '5 × 10 h + 5 h → 15 h OT',
      [10, 10, 10, 10, 10, 5, 0],
      [
        [8, 2, 0],
        [8, 2, 0],
        [8, 2, 0],
        [8, 2, 0],
        [8, 2, 0],
        [0, 5, 0],
        [0, 0, 0],
      ],
      [40, 15, 0],
    ],
    // Six 10 h shifts and a 14 h seventh day: Sat's 8 straight hours are past 40 → 2 + 8 OT; day 7: 8 OT, 6 DT.
    [
      '6 × 10 h + 14 h seventh day',
      [10, 10, 10, 10, 10, 10, 14],
      [
        [8, 2, 0],
        [8, 2, 0],
        [8, 2, 0],
        [8, 2, 0],
        [8, 2, 0],
        [0, 10, 0],
        [0, 8, 6],
      ],
      [40, 28, 6],
    ],
    [
      '6 × 8 h = 48 h → 8 h weekly OT',
      [8, 8, 8, 8, 8, 8, 0],
      [
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [8, 0, 0],
        [0, 8, 0],
        [0, 0, 0],
      ],
      [40, 8, 0],
    ],
    [
      'a partial week (fewer than 7 days) never has a seventh day',
      [1, 1, 1, 1, 1, 9],
      [
        [1, 0, 0],
        [1, 0, 0],
        [1, 0, 0],
        [1, 0, 0],
        [1, 0, 0],
        [8, 1, 0],
      ],
      [13, 1, 0],
    ],
  ])('%s', (_name, hours, expected, total) => {
    const rows = split(hours, 'california');
    expect(rows).toEqual(expected);
    expect(sum(rows)).toEqual(total);
    rows.forEach((r, i) => expect(r[0] + r[1] + r[2]).toBeCloseTo(hours[i]!, 9));
  });
});

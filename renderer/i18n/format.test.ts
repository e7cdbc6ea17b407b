import { describe, expect, it } from 'vitest';
import { formatters, fromLocalInput, toLocalInput } from './format';

describe('formatters', () => {
  const en = formatters('en-US', ' ');
  const gb = formatters('en-GB', ' ');
  const zh = formatters('zh-CN', '');

  it('writes durations compactly in each language', () => {
    expect([0, 40, 60, 3600, 3660, 13_500, 47.5 * 3600].map((s) => en.duration(s))).toEqual(['0m', '40s', '1m', '1h', '1h 1m', '3h 45m', '47h 30m']);
    expect([40, 3600, 13_500].map((s) => zh.duration(s))).toEqual(['40秒', '1小时', '3小时45分钟']);
    expect(en.duration(275, true)).toBe('4m 35s');
    expect([0, 0.2, 40, 120].map((s) => en.duration(s, true))).toEqual(['0s', '0s', '40s', '2m']);
    expect(en.duration(3599.6)).toBe('1h');
    expect(en.duration(-1800)).toBe('−30m');
    // A sliver that rounds to no seconds reads as zero does, so rows of one list agree (Selling time: "0m" beside "0m").
    expect([0, 0.2, 0.49].map((s) => en.duration(s))).toEqual(['0m', '0m', '0m']);
  });

  it('runs a timer as h:mm:ss', () => {
    expect([0, 59.9, 61, 4 * 3600 + 1, 100 * 3600].map((s) => en.clock(s))).toEqual(['0:00:00', '0:00:59', '0:01:01', '4:00:01', '100:00:00']);
  });

  it('writes times in the locale’s hour cycle and the given zone', () => {
    const ms = Date.UTC(2026, 2, 2, 9, 5);
    expect(en.time(ms, 'UTC')).toBe('9:05 AM');
    expect(gb.time(ms, 'UTC')).toBe('09:05');
    expect(zh.time(ms, 'Asia/Shanghai')).toBe('17:05');
    expect([en.hour(15), gb.hour(15)]).toEqual(['3 PM', '15:00']);
  });

  it('writes dates, ranges, percentages and money', () => {
    expect(en.date('2026-03-02')).toBe('Mon, Mar 2');
    expect(zh.longDate('2026-03-02')).toBe('2026年3月2日星期一');
    expect(en.dateRange('2026-02-23', '2026-03-01').replace(/\s/g, ' ')).toBe('Feb 23 – Mar 1, 2026');
    expect(en.percent(0.8333)).toBe('83%');
    expect(en.percent(null)).toBe('—');
    expect(en.money(12000, 'USD')).toBe('$12,000');
    expect(zh.money(12000, 'CNY')).toBe('¥12,000');
    expect(en.money(5, 'not a currency')).toBe('5 not a currency');
  });

  it('turns datetime-local values into instants in a zone and back', () => {
    const ms = fromLocalInput('2026-03-08T02:30', 'America/New_York');
    expect(ms).toBe(Date.UTC(2026, 2, 8, 7, 30));
    expect(toLocalInput(Date.UTC(2026, 2, 2, 9), 'Asia/Shanghai')).toBe('2026-03-02T17:00');
    expect(fromLocalInput('', 'UTC')).toBeNull();
    expect(fromLocalInput('yesterday', 'UTC')).toBeNull();
  });
});

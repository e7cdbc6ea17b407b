import { describe, expect, it } from 'vitest';
import { i18nFor } from '../../i18n/i18n';
import { createSeededWorld } from '../../testing/seed-world';
import { weekCsv } from './export-week';

describe('the week as CSV in the rep’s language', () => {
  it('writes Chinese headers and times for a zh-CN reader, English for en', async () => {
    const world = createSeededWorld();
    const answer = await world.transport.request('timesheet.get', { from: '2026-02-23', to: '2026-03-01', rules: 'flsa', timeZone: 'UTC' });
    if (!answer.ok) throw new Error(answer.error);
    const zh = weekCsv(answer.data, i18nFor('zh-CN')).split('\r\n');
    expect(zh[0]).toBe('\uFEFF日期,上班,下班,工时（小时）,正常（小时）,加班（小时）,双倍（小时）,休息（小时）,手动（小时）');
    expect(zh).toHaveLength(1 + 7 + 1 + 1);
    expect(zh.at(-2)).toMatch(/^本周,,,47\.50,40\.00,7\.50,/);
    const en = weekCsv(answer.data, i18nFor('en', 'en-US')).split('\r\n');
    expect(en[0]).toBe('\uFEFFDate,In,Out,Worked (hours),Regular (hours),Overtime (hours),Double time (hours),Breaks (hours),Manual (hours)');
    expect(en[1]).toMatch(/^2026-02-23,9:00 AM,/);
  });
});

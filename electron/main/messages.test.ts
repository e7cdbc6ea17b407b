import { describe, expect, it } from 'vitest';
import { catalogueFor, translator } from './messages';

describe('messages', () => {
  it('fill placeholders and leave unknown ones as they are', () => {
    const t = translator('en-US');
    expect(t('tray.working', { timer: '1:02' })).toBe('Working 1:02');
    expect(t('tray.working')).toBe('Working {timer}');
    expect(t('shortcut.failed', { accelerator: 'Alt+C', reason: 'taken', extra: 1 })).toBe('The shortcut Alt+C could not be set up: taken');
  });

  it('pick Simplified Chinese for zh-CN, zh-SG and zh-Hans, English for the rest', () => {
    for (const locale of ['zh-CN', 'zh', 'zh-Hans-CN', 'zh-SG']) expect(translator(locale)('tray.clockIn'), locale).toBe('上班打卡');
    for (const locale of ['en-US', 'de-DE', 'zh-TW', '']) expect(translator(locale)('tray.clockIn'), locale).toBe('Clock in');
  });

  it('have every placeholder of the English text in the Chinese one', () => {
    const en = catalogueFor('en');
    const zh = catalogueFor('zh-CN');
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
  });
});

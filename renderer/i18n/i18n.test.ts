import { describe, expect, it } from 'vitest';
import { en } from './en';
import { formatLocaleFor, i18nFor, interpolate, pickLanguage } from './i18n';
import { zhCN } from './zh-CN';

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const commands = (message: string) => message.split('`').filter((_, i) => i % 2 === 1);

describe('translations', () => {
  it('have the same keys, none empty, with the same placeholders and commands', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      if (key !== 'format.durationSeparator') expect(zhCN[key].trim(), key).not.toBe('');
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
      expect(commands(zhCN[key]), key).toEqual(commands(en[key]));
    }
  });

  it('pick a language from the browser’s preferences', () => {
    expect(pickLanguage(['zh-CN'])).toBe('zh-CN');
    expect(pickLanguage(['zh-Hans', 'en'])).toBe('zh-CN');
    expect(pickLanguage(['fr', 'en-GB', 'zh'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
    expect(formatLocaleFor('en', ['en-AU'])).toBe('en-AU');
    expect(formatLocaleFor('zh-CN', ['en-US'])).toBe('zh-CN');
  });

  it('fill in placeholders and leave unknown ones', () => {
    expect(interpolate('{a} of {b}', { a: 1, b: 'x' })).toBe('1 of x');
    expect(interpolate('{a} and {c}', { a: 1 })).toBe('1 and {c}');
    expect(i18nFor('zh-CN').t('calls.talkingWith', { contact: 'Dana' })).toBe('正在与 Dana 通话');
  });
});

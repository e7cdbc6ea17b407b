import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../app/storage';
import { LANGUAGE_KEY, THEME_KEY, createSettingsStore } from './settings-store';

describe('settings store', () => {
  it('picks the language from the browser and the theme from the system', () => {
    expect(createSettingsStore(memoryStorage(), ['zh-CN', 'en']).getState()).toMatchObject({ language: 'zh-CN', formatLocale: 'zh-CN', theme: 'system' });
    expect(createSettingsStore(memoryStorage(), ['zh-Hant-TW']).getState().language).toBe('zh-CN');
    expect(createSettingsStore(memoryStorage(), ['fr-FR', 'en-GB']).getState()).toMatchObject({ language: 'en', formatLocale: 'en-GB' });
    expect(createSettingsStore(memoryStorage(), ['de-DE']).getState()).toMatchObject({ language: 'en', formatLocale: 'en' });
  });

  it('keeps the choices, and ignores stored values it does not know', () => {
    const storage = memoryStorage();
    const store = createSettingsStore(storage, ['en-US']);
    store.getState().setLanguage('zh-CN');
    store.getState().setTheme('dark');
    expect(storage.data.get(LANGUAGE_KEY)).toBe('zh-CN');
    expect(storage.data.get(THEME_KEY)).toBe('dark');
    expect(createSettingsStore(storage, ['en-US']).getState()).toMatchObject({ language: 'zh-CN', theme: 'dark' });
    expect(createSettingsStore(memoryStorage({ [LANGUAGE_KEY]: 'fr', [THEME_KEY]: 'sepia' }), ['en-US']).getState()).toMatchObject({
      language: 'en',
      theme: 'system',
    });
  });

  it('still works when storage refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const store = createSettingsStore(refusing, ['en-US']);
    store.getState().setTheme('light');
    expect(store.getState().theme).toBe('light');
  });
});

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PreferenceStorage } from '../app/storage';
import { formatLocaleFor, isLanguage, pickLanguage, type Language } from '../i18n/i18n';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const LANGUAGE_KEY = 'stint.language';
export const THEME_KEY = 'stint.theme';

/** The views' own preferences, kept in this browser: language and theme. */
export interface SettingsState {
  language: Language;
  /** The locale dates and numbers are formatted in (the browser's variant of the language). */
  formatLocale: string;
  theme: Theme;
  setLanguage(language: Language): void;
  setTheme(theme: Theme): void;
}

export type SettingsStore = StoreApi<SettingsState>;

function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

function read(storage: PreferenceStorage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function write(storage: PreferenceStorage, key: string, value: string): void {
  try {
    storage.setItem(key, value);
  } catch {
    // refused: the choice lasts for this page
  }
}

/** Language: the saved choice, else the browser's preferences. Theme: the saved choice, else the system's. */
export function createSettingsStore(storage: PreferenceStorage, browserLanguages: readonly string[]): SettingsStore {
  const savedLanguage = read(storage, LANGUAGE_KEY);
  const savedTheme = read(storage, THEME_KEY);
  const language = isLanguage(savedLanguage) ? savedLanguage : pickLanguage(browserLanguages);
  return createStore<SettingsState>()((set) => ({
    language,
    formatLocale: formatLocaleFor(language, browserLanguages),
    theme: isTheme(savedTheme) ? savedTheme : 'system',
    setLanguage(next) {
      write(storage, LANGUAGE_KEY, next);
      set({ language: next, formatLocale: formatLocaleFor(next, browserLanguages) });
    },
    setTheme(theme) {
      write(storage, THEME_KEY, theme);
      set({ theme });
    },
  }));
}

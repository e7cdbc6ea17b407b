import { en, type MessageKey, type Messages } from './en';
import { formatters, type Formatters } from './format';
import { zhCN } from './zh-CN';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const MESSAGES: Record<Language, Messages> = { en, 'zh-CN': zhCN };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The first supported language among the browser's preferences (any Chinese → zh-CN); English otherwise. */
export function pickLanguage(preferences: readonly string[]): Language {
  for (const tag of preferences) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export type Params = Record<string, string | number>;

export interface I18n {
  readonly language: Language;
  /** The message for key with {name} placeholders filled in. */
  t(key: MessageKey, params?: Params): string;
  readonly f: Formatters;
}

/**
 * The locale numbers and dates are written in: the browser's own variant of the chosen language when it
 * has one (en-GB writes 24-hour times, en-US 12-hour), else the language itself.
 */
export function formatLocaleFor(language: Language, preferences: readonly string[]): string {
  const primary = language.split('-')[0]!.toLowerCase();
  const match = preferences.find((tag) => tag.split('-')[0]!.toLowerCase() === primary);
  if (!match) return language;
  try {
    return Intl.getCanonicalLocales(match)[0] ?? language;
  } catch {
    return language;
  }
}

const cache = new Map<string, I18n>();

export function i18nFor(language: Language, formatLocale: string = language): I18n {
  const key = `${language}|${formatLocale}`;
  let i18n = cache.get(key);
  if (!i18n) {
    const messages = MESSAGES[language];
    i18n = {
      language,
      t: (k, params) => interpolate(messages[k], params),
      f: formatters(formatLocale, messages['format.durationSeparator']),
    };
    cache.set(key, i18n);
  }
  return i18n;
}

export function interpolate(message: string, params?: Params): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

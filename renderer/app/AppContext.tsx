import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { MessageKey } from '../i18n/en';
import { i18nFor, type I18n, type Params } from '../i18n/i18n';
import type { Stores } from './stores';
import type { ViewClock } from './view-clock';

interface AppContextValue {
  stores: Stores;
  clock: ViewClock;
  /** A manager reading a rep's views on the team server: no clock, edit or settings controls. */
  readOnly?: boolean;
}

const AppContext = createContext<AppContextValue | null>(null);

export function AppProvider({ stores, clock, readOnly = false, children }: AppContextValue & { children: ReactNode }) {
  return <AppContext.Provider value={{ stores, clock, readOnly }}>{children}</AppContext.Provider>;
}

function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('The views need an <AppProvider> with the stores.');
  return value;
}

export function useStores(): Stores {
  return useApp().stores;
}

export function useClock(): ViewClock {
  return useApp().clock;
}

/** True where the views are someone else's, read-only (the team server's rep pages). */
export function useReadOnly(): boolean {
  return useApp().readOnly === true;
}

/** The active language's messages and formatters; re-renders only when the language changes. */
export function useI18n(): I18n {
  const settings = useStores().settings;
  const language = useStore(settings, (s) => s.language);
  const formatLocale = useStore(settings, (s) => s.formatLocale);
  return i18nFor(language, formatLocale);
}

export type Translate = (key: MessageKey, params?: Params) => string;

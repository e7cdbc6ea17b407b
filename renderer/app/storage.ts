/** Where the views keep preferences: localStorage in a page, a Map in tests. */
export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function memoryStorage(initial: Record<string, string> = {}): PreferenceStorage & { readonly data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

/** localStorage, or memory when the page may not use it (a sandboxed frame, privacy settings). */
export function browserStorage(): PreferenceStorage {
  try {
    const probe = '__stint_probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return memoryStorage();
  }
}

export function readJson<T>(storage: PreferenceStorage, key: string, accept: (value: unknown) => value is T): T | null {
  try {
    const raw = storage.getItem(key);
    if (raw === null) return null;
    const value: unknown = JSON.parse(raw);
    return accept(value) ? value : null;
  } catch {
    return null;
  }
}

export function writeJson(storage: PreferenceStorage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or refused: the preference lasts for this page only
  }
}

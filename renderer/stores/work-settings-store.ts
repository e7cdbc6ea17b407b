import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiTransport } from '../../shared/api/contract';
import type { WorkSettings } from '../../shared/timesheet/work-settings';
import { call, changeThenReloadRefusal, latestOnly, messageOf, type ApiError } from './request';

/** The work settings kept with the data (week start, unconfirmed idle limit), as the recorder has them. */
export interface WorkSettingsState {
  settings: WorkSettings | null;
  error: string | null;
  load(): Promise<void>;
  /** Resolves to the recorder's refusal (coded, for the views to word), or null when saved. */
  save(change: Partial<WorkSettings>): Promise<ApiError | null>;
  connect(): () => void;
}

export type WorkSettingsStore = StoreApi<WorkSettingsState>;

export function createWorkSettingsStore(transport: ApiTransport): WorkSettingsStore {
  const loads = latestOnly();
  return createStore<WorkSettingsState>()((set, get) => ({
    settings: null,
    error: null,
    async load() {
      const n = loads.next();
      try {
        const settings = await call(transport, 'settings.get', {});
        if (loads.isLatest(n)) set({ settings, error: null });
      } catch (error) {
        if (loads.isLatest(n)) set({ error: messageOf(error) });
      }
    },
    save: (change) =>
      changeThenReloadRefusal(
        () => call(transport, 'settings.set', change),
        () => get().load(),
      ),
    connect() {
      return transport.subscribe((event) => {
        if (event.type === 'changed' && event.what === 'settings' && get().settings) void get().load();
      });
    },
  }));
}

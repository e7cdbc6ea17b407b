import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiTransport } from '../../shared/api/contract';
import type { SyncStatus } from '../../shared/sync/device-sync';
import { call, changeThenReload, latestOnly, messageOf } from './request';

/** This device and the team server: enrollment, what waits, the policy in force (the `sync.*` requests). */
export interface SyncState {
  status: SyncStatus | null;
  error: string | null;
  load(): Promise<void>;
  /** Each resolves to the recorder's refusal (words for a person), or null when done. */
  enroll(server: string, code: string): Promise<string | null>;
  leave(): Promise<string | null>;
  connect(): () => void;
}

export type SyncStore = StoreApi<SyncState>;

export function createSyncStore(transport: ApiTransport): SyncStore {
  const loads = latestOnly();
  return createStore<SyncState>()((set, get) => ({
    status: null,
    error: null,
    async load() {
      const n = loads.next();
      try {
        const status = await call(transport, 'sync.status', {});
        if (loads.isLatest(n)) set({ status, error: null });
      } catch (error) {
        if (loads.isLatest(n)) set({ error: messageOf(error) });
      }
    },
    enroll: (server, code) =>
      changeThenReload(
        () => call(transport, 'sync.enroll', { server, code }),
        () => get().load(),
      ),
    leave: () =>
      changeThenReload(
        () => call(transport, 'sync.leave', {}),
        () => get().load(),
      ),
    connect() {
      return transport.subscribe((event) => {
        if (event.type === 'changed' && (event.what === 'sync' || event.what === 'settings') && get().status) void get().load();
      });
    },
  }));
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiTransport, IdleChoice, PendingIdle } from '../../shared/api/contract';
import { ApiError, call, latestOnly, messageOf } from './request';

/** Idle stretches in today's work that wait for the rep's answer (the idle prompt). */
export interface IdleState {
  pending: PendingIdle[];
  error: string | null;
  /** The last answer's refusal with its code, which the prompt words in the chosen language. */
  refusal: ApiError | null;
  /** The idle stretch being answered. */
  busy: string | null;
  load(): Promise<void>;
  /** Answers one stretch, then reloads; false (with error set) when refused. */
  resolve(idleUuid: string, choice: IdleChoice): Promise<boolean>;
  connect(): () => void;
}

export type IdleStore = StoreApi<IdleState>;

export function createIdleStore(transport: ApiTransport): IdleStore {
  const loads = latestOnly();
  let idleSince: number | null | undefined;
  return createStore<IdleState>()((set, get) => ({
    pending: [],
    error: null,
    refusal: null,
    busy: null,
    async load() {
      const n = loads.next();
      try {
        const pending = await call(transport, 'idle.pending', {});
        if (loads.isLatest(n)) set({ pending, error: null });
      } catch (error) {
        if (loads.isLatest(n)) set({ error: messageOf(error) });
      }
    },
    async resolve(idleUuid, choice) {
      set({ busy: idleUuid, error: null, refusal: null });
      try {
        await call(transport, 'idle.resolve', { idleUuid, choice });
        await get().load();
        return true;
      } catch (error) {
        set({ error: messageOf(error), refusal: error instanceof ApiError ? error : null });
        return false;
      } finally {
        set({ busy: null });
      }
    },
    connect() {
      return transport.subscribe((event) => {
        if (event.type === 'changed' && (event.what === 'idle' || event.what === 'sessions' || event.what === 'time' || event.what === 'settings'))
          void get().load();
        else if (event.type === 'recorder' && (event.event.type === 'idle-end' || event.event.type === 'idle-start')) void get().load();
        else if (event.type === 'status') {
          // The rep came back (or went away): the list of stretches to answer changed.
          const since = event.status.idleSinceMs;
          if (idleSince !== undefined && since !== idleSince) void get().load();
          idleSince = since;
        }
      });
    },
  }));
}

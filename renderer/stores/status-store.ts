import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiTransport } from '../../shared/api/contract';
import type { Status } from '../../shared/api/results';
import { liveFigures } from '../../shared/desktop/live-figures';
import type { SessionAction } from '../../shared/recording/session-machine';
import { ApiError, call, latestOnly, messageOf } from './request';

/** The live status: the recorder, the open session, the active window and today's totals. */
export interface StatusState {
  status: Status | null;
  /** The last load failed with this (the recorder is unreachable, say); cleared by the next success. */
  error: string | null;
  /** Whether live events arrive; null until the transport says. */
  connected: boolean | null;
  /** The session action in flight, to disable the buttons meanwhile. */
  busy: SessionAction | null;
  /** Why the last session action was refused (English). */
  actionError: string | null;
  /** The same refusal with its code, which the view words in the chosen language. */
  actionRefusal: ApiError | null;
  load(): Promise<void>;
  act(action: SessionAction): Promise<boolean>;
  setConnected(connected: boolean): void;
  /** Follows the transport's events; returns the unsubscribe. */
  connect(): () => void;
}

export type StatusStore = StoreApi<StatusState>;

export function createStatusStore(transport: ApiTransport): StatusStore {
  const loads = latestOnly();
  return createStore<StatusState>()((set, get) => ({
    status: null,
    error: null,
    connected: null,
    busy: null,
    actionError: null,
    actionRefusal: null,
    async load() {
      const n = loads.next();
      try {
        const status = await call(transport, 'status.get', {});
        if (loads.isLatest(n)) set({ status, error: null });
      } catch (error) {
        if (loads.isLatest(n)) set({ error: messageOf(error) });
      }
    },
    async act(action) {
      if (get().busy) return false;
      set({ busy: action, actionError: null, actionRefusal: null });
      try {
        await call(transport, 'session.act', { action });
        await get().load();
        return true;
      } catch (error) {
        set({ actionError: messageOf(error), actionRefusal: error instanceof ApiError ? error : new ApiError(messageOf(error)) });
        return false;
      } finally {
        set({ busy: null });
      }
    },
    setConnected(connected) {
      if (get().connected !== connected) set({ connected });
    },
    connect() {
      return transport.subscribe((event) => {
        if (event.type === 'status') {
          loads.next(); // a live status is newer than any load in flight
          set({ status: event.status, error: null, connected: true });
        } else if (event.type === 'changed' && (event.what === 'sessions' || event.what === 'time' || event.what === 'idle' || event.what === 'settings')) {
          void get().load();
        }
      });
    },
  }));
}

/**
 * The current stretch of the session: since it began, standing still where an idle stretch in a work session
 * began (as the big timer does); null outside a session. The sidebar, the Today timer and the tray show it (shared/desktop/live-figures.ts).
 */
export function stretchSeconds(status: Status | null): number | null {
  return liveFigures(status).stretchSeconds;
}

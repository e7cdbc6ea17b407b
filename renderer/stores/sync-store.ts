import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiTransport, ResponseMap } from '../../shared/api/contract';
import type { SyncStatus } from '../../shared/sync/device-sync';
import { ApiError, call, changeThenReload, changeThenReloadRefusal, latestOnly, messageOf } from './request';

/** This device and the team server: enrollment, what waits, the policy in force (the `sync.*` requests). */
export interface SyncState {
  status: SyncStatus | null;
  error: string | null;
  load(): Promise<void>;
  /** Each resolves to the recorder's refusal (words for a person), or null when done. */
  /** Resolves to the refusal (coded, for the view to word), or null when enrolled. */
  enroll(server: string, code: string): Promise<ApiError | null>;
  leave(): Promise<string | null>;
  /** The approval states kept on the device (`refresh`: pulled from the server first). */
  weeks: ResponseMap['timesheet.weeks'] | null;
  loadWeeks(refresh: boolean): Promise<void>;
  /** Submits the workweek holding `week`; resolves to the refusal (with its code for the view's words), or what was submitted. */
  submitWeek(week: string): Promise<ApiError | ResponseMap['timesheet.submit']>;
  /** The device's figures of a week and its state, for the approved CSV. */
  week(week: string): Promise<ResponseMap['timesheet.week']>;
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
      changeThenReloadRefusal(
        () => call(transport, 'sync.enroll', { server, code }),
        () => get().load(),
      ),
    leave: () =>
      changeThenReload(
        () => call(transport, 'sync.leave', {}),
        () => get().load(),
      ),
    weeks: null,
    async loadWeeks(refresh) {
      try {
        set({ weeks: await call(transport, 'timesheet.weeks', { refresh }) });
      } catch (error) {
        set({ error: messageOf(error) });
      }
    },
    async submitWeek(week) {
      let submitted: ResponseMap['timesheet.submit'];
      try {
        submitted = await call(transport, 'timesheet.submit', { week });
      } catch (error) {
        await get().loadWeeks(false);
        return error instanceof ApiError ? error : new ApiError(messageOf(error));
      }
      await get().loadWeeks(false);
      return submitted;
    },
    week: (week) => call(transport, 'timesheet.week', { week }),
    connect() {
      return transport.subscribe((event) => {
        if (event.type === 'changed' && event.what === 'sync' && get().weeks) void get().loadWeeks(false);
        if (event.type === 'changed' && (event.what === 'sync' || event.what === 'settings') && get().status) void get().load();
      });
    },
  }));
}

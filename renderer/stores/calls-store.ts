import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiErrorCode, ApiTransport, RequestInput, ResponseMap } from '../../shared/api/contract';
import type { CallReviewFilter, CallsReport, StoredCall } from '../../shared/api/results';
import type { CallActionType } from '../../shared/calls/call-machine';
import type { DateRange } from '../app/date-ranges';
import type { ViewClock } from '../app/view-clock';
import { call, codeOf, latestOnly, messageOf } from './request';

export type LiveCall = ResponseMap['calls.state'];

/** The call in progress, and calls with their metrics (AHT by day) over a range. */
export interface CallsState {
  range: DateRange;
  live: LiveCall | null;
  report: CallsReport | null;
  calls: StoredCall[];
  /** Which calls the list shows: undefined = counted and to review. */
  reviewFilter: CallReviewFilter | undefined;
  loading: boolean;
  error: string | null;
  busy: CallActionType | 'review' | null;
  actionError: string | null;
  /** The refusal code behind actionError, which the view words in the chosen language. */
  actionErrorCode: ApiErrorCode | null;
  load(range?: DateRange): Promise<void>;
  loadLive(): Promise<void>;
  act(action: CallActionType, start?: { direction: 'in' | 'out'; contact?: string }, notes?: string): Promise<boolean>;
  filter(review: CallReviewFilter | undefined): Promise<void>;
  review(uuid: string, action: RequestInput<'calls.review'>['action']): Promise<boolean>;
  connect(): () => void;
}

export type CallsStore = StoreApi<CallsState>;

export function createCallsStore(transport: ApiTransport, clock: ViewClock, initial: DateRange): CallsStore {
  const loads = latestOnly();
  const lives = latestOnly();
  const mutate = async (
    get: () => CallsState,
    set: (s: Partial<CallsState>) => void,
    busy: CallsState['busy'],
    run: () => Promise<unknown>,
  ): Promise<boolean> => {
    if (get().busy) return false;
    set({ busy, actionError: null, actionErrorCode: null });
    try {
      await run();
      await Promise.all([get().loadLive(), get().load()]);
      return true;
    } catch (error) {
      set({ actionError: messageOf(error), actionErrorCode: codeOf(error) });
      return false;
    } finally {
      set({ busy: null });
    }
  };
  return createStore<CallsState>()((set, get) => ({
    range: initial,
    live: null,
    report: null,
    calls: [],
    reviewFilter: undefined,
    loading: false,
    error: null,
    busy: null,
    actionError: null,
    actionErrorCode: null,
    async load(range = get().range) {
      const timeZone = clock.timeZone();
      const n = loads.next();
      set({ range, loading: true });
      try {
        const [report, calls] = await Promise.all([
          // The headline figures are the rep's own; the agents table shows everyone in the logs.
          call(transport, 'report.calls', { ...range, byDay: true, byAgent: true, scope: 'mine', timeZone }),
          call(transport, 'calls.list', { ...range, timeZone, ...(get().reviewFilter ? { review: get().reviewFilter } : {}) }),
        ]);
        if (loads.isLatest(n)) set({ report, calls, loading: false, error: null });
      } catch (error) {
        if (loads.isLatest(n)) set({ loading: false, error: messageOf(error) });
      }
    },
    async loadLive() {
      const n = lives.next();
      try {
        const live = await call(transport, 'calls.state', {});
        if (lives.isLatest(n)) set({ live });
      } catch (error) {
        if (lives.isLatest(n)) set({ actionError: messageOf(error), actionErrorCode: codeOf(error) });
      }
    },
    act: (action, start, notes) =>
      mutate(get, set, action, () =>
        call(
          transport,
          'calls.act',
          action === 'start' && start
            ? { action, direction: start.direction, ...(start.contact ? { contact: start.contact } : {}) }
            : { action, ...(action === 'wrap' && notes ? { notes } : {}) },
        ),
      ),
    async filter(review) {
      set({ reviewFilter: review });
      await get().load();
    },
    review: (uuid, action) => mutate(get, set, 'review', () => call(transport, 'calls.review', { uuid, action })),
    connect() {
      return transport.subscribe((event) => {
        if (event.type === 'changed' && event.what === 'calls') {
          void get().loadLive();
          if (get().report) void get().load();
        } else if (event.type === 'status') {
          // The live timer of a call in progress follows the status heartbeat.
          if (get().live && get().live?.state.status !== 'idle') void get().loadLive();
        } else if (event.type === 'recorder' && (event.event.type === 'call-detected' || event.event.type === 'call-detected-end')) {
          void get().loadLive();
          if (get().report) void get().load();
        }
      });
    },
  }));
}

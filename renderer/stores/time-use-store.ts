import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiTransport, ResponseMap } from '../../shared/api/contract';
import type { TimeUseGrouping } from '../../shared/api/results';
import type { ViewClock } from '../app/view-clock';
import { call, latestOnly, messageOf } from './request';

export interface TimeUseQuery {
  from: string;
  to: string;
  by: TimeUseGrouping;
}

export type TimeUseResult = ResponseMap['report.timeUse'];

/** Reloading a report that includes today once this much more activity was seen (seconds). */
export const LIVE_REFRESH_SECONDS = 60;

/** Time use over a range, grouped one way: Today's categories and the Activity view each hold one. */
export interface TimeUseState {
  /** The query last asked for. */
  query: TimeUseQuery;
  report: TimeUseResult | null;
  /** The query `report` answers (it lags `query` while a load is in flight). */
  reportQuery: TimeUseQuery | null;
  loading: boolean;
  error: string | null;
  /** Loads the report for the query changed by `change` (the current one when omitted). */
  load(change?: Partial<TimeUseQuery>): Promise<void>;
  connect(): () => void;
}

export type TimeUseStore = StoreApi<TimeUseState>;

export function createTimeUseStore(transport: ApiTransport, clock: ViewClock, initial: TimeUseQuery): TimeUseStore {
  const loads = latestOnly();
  // Today's active seconds when the report was last asked for; live status past it by a minute reloads.
  let activeAtLoad: number | null = null;
  let lastActive: number | null = null;
  return createStore<TimeUseState>()((set, get) => ({
    query: initial,
    report: null,
    reportQuery: null,
    loading: false,
    error: null,
    async load(change) {
      const query = { ...get().query, ...change };
      const n = loads.next();
      activeAtLoad = lastActive;
      set({ query, loading: true });
      try {
        const report = await call(transport, 'report.timeUse', { ...query, timeZone: clock.timeZone() });
        if (loads.isLatest(n)) set({ report, reportQuery: query, loading: false, error: null });
      } catch (error) {
        if (loads.isLatest(n)) set({ loading: false, error: messageOf(error) });
      }
    },
    connect() {
      return transport.subscribe((event) => {
        if (event.type === 'changed' && event.what !== 'calls') {
          if (get().report || get().error) void get().load();
        } else if (event.type === 'status') {
          const today = event.status.today;
          lastActive = today.activeSeconds;
          const { query, report, loading } = get();
          if (!report || loading || query.to < today.date || query.from > today.date) return;
          if (activeAtLoad === null) activeAtLoad = today.activeSeconds;
          else if (today.activeSeconds - activeAtLoad >= LIVE_REFRESH_SECONDS) void get().load();
        }
      });
    },
  }));
}

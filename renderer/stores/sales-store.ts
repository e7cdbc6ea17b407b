import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiTransport } from '../../shared/api/contract';
import type { SalesReport } from '../../shared/api/results';
import type { DateRange } from '../app/date-ranges';
import type { ViewClock } from '../app/view-clock';
import { call, latestOnly, messageOf } from './request';

/** Sales KPIs over a range, from imported CRM reports and recorded activity. */
export interface SalesState {
  range: DateRange;
  report: SalesReport | null;
  loading: boolean;
  error: string | null;
  load(range?: DateRange): Promise<void>;
  connect(): () => void;
}

export type SalesStore = StoreApi<SalesState>;

export function createSalesStore(transport: ApiTransport, clock: ViewClock, initial: DateRange): SalesStore {
  const loads = latestOnly();
  return createStore<SalesState>()((set, get) => ({
    range: initial,
    report: null,
    loading: false,
    error: null,
    async load(range = get().range) {
      const n = loads.next();
      set({ range, loading: true });
      try {
        const report = await call(transport, 'report.sales', { ...range, timeZone: clock.timeZone() });
        if (loads.isLatest(n)) set({ report, loading: false, error: null });
      } catch (error) {
        if (loads.isLatest(n)) set({ loading: false, error: messageOf(error) });
      }
    },
    connect() {
      return transport.subscribe((event) => {
        if (event.type === 'changed' && (event.what === 'rules' || event.what === 'calls') && get().report) void get().load();
      });
    },
  }));
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiTransport } from '../../shared/api/contract';
import type { CallsReport } from '../../shared/api/results';
import { today } from '../app/date-ranges';
import type { ViewClock } from '../app/view-clock';
import { call, latestOnly, messageOf } from './request';

/** Today's call metrics of the rep's own calls (calls answered, AHT, detected calls to review) for the Today view, whatever range the Calls view shows. */
export interface TodayCallsState {
  report: CallsReport | null;
  error: string | null;
  load(): Promise<void>;
  /** Reloads on `changed: 'calls'` and on detected calls; returns the unsubscribe. */
  connect(): () => void;
}

export type TodayCallsStore = StoreApi<TodayCallsState>;

export function createTodayCallsStore(transport: ApiTransport, clock: ViewClock): TodayCallsStore {
  const loads = latestOnly();
  return createStore<TodayCallsState>()((set, get) => ({
    report: null,
    error: null,
    async load() {
      const day = today(clock);
      const n = loads.next();
      try {
        const report = await call(transport, 'report.calls', { from: day, to: day, scope: 'mine', timeZone: clock.timeZone() });
        if (loads.isLatest(n)) set({ report, error: null });
      } catch (error) {
        if (loads.isLatest(n)) set({ error: messageOf(error) });
      }
    },
    connect() {
      return transport.subscribe((event) => {
        const callsChanged =
          (event.type === 'changed' && event.what === 'calls') ||
          (event.type === 'recorder' && (event.event.type === 'call-detected' || event.event.type === 'call-detected-end'));
        if (callsChanged && get().report) void get().load();
      });
    },
  }));
}

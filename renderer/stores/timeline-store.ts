import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiTransport, Timeline } from '../../shared/api/contract';
import type { ViewClock } from '../app/view-clock';
import { LIVE_REFRESH_SECONDS } from './time-use-store';
import { call, latestOnly, messageOf } from './request';

/** One local day as lanes: activity by rating, idle, and work sessions and breaks. */
export interface TimelineState {
  date: string;
  timeline: Timeline | null;
  loading: boolean;
  error: string | null;
  load(date?: string): Promise<void>;
  connect(): () => void;
}

export type TimelineStore = StoreApi<TimelineState>;

export function createTimelineStore(transport: ApiTransport, clock: ViewClock, initialDate: string): TimelineStore {
  const loads = latestOnly();
  let trackedAtLoad: number | null = null;
  let lastTracked: number | null = null;
  return createStore<TimelineState>()((set, get) => ({
    date: initialDate,
    timeline: null,
    loading: false,
    error: null,
    async load(date = get().date) {
      const n = loads.next();
      trackedAtLoad = lastTracked;
      set({ date, loading: true });
      try {
        const timeline = await call(transport, 'timeline.get', { date, timeZone: clock.timeZone() });
        if (loads.isLatest(n)) set({ timeline, loading: false, error: null });
      } catch (error) {
        if (loads.isLatest(n)) set({ loading: false, error: messageOf(error) });
      }
    },
    connect() {
      return transport.subscribe((event) => {
        if (event.type === 'changed' && event.what !== 'calls') {
          if (get().timeline || get().error) void get().load();
        } else if (event.type === 'status') {
          const today = event.status.today;
          lastTracked = today.trackedSeconds;
          const { timeline, loading, date } = get();
          if (!timeline || loading || date !== today.date) return;
          if (trackedAtLoad === null) trackedAtLoad = today.trackedSeconds;
          else if (today.trackedSeconds - trackedAtLoad >= LIVE_REFRESH_SECONDS) void get().load();
        }
      });
    },
  }));
}

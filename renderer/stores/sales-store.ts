import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiTransport } from '../../shared/api/contract';
import type { SalesReport } from '../../shared/api/results';
import { compileBusinessHours } from '../../shared/sales/business-hours';
import type { DateRange } from '../app/date-ranges';
import { readJson, writeJson, type PreferenceStorage } from '../app/storage';
import type { ViewClock } from '../app/view-clock';
import { call, latestOnly, messageOf } from './request';

/** Opening hours lead response is also measured in, Monday to Friday in the view's zone; null: calendar time only. */
export interface BusinessHoursPreference {
  start: string;
  end: string;
}

export const BUSINESS_HOURS_KEY = 'stint.sales.businessHours';
export const DEFAULT_BUSINESS_HOURS: BusinessHoursPreference = { start: '09:00', end: '17:00' };

/** Saved as `{ hours }` so "off" (null) differs from nothing saved yet; hours are checked as the recorder checks them. */
function isSaved(value: unknown): value is { hours: BusinessHoursPreference | null } {
  if (typeof value !== 'object' || value === null || !('hours' in value)) return false;
  const hours = (value as { hours: unknown }).hours;
  if (hours === null) return true;
  if (typeof hours !== 'object') return false;
  const { start, end } = hours as Record<string, unknown>;
  if (typeof start !== 'string' || typeof end !== 'string') return false;
  try {
    compileBusinessHours({ zone: 'UTC', start, end });
    return true;
  } catch {
    return false;
  }
}

/** Sales KPIs over a range, from imported CRM reports and recorded activity. */
export interface SalesState {
  range: DateRange;
  report: SalesReport | null;
  businessHours: BusinessHoursPreference | null;
  loading: boolean;
  error: string | null;
  load(range?: DateRange): Promise<void>;
  /** Saves the hours in this browser and reloads; null turns the business-hours figures off. */
  setBusinessHours(hours: BusinessHoursPreference | null): Promise<void>;
  connect(): () => void;
}

export type SalesStore = StoreApi<SalesState>;

export function createSalesStore(transport: ApiTransport, clock: ViewClock, initial: DateRange, storage: PreferenceStorage): SalesStore {
  const loads = latestOnly();
  const saved = readJson(storage, BUSINESS_HOURS_KEY, isSaved);
  return createStore<SalesState>()((set, get) => ({
    range: initial,
    report: null,
    businessHours: saved ? saved.hours : DEFAULT_BUSINESS_HOURS,
    loading: false,
    error: null,
    async load(range = get().range) {
      const n = loads.next();
      set({ range, loading: true });
      const hours = get().businessHours;
      try {
        const report = await call(transport, 'report.sales', {
          ...range,
          timeZone: clock.timeZone(),
          ...(hours ? { businessHours: { ...hours, days: [1, 2, 3, 4, 5] } } : {}),
        });
        if (loads.isLatest(n)) set({ report, loading: false, error: null });
      } catch (error) {
        if (loads.isLatest(n)) set({ loading: false, error: messageOf(error) });
      }
    },
    async setBusinessHours(hours) {
      writeJson(storage, BUSINESS_HOURS_KEY, { hours });
      set({ businessHours: hours });
      await get().load();
    },
    connect() {
      return transport.subscribe((event) => {
        if (event.type === 'changed' && (event.what === 'rules' || event.what === 'calls' || event.what === 'crm') && get().report) void get().load();
      });
    },
  }));
}

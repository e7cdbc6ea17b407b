import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiTransport, ResponseMap } from '../../shared/api/contract';
import type { EffectiveInterval } from '../../shared/api/results';
import { addDays, workweekStart } from '../../shared/timesheet/local-time';
import {
  NO_ROUNDING,
  OVERTIME_RULES,
  ROUNDING_MINUTES,
  ROUNDING_MODES,
  WEEK_STARTS,
  type OvertimeRules,
  type Rounding,
  type WeekStart,
} from '../../shared/timesheet/types';
import { readJson, writeJson, type PreferenceStorage } from '../app/storage';
import type { ViewClock } from '../app/view-clock';
import { today } from '../app/date-ranges';
import { call, latestOnly, messageOf, changeThenReload } from './request';
import { LIVE_REFRESH_SECONDS } from './time-use-store';

/** A date on each weekday, to name it through Intl in the reader's language. */
export const WEEKDAY_DATE: Record<WeekStart, string> = {
  mon: '2026-03-02',
  tue: '2026-03-03',
  wed: '2026-03-04',
  thu: '2026-03-05',
  fri: '2026-03-06',
  sat: '2026-03-07',
  sun: '2026-03-08',
};

export interface TimesheetPreferences {
  rules: OvertimeRules;
  rounding: Rounding;
  weekStart: WeekStart;
}

const PREFERENCES_KEY = 'stint.timesheet';
const DEFAULT_PREFERENCES: TimesheetPreferences = { rules: 'none', rounding: NO_ROUNDING, weekStart: 'mon' };

function isPreferences(value: unknown): value is TimesheetPreferences {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<TimesheetPreferences>;
  return (
    OVERTIME_RULES.includes(v.rules as OvertimeRules) &&
    WEEK_STARTS.includes(v.weekStart as WeekStart) &&
    typeof v.rounding === 'object' &&
    v.rounding !== null &&
    ROUNDING_MINUTES.includes(v.rounding.minutes) &&
    ROUNDING_MODES.includes(v.rounding.mode)
  );
}

export interface ManualTime {
  kind: 'work' | 'break';
  startMs: number;
  endMs: number;
  reason: string;
}

/** A week of timesheet by local day, and the work and breaks in it that can be corrected. */
export interface TimesheetState extends TimesheetPreferences {
  /** First date of the week shown. */
  from: string;
  sheet: ResponseMap['timesheet.get'] | null;
  /** The overtime rules `sheet` was computed with (they lag `rules` while a load is in flight). */
  sheetRules: OvertimeRules;
  entries: EffectiveInterval[];
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
  showWeekOf(date: string): Promise<void>;
  shiftWeek(weeks: number): Promise<void>;
  setPreferences(change: Partial<TimesheetPreferences>): Promise<void>;
  /** Adds manual time; resolves to an error message, or null when saved. */
  addTime(entry: ManualTime): Promise<string | null>;
  editTime(uuid: string, change: { startMs?: number; endMs?: number; reason: string }): Promise<string | null>;
  removeTime(uuid: string, reason: string): Promise<string | null>;
  connect(): () => void;
}

export type TimesheetStore = StoreApi<TimesheetState>;

export function createTimesheetStore(transport: ApiTransport, clock: ViewClock, storage: PreferenceStorage): TimesheetStore {
  const loads = latestOnly();
  let workAtLoad: number | null = null;
  let lastWork: number | null = null;
  const preferences = readJson(storage, PREFERENCES_KEY, isPreferences) ?? DEFAULT_PREFERENCES;
  return createStore<TimesheetState>()((set, get) => ({
    ...preferences,
    from: workweekStart(today(clock), preferences.weekStart),
    sheet: null,
    sheetRules: preferences.rules,
    entries: [],
    loading: false,
    error: null,
    async load() {
      const { from, rules, rounding, weekStart } = get();
      const to = addDays(from, 6);
      const timeZone = clock.timeZone();
      const n = loads.next();
      workAtLoad = lastWork;
      set({ loading: true });
      try {
        const [sheet, entries] = await Promise.all([
          call(transport, 'timesheet.get', { from, to, rules, rounding, weekStart, timeZone }),
          call(transport, 'time.list', { from, to, timeZone }),
        ]);
        if (loads.isLatest(n)) set({ sheet, sheetRules: rules, entries, loading: false, error: null });
      } catch (error) {
        if (loads.isLatest(n)) set({ loading: false, error: messageOf(error) });
      }
    },
    async showWeekOf(date) {
      set({ from: workweekStart(date, get().weekStart) });
      await get().load();
    },
    async shiftWeek(weeks) {
      set({ from: addDays(get().from, 7 * weeks) });
      await get().load();
    },
    async setPreferences(change) {
      const next: TimesheetPreferences = { rules: get().rules, rounding: get().rounding, weekStart: get().weekStart, ...change };
      writeJson(storage, PREFERENCES_KEY, next);
      set({ ...next, from: workweekStart(get().from, next.weekStart) });
      await get().load();
    },
    addTime: (entry) =>
      changeThenReload(
        () => call(transport, 'time.add', entry),
        () => get().load(),
      ),
    editTime: (uuid, edit) =>
      changeThenReload(
        () => call(transport, 'time.edit', { uuid, ...edit }),
        () => get().load(),
      ),
    removeTime: (uuid, reason) =>
      changeThenReload(
        () => call(transport, 'time.remove', { uuid, reason }),
        () => get().load(),
      ),
    connect() {
      return transport.subscribe((event) => {
        if (event.type === 'changed' && (event.what === 'sessions' || event.what === 'time' || event.what === 'idle' || event.what === 'settings')) {
          if (get().sheet || get().error) void get().load();
        } else if (event.type === 'status') {
          // While the rep works, today's row grows: reload once a minute of work has been added.
          const today = event.status.today;
          lastWork = today.workSeconds;
          const { sheet, loading, from } = get();
          if (!sheet || loading || today.date < from || today.date > addDays(from, 6)) return;
          if (workAtLoad === null) workAtLoad = today.workSeconds;
          else if (today.workSeconds - workAtLoad >= LIVE_REFRESH_SECONDS) void get().load();
        }
      });
    },
  }));
}

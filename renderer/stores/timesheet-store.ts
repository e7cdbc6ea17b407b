import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiTransport, ResponseMap } from '../../shared/api/contract';
import type { EffectiveInterval } from '../../shared/api/results';
import { addDays, workweekStart } from '../../shared/timesheet/local-time';
import { NO_ROUNDING, type OvertimeRules, type Rounding, type WeekStart } from '../../shared/timesheet/types';
import type { WorkSettingsStore } from './work-settings-store';
import type { ViewClock } from '../app/view-clock';
import { today } from '../app/date-ranges';
import { call, latestOnly, messageOf, changeThenReloadRefusal, type ApiError } from './request';
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

/** How the week is computed: stored with the rep's work settings (settings.get/set), so every window and the CLI agree. */
export interface TimesheetPreferences {
  rules: OvertimeRules;
  rounding: Rounding;
}

const DEFAULT_PREFERENCES: TimesheetPreferences = { rules: 'none', rounding: NO_ROUNDING };

export interface ManualTime {
  kind: 'work' | 'break';
  startMs: number;
  endMs: number;
  reason: string;
}

/** A week of timesheet by local day, and the work and breaks in it that can be corrected. */
export interface TimesheetState extends TimesheetPreferences {
  /** The stored week start `from` is aligned to; null until the work settings are known. */
  weekStart: WeekStart | null;
  /** First date of the week shown. */
  from: string;
  sheet: ResponseMap['timesheet.get'] | null;
  /** The overtime rules `sheet` was computed with (they lag `rules` while a load is in flight). */
  sheetRules: OvertimeRules;
  entries: EffectiveInterval[];
  loading: boolean;
  error: string | null;
  /** A refused settings change with its code, which the view words in the chosen language (error holds its English). */
  refusal: ApiError | null;
  load(): Promise<void>;
  showWeekOf(date: string): Promise<void>;
  shiftWeek(weeks: number): Promise<void>;
  /** Saves overtime rules or rounding as work settings (settings.set); resolves to the refusal, or null when saved. */
  setPreferences(change: Partial<TimesheetPreferences>): Promise<ApiError | null>;
  /** Saves the week start as a work setting (settings.set); resolves to the refusal, or null when saved. */
  setWeekStart(weekStart: WeekStart): Promise<ApiError | null>;
  /** Adds manual time; resolves to the refusal (a locked week carries its code), or null when saved. */
  addTime(entry: ManualTime): Promise<ApiError | null>;
  editTime(uuid: string, change: { startMs?: number; endMs?: number; reason: string }): Promise<ApiError | null>;
  removeTime(uuid: string, reason: string): Promise<ApiError | null>;
  connect(): () => void;
}

export type TimesheetStore = StoreApi<TimesheetState>;

export function createTimesheetStore(transport: ApiTransport, clock: ViewClock, workSettings: WorkSettingsStore): TimesheetStore {
  const loads = latestOnly();
  let workAtLoad: number | null = null;
  let lastWork: number | null = null;
  const stored = workSettings.getState().settings;
  const preferences: TimesheetPreferences = stored ? { rules: stored.overtimeRules, rounding: stored.rounding } : DEFAULT_PREFERENCES;
  const known = stored?.weekStart ?? null;
  /** A date in the week to show; `from` is its week's first day under the stored week start. */
  let anchor = today(clock);
  /** The reload that follows a changed week start, for setWeekStart to wait on. */
  let following: Promise<void> = Promise.resolve();

  /** The stored settings, asking the recorder when they are not known yet; null (with the error) when they cannot be had. */
  const storedSettings = async () => {
    if (!workSettings.getState().settings) await workSettings.getState().load();
    return workSettings.getState().settings;
  };

  /** Set while this store reloads the settings itself, so the week start subscription below does not load twice. */
  let refreshingSettings = false;
  const reloadSettingsThenSheet = async () => {
    refreshingSettings = true;
    try {
      await workSettings.getState().load();
    } finally {
      refreshingSettings = false;
    }
    await store.getState().load();
  };

  const store = createStore<TimesheetState>()((set, get) => ({
    rules: preferences.rules,
    rounding: preferences.rounding,
    weekStart: known,
    from: known ? workweekStart(anchor, known) : anchor,
    sheet: null,
    sheetRules: preferences.rules,
    entries: [],
    loading: false,
    error: null,
    refusal: null,
    async load() {
      const n = loads.next();
      workAtLoad = lastWork;
      set({ loading: true });
      const settings = await storedSettings();
      if (!loads.isLatest(n)) return;
      if (!settings) return set({ loading: false, error: workSettings.getState().error, refusal: null });
      const { weekStart, overtimeRules: rules, rounding } = settings;
      anchor = workweekStart(anchor, weekStart);
      set({ weekStart, from: anchor, rules, rounding });
      const { from } = get();
      const to = addDays(from, 6);
      const timeZone = clock.timeZone();
      try {
        const [sheet, entries] = await Promise.all([
          call(transport, 'timesheet.get', { from, to, rules, rounding, weekStart, timeZone }),
          call(transport, 'time.list', { from, to, timeZone }),
        ]);
        if (loads.isLatest(n)) set({ sheet, sheetRules: rules, entries, loading: false, error: null, refusal: null });
      } catch (error) {
        if (loads.isLatest(n)) set({ loading: false, error: messageOf(error), refusal: null });
      }
    },
    async showWeekOf(date) {
      anchor = date;
      const { weekStart } = get();
      if (weekStart) set({ from: workweekStart(date, weekStart) });
      await get().load();
    },
    async shiftWeek(weeks) {
      await get().showWeekOf(addDays(get().from, 7 * weeks));
    },
    async setPreferences(change) {
      const problem = await workSettings.getState().save({
        ...(change.rules === undefined ? {} : { overtimeRules: change.rules }),
        ...(change.rounding === undefined ? {} : { rounding: change.rounding }),
      });
      if (problem) set({ error: problem.message, refusal: problem });
      else await following;
      return problem;
    },
    async setWeekStart(weekStart) {
      const problem = await workSettings.getState().save({ weekStart });
      if (problem) set({ error: problem.message, refusal: problem });
      else await following;
      return problem;
    },
    addTime: (entry) =>
      changeThenReloadRefusal(
        () => call(transport, 'time.add', entry),
        () => get().load(),
      ),
    editTime: (uuid, edit) =>
      changeThenReloadRefusal(
        () => call(transport, 'time.edit', { uuid, ...edit }),
        () => get().load(),
      ),
    removeTime: (uuid, reason) =>
      changeThenReloadRefusal(
        () => call(transport, 'time.remove', { uuid, reason }),
        () => get().load(),
      ),
    connect() {
      return transport.subscribe((event) => {
        if (event.type === 'changed' && event.what === 'settings') {
          if (get().sheet || get().error) void reloadSettingsThenSheet();
        } else if (event.type === 'changed' && (event.what === 'sessions' || event.what === 'time' || event.what === 'idle')) {
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

  // Whoever changes the stored week start, overtime rules or rounding (this view, the Settings card, another process or
  // window, the CLI), the week shown follows them.
  workSettings.subscribe((state) => {
    const now = state.settings;
    const shown = store.getState();
    if (!now || !shown.weekStart || refreshingSettings) return;
    const differs =
      now.weekStart !== shown.weekStart ||
      now.overtimeRules !== shown.rules ||
      now.rounding.minutes !== shown.rounding.minutes ||
      now.rounding.mode !== shown.rounding.mode;
    if (differs) following = store.getState().load();
  });
  return store;
}

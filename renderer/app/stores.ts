import { createImportStore, type ImportStore } from '../stores/import-store';
import type { ApiTransport } from '../../shared/api/contract';
import { createCallsStore, type CallsStore } from '../stores/calls-store';
import { createIdleStore, type IdleStore } from '../stores/idle-store';
import { createRulesStore, type RulesStore } from '../stores/rules-store';
import { createSalesStore, type SalesStore } from '../stores/sales-store';
import { createSettingsStore, type SettingsStore } from '../stores/settings-store';
import { createStatusStore, type StatusStore } from '../stores/status-store';
import { createSyncStore, type SyncStore } from '../stores/sync-store';
import { createTimeUseStore, type TimeUseStore } from '../stores/time-use-store';
import { createTimelineStore, type TimelineStore } from '../stores/timeline-store';
import { createTimesheetStore, type TimesheetStore } from '../stores/timesheet-store';
import { createTodayCallsStore, type TodayCallsStore } from '../stores/today-calls-store';
import { createWorkSettingsStore, type WorkSettingsStore } from '../stores/work-settings-store';
import { presetRange, today } from './date-ranges';
import type { PreferenceStorage } from './storage';
import type { ViewClock } from './view-clock';

/** One store per concern, all over the same transport. */
export interface Stores {
  imports: ImportStore;
  status: StatusStore;
  idle: IdleStore;
  /** Today's time by category (the Today view). */
  today: TimeUseStore;
  /** Any range, any grouping (the Activity view). */
  activity: TimeUseStore;
  timeline: TimelineStore;
  timesheet: TimesheetStore;
  rules: RulesStore;
  calls: CallsStore;
  /** Today's call metrics (the Today view's calls card). */
  todayCalls: TodayCallsStore;
  sales: SalesStore;
  settings: SettingsStore;
  /** Settings kept with the data: week start, unconfirmed idle limit. */
  workSettings: WorkSettingsStore;
  /** This device and the team server. */
  sync: SyncStore;
}

export interface StoreEnvironment {
  clock: ViewClock;
  storage: PreferenceStorage;
  /** navigator.languages (or [navigator.language]). */
  languages: readonly string[];
}

export function createStores(transport: ApiTransport, env: StoreEnvironment): Stores {
  const { clock } = env;
  const day = today(clock);
  const workSettings = createWorkSettingsStore(transport);
  return {
    imports: createImportStore(transport),
    status: createStatusStore(transport),
    idle: createIdleStore(transport),
    today: createTimeUseStore(transport, clock, { from: day, to: day, by: 'category' }),
    activity: createTimeUseStore(transport, clock, { from: day, to: day, by: 'app' }),
    timeline: createTimelineStore(transport, clock, day),
    timesheet: createTimesheetStore(transport, clock, workSettings),
    rules: createRulesStore(transport),
    calls: createCallsStore(transport, clock, presetRange('today', clock)),
    todayCalls: createTodayCallsStore(transport, clock),
    sales: createSalesStore(transport, clock, presetRange('thisQuarter', clock), env.storage),
    settings: createSettingsStore(env.storage, env.languages),
    workSettings,
    sync: createSyncStore(transport),
  };
}

/** Starts every store's event subscription; returns one unsubscribe for all. */
export function connectStores(stores: Stores): () => void {
  const stops = [
    stores.status.getState().connect(),
    stores.idle.getState().connect(),
    stores.today.getState().connect(),
    stores.activity.getState().connect(),
    stores.timeline.getState().connect(),
    stores.timesheet.getState().connect(),
    stores.rules.getState().connect(),
    stores.calls.getState().connect(),
    stores.todayCalls.getState().connect(),
    stores.sales.getState().connect(),
    stores.workSettings.getState().connect(),
    stores.sync.getState().connect(),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

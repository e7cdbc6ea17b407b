import type { ApiHandlers, Timeline } from '../../../shared/api/contract';
import { timelineOf } from '../../../shared/reports/timeline';
import { liveTalkMs, type CallAction } from '../../../shared/calls';
import type { TimeUseGrouping } from '../../../shared/api/results';
import { localDate, localDayBounds, workweekStart } from '../../../shared/timesheet';
import { UserError } from '../../../shared/user-error';
import { CodedRefusal } from '../../../shared/api/refusal';
import type { Clock } from '../clock/clock';
import type { Recorder } from '../recorder';
import type { ImportHandlers } from './import-handlers';
import type { createSyncHandlers } from './sync-handlers';
import type { createWeekHandlers } from './week-handlers';
import { refuseLockedEdit } from './locked-week';
import type { SyncStore } from '../store/sync-store';
import type { SyncHttp } from '../sync/sync-client';
import { mayBeEnrolled } from '../sync/enrollment-paths';
import type { TokenCipher } from '../sync/token-vault';
import { timelineRows } from '../reports/timeline';
import { controlSession } from '../session-control';
import type { CallsStore } from '../store/calls-store';
import { CorrectionsStore } from '../store/corrections-store';
import { IdleChoicesStore } from '../store/idle-choices-store';
import { readLock } from '../store/recorder-lock';
import type { RulesStore } from '../store/rules-store';
import { SettingsStore } from '../store/settings-store';
import type { Store } from '../store/store';

export interface HandlerContext {
  store: Store;
  dbPath: string;
  clock: Clock;
  /** The recorder in this process, when there is one: session changes go through it. */
  recorder: Recorder | null;
  /** A read worker's: the pid of the recorder on its process's main thread, if one runs there (api/read-worker.ts). */
  recorderPid?: number | null;
  /** The network for `sync.*` (default: fetch); tests put a proxy or a stopped server behind it. */
  syncHttp?: SyncHttp;
  /** The desktop app's cipher for the token (sync/token-vault.ts); none: the plain 0600 file. */
  tokenCipher?: TokenCipher | null;
}

/**
 * The API's behaviour, one handler per request, over the store and the recorder. The local HTTP server
 * and the desktop app's recorder host both dispatch here after validating input against the contract;
 * SQL stays in the store and report modules (docs/architecture.md).
 */
export function createHandlers(ctx: HandlerContext): ApiHandlers {
  const { store, clock } = ctx;
  const db = store.db;
  // Each report, the category rules and the week locks load at their first request: a command runs one request,
  // and the rules (their schemas and regular expression engine) and the reports it does not ask for cost it start-up time.
  let rulesStore: Promise<RulesStore> | null = null;
  const rulesOf = () => (rulesStore ??= import('../store/rules-store').then((m) => new m.RulesStore(db)));
  let syncStore: Promise<SyncStore> | null = null;
  const syncStoreOf = () => (syncStore ??= import('../store/sync-store').then((m) => new m.SyncStore(db)));
  const corrections = new CorrectionsStore(db, store.deviceId);
  const idleChoices = new IdleChoicesStore(db, store.deviceId);
  // The calls store and the calls and sales reports load at their first request, not with every command.
  let callsStore: Promise<CallsStore> | null = null;
  const callsOf = () => (callsStore ??= import('../store/calls-store').then((m) => new m.CallsStore(db, store.deviceId)));
  // Zones, dates and range order were checked against the contract before any handler runs.
  const zoneOf = (zone: string | undefined) => zone ?? clock.timeZone();
  const range = (from: string, to: string, zone: string) => ({ fromMs: localDayBounds(from, zone).startMs, toMs: localDayBounds(to, zone).endMs });
  const settings = new SettingsStore(db);
  // Sync and the week submissions (the sync client, the pusher, the token vault) load at their first request.
  let syncParts: Promise<{ sync: ReturnType<typeof createSyncHandlers>; week: ReturnType<typeof createWeekHandlers> }> | null = null;
  const syncOf = () =>
    (syncParts ??= Promise.all([import('./sync-handlers'), import('./week-handlers')]).then(([s, w]) => {
      const sync = s.createSyncHandlers(ctx);
      return { sync, week: w.createWeekHandlers({ ...ctx, syncNow: sync['sync.now'] }) };
    }));
  /** An edit of an entry: where it was and where it would be, both checked against the approved weeks. */
  const entrySpans = (uuid: string, change: { startMs?: number; endMs?: number }) => {
    const found = corrections.find(uuid);
    if (!found || found.startMs === null || found.endMs === null) return [];
    const was = { startMs: found.startMs, endMs: found.endMs, timeZone: found.timeZone };
    return [was, { startMs: change.startMs ?? was.startMs, endMs: change.endMs ?? was.endMs, timeZone: clock.timeZone() }];
  };

  // The importers (CSV parsers, Timewarrior's format) load at the first import, not with every command.
  let importers: Promise<ImportHandlers> | null = null;
  const importer = () => (importers ??= import('./import-handlers').then((m) => m.createImportHandlers(store, clock)));
  return {
    'import.timewarrior': async (input) => (await importer())['import.timewarrior'](input),
    'import.calls': async (input) => (await importer())['import.calls'](input),
    'import.crm': async (input) => (await importer())['import.crm'](input),
    'sync.status': async (input) => (await syncOf()).sync['sync.status'](input),
    'sync.enroll': async (input) => (await syncOf()).sync['sync.enroll'](input),
    'sync.now': async (input) => (await syncOf()).sync['sync.now'](input),
    'sync.leave': async (input) => (await syncOf()).sync['sync.leave'](input),
    'sync.preview': async (input) => (await syncOf()).sync['sync.preview'](input),
    'timesheet.week': async (input) => (await syncOf()).week['timesheet.week'](input),
    'timesheet.weeks': async (input) => {
      // Not enrolled (no enrollment file): the stored states as they are, without loading the sync client, its
      // schemas and the token vault; `stint timesheet` asks this after every sheet.
      if (!mayBeEnrolled(ctx.dbPath)) return { ...(await syncStoreOf()).weeks(), enrolled: false, refreshError: null };
      return (await syncOf()).week['timesheet.weeks'](input);
    },
    'timesheet.submit': async (input) => (await syncOf()).week['timesheet.submit'](input),
    'status.get': async () => {
      // The values in force: the recorder's own in its process, else as the running recorder wrote them in its lock.
      const pid = ctx.recorder ? process.pid : (ctx.recorderPid ?? null);
      const lock = ctx.recorder ? null : readLock(ctx.dbPath);
      const inForce = ctx.recorder?.inForce() ?? lock?.inForce;
      const owner = pid !== null ? { pid, ...(inForce ? { inForce } : {}) } : lock;
      const { readStatus } = await import('../reports/status');
      return readStatus(db, clock.now(), clock.timeZone(), owner);
    },
    'session.act': async ({ action }) => {
      if (ctx.recorder) {
        const result = ctx.recorder.applySessionAction(action);
        if (!result.ok) throw result.code ? new CodedRefusal(result.code, result.error, { action }) : new UserError(result.error);
        return { state: result.state };
      }
      // Not the recorder's process: a recorder running elsewhere applies it, else it is written here.
      const { state } = await controlSession(store, ctx.dbPath, action, clock);
      return { state };
    },
    'report.timeUse': async ({ from, to, by, timeZone }) => {
      const zone = zoneOf(timeZone);
      const [{ timeUseReport }, rules] = await Promise.all([import('../reports/time-use'), rulesOf()]);
      const report = timeUseReport(db, {
        ...range(from, to, zone),
        by: by as TimeUseGrouping,
        timeZone: zone,
        nowMs: clock.now(),
        categorizer: rules.reportRules(),
      });
      return { ...report, from, to, timeZone: zone };
    },
    'timeline.get': async ({ date, timeZone }) => timeline(ctx, await rulesOf(), corrections, date, zoneOf(timeZone)),
    'timesheet.get': async ({ from, to, rules: overtime, weekStart, rounding, timeZone }) => {
      const { timesheetReport } = await import('../reports/timesheet');
      const stored = settings.get();
      const options = { rules: overtime ?? stored.overtimeRules, weekStart: weekStart ?? stored.weekStart, rounding: rounding ?? stored.rounding };
      const sheet = timesheetReport(db, { from, to, fallbackTimeZone: zoneOf(timeZone), ...options }, clock.now());
      return { ...sheet, from, to, ...options };
    },
    'time.list': ({ from, to, timeZone }) => {
      const zone = zoneOf(timeZone);
      const r = range(from, to, zone);
      return corrections.effective(r.fromMs, r.toMs, clock.now());
    },
    'time.get': ({ uuid }) => {
      const found = corrections.find(uuid);
      return found && { uuid, ...found };
    },
    // An approved week is locked here as on the server: edits that touch one are refused before anything is written.
    'time.add': async ({ kind, startMs, endMs, reason }) => {
      refuseLockedEdit(await syncStoreOf(), [{ startMs, endMs, timeZone: clock.timeZone() }]);
      return { uuid: corrections.add({ kind, startMs, endMs, timeZone: clock.timeZone(), replaces: null, reason }, clock.now()) };
    },
    'time.edit': async ({ uuid, startMs, endMs, reason }) => {
      const change = { ...(startMs === undefined ? {} : { startMs }), ...(endMs === undefined ? {} : { endMs }) };
      refuseLockedEdit(await syncStoreOf(), entrySpans(uuid, change));
      return { uuid: corrections.edit(uuid, change, reason, clock.now()).uuid };
    },
    'time.remove': async ({ uuid, reason }) => {
      refuseLockedEdit(await syncStoreOf(), entrySpans(uuid, {}));
      return { uuid: corrections.remove(uuid, reason, clock.now()) };
    },
    // Every unanswered stretch of the open workweek, so none turns into work unasked at midnight; stretches
    // shorter than the prompt threshold are never asked about.
    'idle.pending': () => {
      const zone = clock.timeZone();
      const { weekStart, idlePromptMinutes } = settings.get();
      const week = workweekStart(localDate(clock.now(), zone), weekStart);
      return idleChoices.pending(localDayBounds(week, zone).startMs, idlePromptMinutes * 60_000);
    },
    'idle.resolve': async ({ idleUuid, choice }) => {
      const idle = idleChoices.span(idleUuid);
      if (idle) refuseLockedEdit(await syncStoreOf(), [idle]);
      idleChoices.resolve(idleUuid, choice, clock.now());
      return { choice };
    },
    'settings.get': () => settings.get(),
    'settings.set': (change) => {
      const next = settings.set(change);
      ctx.recorder?.reloadSettings();
      return next;
    },
    'rules.list': async () => {
      const rules = await rulesOf();
      const categorizer = rules.categorizer();
      return { rules: rules.allRules().map((r) => ({ ...r, rating: categorizer.ratingOf(r.category) })), ratings: rules.ratings() };
    },
    'rules.add': async (input) => (await rulesOf()).add(input, clock.now()),
    'rules.remove': async ({ id }) => ({ result: (await rulesOf()).remove(id) }),
    'rules.enable': async ({ id }) => {
      (await rulesOf()).enable(id);
      return { id };
    },
    'rules.rate': async ({ category, rating }) => (await rulesOf()).rate(category, rating),
    'rules.test': async ({ app, title, url }) => (await rulesOf()).categorizer().categorize({ app, title, ...(url === undefined ? {} : { url }) }),
    'calls.state': async () => {
      const calls = await callsOf();
      const now = clock.now();
      const state = calls.state();
      // A meeting window seen by a recorder that is no longer running is not in progress.
      const running = ctx.recorder !== null || readLock(ctx.dbPath) !== null;
      return { state, liveTalkMs: liveTalkMs(state, now), nowMs: now, detected: running ? calls.detectedNow() : null };
    },
    'calls.act': async ({ action, direction, contact, notes }) => {
      const calls = await callsOf();
      const atMs = clock.now();
      const act: CallAction =
        action === 'start' ? { type: 'start', atMs, direction: direction ?? 'out', source: 'manual', ...(contact ? { contact } : {}) } : { type: action, atMs };
      return calls.act(act, clock.timeZone(), notes || undefined);
    },
    'calls.list': async ({ from, to, timeZone, review, agent }) => {
      const r = range(from, to, zoneOf(timeZone));
      return (await callsOf()).list(r.fromMs, r.toMs, settings.identity(), { ...(review ? { review } : {}), ...(agent ? { agent } : {}) });
    },
    'calls.review': async ({ uuid, action, into }) => {
      (await callsOf()).review(uuid, action, into ?? null, clock.now());
      return { uuid };
    },
    'report.calls': async ({ from, to, byDay, byAgent, scope, timeZone }) => {
      const { callsReport } = await import('../reports/calls-report');
      return callsReport(db, { from, to, timeZone: zoneOf(timeZone), byDay, byAgent, scope, nowMs: clock.now() });
    },
    'report.sales': async ({ from, to, timeZone, businessHours }) => {
      const { salesReport } = await import('../reports/sales-report');
      const zone = zoneOf(timeZone);
      const hours = businessHours && { start: businessHours.start, end: businessHours.end, zone, ...(businessHours.days ? { days: businessHours.days } : {}) };
      return salesReport(db, {
        from,
        to,
        timeZone: zone,
        nowMs: clock.now(),
        categorizer: (await rulesOf()).categorizer(),
        ...(hours ? { businessHours: hours } : {}),
      });
    },
  };
}

function timeline(ctx: HandlerContext, rules: RulesStore, corrections: CorrectionsStore, date: string, zone: string): Timeline {
  const { startMs, endMs } = localDayBounds(date, zone);
  const rows = timelineRows(ctx.store.db, startMs, endMs);
  const sessions = corrections.effective(startMs, endMs, ctx.clock.now());
  return timelineOf({ date, timeZone: zone, startMs, endMs, ...rows, sessions, categorizer: rules.categorizer() });
}

import { z } from 'zod';
import { once } from '../once';
import { DATE_BOUNDS_WORDS, INSTANT_BOUNDS_WORDS, isDateInBounds, isInstantInBounds, MAX_RANGE_DAYS, type RangedRequest } from '../bounds';
import { CALL_ACTION_TYPES, CALL_DIRECTIONS, CALL_REVIEW_ACTIONS, type CallMachineState, type CallRecord, type CallRefusalCode } from '../calls';
import { CALL_REFUSAL_CODES } from '../calls/call-refusal';
import type { Categorization, CategoryRating, Rule } from '../categories';
import { RATINGS } from '../categories/types';
import { CALL_SYSTEMS, type CallSystem } from '../imports/call-types';
import { DATE_FORMATS, type DateFormat } from '../imports/values';
import type { RecorderEvent } from '../recording/recorder-events';
import { IDLE_CHOICES, SESSION_KINDS, type IdleChoice, type SessionKind } from '../recording/records';
import { SESSION_ACTIONS, SESSION_REFUSAL_CODES, type SessionRefusalCode, type SessionState } from '../recording/session-machine';
import { clockMinutes, isClockTime } from '../sales/business-hours';
import { LOSS_REASONS, type LossReason } from '../sales';
import type { WeekFigures, WeekState } from '../payroll/week';
import type { SyncNowResult, SyncPreview, SyncStatus } from '../sync/device-sync';
import type { OvertimeRules, Rounding, Timesheet, WeekStart } from '../timesheet';
import { isIsoDate, isTimeZone } from '../timesheet/local-time';
import { OVERTIME_RULES, ROUNDING_MINUTES, ROUNDING_MODES, WEEK_STARTS } from '../timesheet/types';
import { workSettingsSchema, type WorkSettings } from '../timesheet/work-settings';
import {
  TIME_USE_GROUPINGS,
  CALL_REVIEW_FILTERS,
  type CallsReport,
  type DetectedCallNow,
  type EffectiveInterval,
  type SalesReport,
  type Status,
  type StoredCall,
  type RuleShadow,
  type StoredRule,
  type TimeUseReport,
} from './results';
import type { ChangedWhat } from './changed';

/*
 * The one API the views use, whatever carries it: Electron IPC through the preload in the desktop app,
 * HTTP + server-sent events to the local recorder in a browser. Inputs are validated with these schemas
 * on the receiving side, with the same checks the domain code uses (isIsoDate, isTimeZone, isClockTime),
 * so input that passes never makes a handler fail; every answer is { ok: true, data } or
 * { ok: false, error } with a message written for a person.
 */

// The pieces the requests share are built at their first use, as the requests are (lazySchemas below).

/**
 * Every free text a request carries (ids, reasons, names, patterns): never a NUL character, which C
 * strings, terminals and SQLite's text functions cut at, so a stored id or reason would not read back
 * as written.
 */
const text = once(() => z.string().regex(/^[^\0]*$/, 'contains a NUL character (U+0000); remove it'));

const isoDate = once(() =>
  z.string().max(10, 'a date as YYYY-MM-DD').refine(isIsoDate, { message: 'a real date as YYYY-MM-DD', abort: true }).refine(isDateInBounds, DATE_BOUNDS_WORDS),
);
const hhmm = once(() => z.string().max(5, 'a time as HH:mm').refine(isClockTime, 'a time as HH:mm, 00:00 to 24:00'));
const zone = once(() => z.string().max(64, 'a time zone name is at most 64 characters').refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'));
/** Milliseconds since the epoch, within the years Stint takes. */
const instant = once(() => z.number().int().refine(isInstantInBounds, `${INSTANT_BOUNDS_WORDS}, in milliseconds since 1970`));
const reason = once(() => text().trim().min(1, 'give a reason').max(500));
const uuid = once(() => text().min(1).max(64));

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/**
 * A range that ends before it starts, or is longer than the request takes (MAX_RANGE_DAYS), is refused on
 * `to`: once, here, for every request with a range.
 */
function rangeProblems(name: RangedRequest) {
  const most = MAX_RANGE_DAYS[name];
  return (input: { from: string; to: string }, ctx: z.RefinementCtx): void => {
    // A date that is refused itself says so on its own field.
    if (![input.from, input.to].every((date) => isIsoDate(date) && isDateInBounds(date))) return;
    const days = dayNumber(input.to) - dayNumber(input.from);
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: `the range ends (${input.to}) before it starts (${input.from})` });
    else if (days >= most) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `a range is at most ${most} days for ${name}: ask for a shorter range` });
    }
  };
}

export { IDLE_CHOICES, type IdleChoice };

const businessHours = once(() =>
  z
    .object({ start: hhmm(), end: hhmm(), days: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional() })
    .strict()
    .superRefine((hours, ctx) => {
      // Object checks run even when a field failed; compare only real times.
      if (isClockTime(hours.start) && isClockTime(hours.end) && clockMinutes(hours.end) <= clockMinutes(hours.start)) {
        ctx.addIssue({ code: 'custom', path: ['end'], message: `closing (${hours.end}) must be after opening (${hours.start})` });
      }
    }),
);

/** Largest file an import request carries: a year of a busy team's call log is a few megabytes. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;
/** A file to import, as the person chose it: its name for messages, its bytes (the parsers detect UTF-8 or UTF-16). */
const importFile = once(() =>
  z
    .object({
      name: text().min(1).max(1000),
      base64: z.base64().max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4, `a file of at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`),
    })
    .strict(),
);
const dateFormat = once(() => z.enum(DATE_FORMATS as [DateFormat, ...DateFormat[]]));
/** A CRM's loss-reason values mapped to the three reasons. */
const lossReasons = once(() => z.record(text().max(200), z.enum(LOSS_REASONS as [LossReason, ...LossReason[]])));
const columnName = once(() => text().min(1).max(200));
/** true: parse and count what would be added or updated, exactly as an import would, and write nothing. */
const preview = once(() => z.boolean().default(false));

/**
 * Each request's schema, built the first time it is read: a command or a worker that answers one request does
 * not build the other forty (zod's schemas cost start-up time; `stint status` builds one).
 */
export const requestSchemas = lazySchemas({
  'status.get': () => z.object({}).strict(),
  'session.act': () => z.object({ action: z.enum(SESSION_ACTIONS) }).strict(),
  'report.timeUse': () =>
    z
      .object({ from: isoDate(), to: isoDate(), by: z.enum(TIME_USE_GROUPINGS), timeZone: zone().optional() })
      .strict()
      .superRefine(rangeProblems('report.timeUse')),
  'timeline.get': () => z.object({ date: isoDate(), timeZone: zone().optional() }).strict(),
  'timesheet.get': () =>
    z
      .object({
        from: isoDate(),
        to: isoDate(),
        /** Default (as the week start and rounding): the stored work settings' (`settings.get`). */
        rules: z.enum(OVERTIME_RULES).optional(),
        weekStart: z.enum(WEEK_STARTS).optional(),
        rounding: z
          .object({ minutes: z.literal(ROUNDING_MINUTES), mode: z.enum(ROUNDING_MODES) })
          .strict()
          .optional(),
        timeZone: zone().optional(),
      })
      .strict()
      .superRefine(rangeProblems('timesheet.get')),
  /** Pushes what waits, computes the workweek holding `week` with the shared week code and submits it to the team server. */
  'timesheet.submit': () => z.object({ week: isoDate() }).strict(),
  /** The device's figures of the workweek holding `week` and its approval state as last pulled (null: never submitted). */
  'timesheet.week': () => z.object({ week: isoDate() }).strict(),
  /** The approval states kept on this device; `refresh` pulls them from the team server first. */
  'timesheet.weeks': () => z.object({ refresh: z.boolean().default(false) }).strict(),
  'time.list': () => z.object({ from: isoDate(), to: isoDate(), timeZone: zone().optional() }).strict().superRefine(rangeProblems('time.list')),
  'time.get': () => z.object({ uuid: uuid() }).strict(),
  'time.add': () => z.object({ kind: z.enum(SESSION_KINDS), startMs: instant(), endMs: instant(), reason: reason() }).strict(),
  'time.edit': () => z.object({ uuid: uuid(), startMs: instant().optional(), endMs: instant().optional(), reason: reason() }).strict(),
  'time.remove': () => z.object({ uuid: uuid(), reason: reason() }).strict(),
  'idle.pending': () => z.object({}).strict(),
  'idle.resolve': () => z.object({ idleUuid: uuid(), choice: z.enum(IDLE_CHOICES) }).strict(),
  'settings.get': () => z.object({}).strict(),
  /** Changes the settings given; `unconfirmedIdleLimitMinutes: null` counts every unanswered idle stretch as work. */
  'settings.set': () => workSettingsSchema().partial(),
  'rules.list': () => z.object({}).strict(),
  'rules.add': () =>
    z
      .object({
        category: text().min(1).max(200),
        app: text().max(500).optional(),
        title: text().max(500).optional(),
        url: text().max(500).optional(),
        /** Default: the next free user-N. */
        id: text().min(1).max(100).optional(),
      })
      .strict(),
  'rules.remove': () => z.object({ id: text().min(1).max(100) }).strict(),
  'rules.enable': () => z.object({ id: text().min(1).max(100) }).strict(),
  'rules.rate': () => z.object({ category: text().min(1).max(200), rating: z.enum(RATINGS) }).strict(),
  'rules.test': () => z.object({ app: text().max(500), title: text().max(2000), url: text().max(2000).optional() }).strict(),
  'calls.state': () => z.object({}).strict(),
  'calls.act': () =>
    z
      .object({
        action: z.enum(CALL_ACTION_TYPES),
        direction: z.enum(CALL_DIRECTIONS).optional(),
        contact: text().trim().max(200).optional(),
        /** With `wrap`: the rep's notes on the call, stored with it. */
        notes: text().trim().max(4000).optional(),
      })
      .strict()
      .refine((input) => input.notes === undefined || input.action === 'wrap', {
        path: ['notes'],
        message: 'notes are written when wrapping up (action wrap)',
      }),
  'calls.list': () =>
    z
      .object({
        from: isoDate(),
        to: isoDate(),
        timeZone: zone().optional(),
        /** Detected calls by review: waiting (pending), confirmed, or dismissed (and merged). Default: the calls that count and those waiting. */
        review: z.enum(CALL_REVIEW_FILTERS).optional(),
        /** 'me': the rep's own calls; another name: that agent's imported calls (as the log names them, any case). */
        agent: text().trim().min(1).max(320).optional(),
      })
      .strict()
      .superRefine(rangeProblems('calls.list')),
  'calls.review': () => z.object({ uuid: uuid(), action: z.enum(CALL_REVIEW_ACTIONS), into: uuid().optional() }).strict(),
  'import.timewarrior': () => z.object({ file: importFile(), timeZone: zone().optional() }).strict(),
  'import.calls': () =>
    z.object({ file: importFile(), format: z.enum(CALL_SYSTEMS as [CallSystem, ...CallSystem[]]), timeZone: zone().optional(), preview: preview() }).strict(),
  'import.crm': () =>
    z.discriminatedUnion('source', [
      z
        .object({
          source: z.literal('salesforce-opportunities'),
          file: importFile(),
          dateFormat: dateFormat().optional(),
          lossReasonColumn: columnName().optional(),
          lossReasons: lossReasons().optional(),
          decimalComma: z.boolean().default(false),
          preview: preview(),
        })
        .strict(),
      z
        .object({
          source: z.literal('salesforce-leads'),
          file: importFile(),
          dateFormat: dateFormat().optional(),
          firstTouchColumn: columnName().optional(),
          timeZone: zone().optional(),
          preview: preview(),
        })
        .strict(),
      z
        .object({
          source: z.literal('hubspot-deals'),
          file: importFile(),
          dateFormat: dateFormat().optional(),
          lossReasonColumn: columnName().optional(),
          lossReasons: lossReasons().optional(),
          preview: preview(),
        })
        .strict(),
    ]),
  'report.calls': () =>
    z
      .object({
        from: isoDate(),
        to: isoDate(),
        byDay: z.boolean().default(false),
        byAgent: z.boolean().default(false),
        /** 'mine': the rep's own calls (timed here, or theirs in imported logs); 'all' (default): every agent's. */
        scope: z.enum(['mine', 'all']).default('all'),
        timeZone: zone().optional(),
      })
      .strict()
      .superRefine(rangeProblems('report.calls')),
  'report.sales': () =>
    z
      .object({
        from: isoDate(),
        to: isoDate(),
        timeZone: zone().optional(),
        /** Also measure lead response inside these hours, in the report's zone. */
        businessHours: businessHours().optional(),
      })
      .strict()
      .superRefine(rangeProblems('report.sales')),
  'sync.status': () => z.object({}).strict(),
  /** The server as the rep typed it (checked by the handler, so a mistyped one gets the same words everywhere) and the one-time code. */
  'sync.enroll': () => z.object({ server: text().trim().min(1).max(2048), code: text().trim().min(1).max(64) }).strict(),
  'sync.now': () => z.object({}).strict(),
  'sync.leave': () => z.object({}).strict(),
  'sync.preview': () =>
    z
      .object({ from: isoDate(), to: isoDate(), timeZone: zone().optional() })
      .strict()
      .superRefine((input, ctx) => {
        if (!isIsoDate(input.from) || !isIsoDate(input.to)) return;
        const days = dayNumber(input.to) - dayNumber(input.from);
        if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: `the range ends (${input.to}) before it starts (${input.from})` });
        else if (days > 31) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a preview covers at most 31 days: ask for a shorter range' });
      }),
});

/** An object whose properties are built by their function on first read, then kept. */
function lazySchemas<T extends Record<string, () => z.ZodType>>(builders: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const schemas = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const key of Object.keys(builders) as (keyof T & string)[]) {
    Object.defineProperty(schemas, key, {
      enumerable: true,
      configurable: true,
      get() {
        const schema = builders[key]!() as ReturnType<T[typeof key]>;
        Object.defineProperty(schemas, key, { value: schema, enumerable: true });
        return schema;
      },
    });
  }
  return schemas;
}

export type RequestName = keyof typeof requestSchemas;
export type RequestInput<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;
export type ParsedInput<N extends RequestName> = z.output<(typeof requestSchemas)[N]>;

/** One lane of the Timeline view: spans of a kind over the local day. */
export interface TimelineSpan {
  startMs: number;
  endMs: number;
  /** Activity: the app (NONE_KEY for no window); sessions: the reason of a manual entry; otherwise ''. Words are the view's. */
  label: string;
  /** Category and rating for activity; null for the other lanes. */
  category: string | null;
  rating: 'productive' | 'neutral' | 'unproductive' | null;
}

export interface Timeline {
  date: string;
  timeZone: string;
  startMs: number;
  endMs: number;
  activity: TimelineSpan[];
  idle: TimelineSpan[];
  sessions: (TimelineSpan & { kind: SessionKind; manual: boolean })[];
}

/** An idle stretch the rep has not yet said what it was. */
export interface PendingIdle {
  uuid: string;
  startMs: number;
  endMs: number;
  open: boolean;
}

export interface ResponseMap {
  'status.get': Status;
  'session.act': { state: SessionState };
  'report.timeUse': TimeUseReport & { from: string; to: string; timeZone: string };
  'timeline.get': Timeline;
  /** With the overtime rules, rounding and week start it was computed with (given, else stored). */
  'timesheet.get': Timesheet & { from: string; to: string; rules: OvertimeRules; rounding: Rounding; weekStart: WeekStart };
  /** `figures`: the week the server checked, over this device's records and those of the rep's `otherDevices` computers. */
  'timesheet.submit': { state: WeekState; figures: WeekFigures; pushed: number; otherDevices: number };
  'timesheet.week': { figures: WeekFigures; state: WeekState | null; enrolled: boolean; userEmail: string | null };
  /** `pulledMs`: when the states were last pulled (null: never); `refreshError`: why a refresh failed, in words (the stored states stand). */
  'timesheet.weeks': { weeks: WeekState[]; pulledMs: number | null; enrolled: boolean; refreshError: string | null };
  'time.list': EffectiveInterval[];
  /** A session or correction as stored (null times: a removal), or null when there is none with that uuid. */
  'time.get': { uuid: string; kind: SessionKind; startMs: number | null; endMs: number | null; timeZone: string; open: boolean } | null;
  'time.add': { uuid: string };
  'time.edit': { uuid: string };
  'time.remove': { uuid: string };
  'idle.pending': PendingIdle[];
  'idle.resolve': { choice: IdleChoice };
  'settings.get': WorkSettings;
  'settings.set': WorkSettings;
  'rules.list': { rules: (StoredRule & { rating: string })[]; ratings: CategoryRating[] };
  /** The rule as stored, and the rules that would still file some of the windows it matches (none: it takes effect everywhere). */
  'rules.add': Rule & { shadowedBy: RuleShadow[] };
  'rules.remove': { result: 'removed' | 'disabled' };
  'rules.enable': { id: string };
  'rules.rate': CategoryRating;
  'rules.test': Categorization;
  /** `detected`: a call window open now, as the running recorder sees it (a meeting in progress); null when none. */
  'calls.state': { state: CallMachineState; liveTalkMs: number; nowMs: number; detected: DetectedCallNow | null };
  'calls.act': { state: CallMachineState; completed: CallRecord[] };
  'calls.list': StoredCall[];
  'calls.review': { uuid: string };
  'import.timewarrior': { imported: number; alreadyPresent: number; importedSeconds: number; timeZone: string; warnings: string[] };
  /** With `preview`, what an import would do; nothing was written. */
  'import.calls': { imported: number; present: number; answered: number; unanswered: number; preview: boolean };
  /** Opportunities, deals or leads added, and those updated from a newer report (or, with `preview`, that would be). */
  'import.crm': { added: number; updated: number; preview: boolean };
  'report.calls': CallsReport;
  'report.sales': SalesReport;
  'sync.status': SyncStatus;
  'sync.enroll': SyncStatus;
  'sync.now': SyncNowResult;
  'sync.leave': { left: boolean };
  'sync.preview': SyncPreview;
}

/**
 * A refusal the views word themselves, in the chosen language, instead of showing `error` (English).
 * `request-cancelled`: a read ran past the recorder's deadline and was stopped; a shorter range may fit.
 */
export const WEEK_REFUSAL_CODES = ['week-locked', 'week-figures-differ', 'records-not-synced', 'not-enrolled'] as const;
export type WeekRefusalCode = (typeof WEEK_REFUSAL_CODES)[number];
/** A call log or CRM report refused as a whole: params `file`, `count`, and `problems` (JSON: each row's line, message and coded problem). */
export const IMPORT_REFUSAL_CODES = ['import-rejected'] as const;
export type ImportRefusalCode = (typeof IMPORT_REFUSAL_CODES)[number];
/**
 * A rule or rating refused (rules.add, rules.remove, rules.enable, rules.rate). Params: `category` (as written),
 * `field` (app, title or url) and `pattern` for a pattern, `detail` (the regex engine's reason, English), `id`,
 * `near` (a known category that differs only in case, or ''), `rating`.
 */
export const RULE_REFUSAL_CODES = [
  'rule-bad-category',
  'rule-bad-pattern',
  'rule-no-pattern',
  'rule-id-taken',
  'rule-not-found',
  'rule-not-disabled',
  'rating-bad-category',
  'rating-unknown-category',
  'rating-bad-rating',
] as const;
export type RuleRefusalCode = (typeof RULE_REFUSAL_CODES)[number];
/**
 * Manual time or a correction refused (time.add, time.edit, time.remove). Params: `uuid`, `hours` (an entry's
 * length, for `time-too-long`), `newer` (the entry that replaced it, or '').
 */
export const TIME_REFUSAL_CODES = [
  'time-need-reason',
  'time-need-both-ends',
  'time-end-before-start',
  'time-too-long',
  'time-name-entry',
  'time-not-found',
  'time-still-running',
  'time-is-removal',
  'time-already-replaced',
] as const;
export type TimeRefusalCode = (typeof TIME_REFUSAL_CODES)[number];
/** An idle answer refused (idle.resolve): no such stretch, still idle, or already answered (params `choice`: the answer that stands). */
export const IDLE_REFUSAL_CODES = ['idle-not-found', 'idle-still-idle', 'idle-already-answered'] as const;
export type IdleRefusalCode = (typeof IDLE_REFUSAL_CODES)[number];
/** A work setting refused (settings.set) because the team's policy sets it; params `settings`: their names, comma-separated. */
export const SETTINGS_REFUSAL_CODES = ['settings-set-by-team'] as const;
export type SettingsRefusalCode = (typeof SETTINGS_REFUSAL_CODES)[number];
/**
 * Enrolling refused (sync.enroll): not a server address (`server`), already enrolled (`email`, `server`), an
 * unreadable enrollment file (`why`), or the server's or network's answer (`problem`: a SyncErrorCode, `detail`).
 */
export const SYNC_REFUSAL_CODES = ['sync-bad-address', 'sync-already-enrolled', 'sync-file-unreadable', 'sync-problem'] as const;
export type SyncRefusalCode = (typeof SYNC_REFUSAL_CODES)[number];
/** Reviewing a detected call refused (calls.review): no such call, not a detected one, a merge without a good target, or reviewed already (final). */
export const CALL_REVIEW_REFUSAL_CODES = [
  'call-review-not-found',
  'call-review-not-detected',
  'call-review-no-target',
  'call-review-self',
  'call-review-target-not-found',
  'call-review-done',
] as const;
export type CallReviewRefusalCode = (typeof CALL_REVIEW_REFUSAL_CODES)[number];
/** The codes a CodedRefusal carries; each is worded by the views as `refusal.<code>` (renderer/i18n/refusal-text.ts). */
export const CODED_REFUSAL_CODES = [
  ...WEEK_REFUSAL_CODES,
  ...IMPORT_REFUSAL_CODES,
  ...RULE_REFUSAL_CODES,
  ...TIME_REFUSAL_CODES,
  ...SESSION_REFUSAL_CODES,
  ...IDLE_REFUSAL_CODES,
  ...SETTINGS_REFUSAL_CODES,
  ...SYNC_REFUSAL_CODES,
  ...CALL_REVIEW_REFUSAL_CODES,
] as const;
export type CodedRefusalCode =
  | WeekRefusalCode
  | ImportRefusalCode
  | RuleRefusalCode
  | TimeRefusalCode
  | SessionRefusalCode
  | IdleRefusalCode
  | SettingsRefusalCode
  | SyncRefusalCode
  | CallReviewRefusalCode;
export const API_ERROR_CODES = [...CALL_REFUSAL_CODES, ...CODED_REFUSAL_CODES, 'request-cancelled'] as const;
export type ApiErrorCode = CallRefusalCode | CodedRefusalCode | 'request-cancelled';
/** `params`: what the views need to word a coded refusal themselves (the week, who approved it). */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: string; code?: ApiErrorCode; params?: Record<string, string> };

export { CHANGED_WHATS, type ChangedWhat } from './changed';

/** Pushed to every view: the live status once a second, recorder state changes as they happen. */
export type ApiEvent = { type: 'status'; status: Status } | { type: 'recorder'; event: RecorderEvent } | { type: 'changed'; what: ChangedWhat };

/** What a renderer talks to; implemented over HTTP + SSE, over Electron IPC, and by a test double. */
export interface ApiTransport {
  request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<ApiResult<ResponseMap[N]>>;
  /** Calls listener for every event; returns the unsubscribe. */
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

/** Handlers in the recorder, one per request; the HTTP server and the Electron IPC router share them. */
export type ApiHandlers = { [N in RequestName]: (input: ParsedInput<N>) => ResponseMap[N] | Promise<ResponseMap[N]> };

export const REQUEST_NAMES = Object.keys(requestSchemas) as RequestName[];

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requestSchemas, name);
}

/**
 * A rep's own views (Today, Timeline, Activity, Calls, Sales, Timesheet) for their manager, answered from the
 * synced records with the code the device answers them with: shared/reports (time use, timeline), shared/timesheet
 * (worked time, the timesheet), shared/calls (rep-calls.ts) and shared/sales over the team's imported CRM
 * records attributed to the rep. The requests are the views' own (shared/api/contract.ts), read-only ones only.
 */
import type { Kysely } from 'kysely';
import type { ParsedInput, ResponseMap } from '../../shared/api/contract';
import type { Status } from '../../shared/api/results';
import { compileRules, DEFAULT_RATINGS, DEFAULT_RULES, mergeRatings, type Categorizer, type Rating } from '../../shared/categories';
import { activeByWindow, addActiveByQuarter, mergedIdle, timeUseOf } from '../../shared/reports/time-use';
import { timelineOf } from '../../shared/reports/timeline';
import { coveredSeconds, isTimedHere } from '../../shared/calls/calls-report';
import { combineSalesKpis, leadResponse, opportunityKpis, opportunityTotals } from '../../shared/sales';
import { z } from 'zod';
import type { Policy } from '../../shared/sync/contract';
import { resolveIntervals, toEffective, workedTimeOf, type TimeRecords } from '../../shared/timesheet/effective';
import { localDate, localDayBounds } from '../../shared/timesheet/local-time';
import { timesheetOf } from '../../shared/timesheet/timesheet';
import { DEFAULT_WORK_SETTINGS } from '../../shared/timesheet/work-settings';
import { workedTotals } from '../../shared/timesheet/worked-time';
import type { ServerDatabase } from '../db/schema';
import { ImportsStore } from '../store/imports-store';
import { hoursWindow, timeRecordsOf } from './hours';
import { listedCalls, NO_LIVE_CALL, repCallsReport, syncedCallRows } from './rep-calls';
import { teamCrmRecords } from './sales-report';

/** The requests a manager's page may send for a rep: reads only; every change stays with the rep. */
export const REP_VIEW_REQUESTS = [
  'status.get',
  'report.timeUse',
  'timeline.get',
  'timesheet.get',
  'time.list',
  'settings.get',
  'idle.pending',
  'report.calls',
  'calls.list',
  'calls.state',
  'report.sales',
] as const;
export type RepViewRequest = (typeof REP_VIEW_REQUESTS)[number];

export function isRepViewRequest(name: string): name is RepViewRequest {
  return (REP_VIEW_REQUESTS as readonly string[]).includes(name);
}

export interface RepViewContext {
  db: Kysely<ServerDatabase>;
  userId: number;
  /** The rep's teams: the CRM records their managers imported. */
  teamIds: readonly number[];
  /** The rep's team policy (else the org's): worked-time limits, timesheet defaults, the team's rules. */
  policy: Policy;
  /** The rep's zone, for a request that names none. */
  timeZone: string;
  nowMs: number;
  /** The rep's latest live status, if any device posted one. */
  live: { receivedMs: number; app: string | null } | null;
}

/**
 * The fields read back from stored activity and idle records: the full record schema (shared/sync/contract.ts)
 * checked them as they were pushed; this checks only their types, a thirtieth of its cost over a dense month.
 */
const ACTIVITY_FIELDS = z.object({ startMs: z.number(), endMs: z.number(), app: z.string(), title: z.string().optional(), url: z.string().optional() });
const IDLE_FIELDS = z.object({ startMs: z.number(), endMs: z.number() });

/** What a span record of the activity lane carries once read back. */
interface ActivitySpan {
  startMs: number;
  endMs: number;
  window: { app: string; title: string; url?: string };
}

const compiled = new Map<string, Categorizer>();

/**
 * The rules the server knows for a rep: the team's over the built-in ones (the rep's own rules stay on the
 * device). Compiled once per distinct team rules and ratings (the built-in ones alone take ~10 ms).
 */
export function repCategorizer(policy: Policy): Categorizer {
  const key = JSON.stringify([policy.rules, policy.ratings]);
  let categorizer = compiled.get(key);
  if (!categorizer) {
    categorizer = compileRules([...policy.rules, ...DEFAULT_RULES], mergeRatings(DEFAULT_RATINGS, policy.ratings));
    if (compiled.size >= 32) compiled.clear();
    compiled.set(key, categorizer);
  }
  return categorizer;
}

const workedPolicy = (policy: Policy) => ({
  unconfirmedIdleLimitMs: policy.unconfirmedIdleLimitMinutes === null ? null : policy.unconfirmedIdleLimitMinutes * 60_000,
});

/** The activity and idle records overlapping [fromMs, toMs), in start order. */
async function spansOf(ctx: RepViewContext, fromMs: number, toMs: number): Promise<{ activity: ActivitySpan[]; idle: { startMs: number; endMs: number }[] }> {
  const rows = await ctx.db
    .selectFrom('records')
    .select(['kind', 'payload', 'start_ms', 'uuid'])
    .where('user_id', '=', ctx.userId)
    .where('kind', 'in', ['activity', 'idle'])
    .where('start_ms', '<', toMs)
    .where('end_ms', '>', fromMs)
    .orderBy('start_ms')
    .orderBy('uuid')
    .execute();
  const activity: ActivitySpan[] = [];
  const idle: { startMs: number; endMs: number }[] = [];
  for (const row of rows) {
    const json: unknown = JSON.parse(row.payload);
    if (row.kind === 'activity') {
      const r = ACTIVITY_FIELDS.safeParse(json);
      if (r.success)
        activity.push({
          startMs: r.data.startMs,
          endMs: r.data.endMs,
          window: { app: r.data.app, title: r.data.title ?? '', ...(r.data.url === undefined ? {} : { url: r.data.url }) },
        });
    } else {
      const r = IDLE_FIELDS.safeParse(json);
      if (r.success) idle.push({ startMs: r.data.startMs, endMs: r.data.endMs });
    }
  }
  return { activity, idle };
}

/** The time records around [fromMs, toMs) as the timesheet reads them: whole workweeks either side. */
async function timeRecordsAround(ctx: RepViewContext, from: string, to: string): Promise<TimeRecords> {
  const window = hoursWindow({ from, to }, ctx.policy);
  return timeRecordsOf(ctx.db, ctx.userId, window.fromMs, window.toMs);
}

async function timeUse(ctx: RepViewContext, input: ParsedInput<'report.timeUse'>, categorizer: Categorizer): Promise<ResponseMap['report.timeUse']> {
  const zone = input.timeZone ?? ctx.timeZone;
  const fromMs = localDayBounds(input.from, zone).startMs;
  const toMs = localDayBounds(input.to, zone).endMs;
  const [spans, records] = await Promise.all([spansOf(ctx, fromMs, toMs), timeRecordsAround(ctx, input.from, input.to)]);
  const idle = mergedIdle(spans.idle, fromMs, toMs);
  const rated = new Map<string, Rating>();
  const rate = (w: ActivitySpan['window']) => {
    const key = `${w.app}\u0000${w.title}\u0000${w.url ?? ''}`;
    let rating = rated.get(key);
    if (rating === undefined) rated.set(key, (rating = categorizer.categorize(w).rating));
    return rating;
  };
  const report = timeUseOf({
    fromMs,
    toMs,
    by: input.by,
    timeZone: zone,
    windows: input.by === 'hour' ? [] : activeByWindow(spans.activity, idle, fromMs, toMs),
    quarters: input.by === 'hour' ? addActiveByQuarter(spans.activity, idle, fromMs, toMs, rate, new Map()) : [],
    idleMs: idle.reduce((sum, s) => sum + s.end - s.start, 0),
    work: workedTotals(workedTimeOf(records, ctx.nowMs, workedPolicy(ctx.policy), zone), fromMs, toMs),
    categorizer,
  });
  return { ...report, from: input.from, to: input.to, timeZone: zone };
}

/** Answers one of the rep's views' read requests from their synced records; `input` passed the contract's schema of `name`. */
export async function answerRepView(ctx: RepViewContext, name: RepViewRequest, input: unknown): Promise<ResponseMap[RepViewRequest]> {
  const categorizer = repCategorizer(ctx.policy);
  switch (name) {
    case 'report.timeUse':
      return timeUse(ctx, input as ParsedInput<'report.timeUse'>, categorizer);
    case 'timeline.get': {
      const { date, timeZone } = input as ParsedInput<'timeline.get'>;
      const zone = timeZone ?? ctx.timeZone;
      const { startMs, endMs } = localDayBounds(date, zone);
      const [spans, records] = await Promise.all([spansOf(ctx, startMs, endMs), timeRecordsAround(ctx, date, date)]);
      const activity = spans.activity.map((s) => ({ startMs: s.startMs, endMs: s.endMs, app: s.window.app, title: s.window.title, url: s.window.url ?? null }));
      const sessions = resolveIntervals(records, ctx.nowMs)
        .filter((i) => i.startMs < endMs && i.endMs > startMs)
        .map(toEffective);
      return timelineOf({ date, timeZone: zone, startMs, endMs, activity, idle: spans.idle, sessions, categorizer });
    }
    case 'timesheet.get': {
      const q = input as ParsedInput<'timesheet.get'>;
      const zone = q.timeZone ?? ctx.timeZone;
      const options = {
        rules: q.rules ?? ctx.policy.overtimeRules,
        weekStart: q.weekStart ?? ctx.policy.weekStart,
        rounding: q.rounding ?? ctx.policy.rounding,
      };
      const records = await timeRecordsAround(ctx, q.from, q.to);
      const sheet = timesheetOf(workedTimeOf(records, ctx.nowMs, workedPolicy(ctx.policy), zone), {
        from: q.from,
        to: q.to,
        fallbackTimeZone: zone,
        ...options,
      });
      return { ...sheet, from: q.from, to: q.to, ...options };
    }
    case 'time.list': {
      const q = input as ParsedInput<'time.list'>;
      const zone = q.timeZone ?? ctx.timeZone;
      const fromMs = localDayBounds(q.from, zone).startMs;
      const toMs = localDayBounds(q.to, zone).endMs;
      const records = await timeRecordsAround(ctx, q.from, q.to);
      return resolveIntervals(records, ctx.nowMs)
        .filter((i) => i.startMs < toMs && i.endMs > fromMs)
        .map(toEffective);
    }
    case 'settings.get':
      return {
        ...DEFAULT_WORK_SETTINGS,
        weekStart: ctx.policy.weekStart,
        unconfirmedIdleLimitMinutes: ctx.policy.unconfirmedIdleLimitMinutes,
        overtimeRules: ctx.policy.overtimeRules,
        rounding: ctx.policy.rounding,
      };
    // Idle is answered on the rep's device, never by their manager.
    case 'idle.pending':
      return [];
    case 'status.get':
      return status(ctx, categorizer);
    case 'calls.state':
      return { ...NO_LIVE_CALL, nowMs: ctx.nowMs };
    case 'calls.list': {
      const { from, to, timeZone, review, agent } = input as ParsedInput<'calls.list'>;
      const zone = timeZone ?? ctx.timeZone;
      const rows = await syncedCallRows(ctx.db, ctx.userId, localDayBounds(from, zone).startMs, localDayBounds(to, zone).endMs);
      return listedCalls(rows, { ...(review ? { review } : {}), ...(agent ? { agent } : {}) });
    }
    case 'report.calls':
      return callsReport(ctx, input as ParsedInput<'report.calls'>);
    case 'report.sales':
      return salesReport(ctx, input as ParsedInput<'report.sales'>, categorizer);
  }
}

/** The Calls view's figures from the synced calls, with active time and worked time from the synced records. */
async function callsReport(ctx: RepViewContext, q: ParsedInput<'report.calls'>): Promise<ResponseMap['report.calls']> {
  const zone = q.timeZone ?? ctx.timeZone;
  const fromMs = localDayBounds(q.from, zone).startMs;
  const toMs = localDayBounds(q.to, zone).endMs;
  const [rows, spans, records] = await Promise.all([
    syncedCallRows(ctx.db, ctx.userId, fromMs, toMs),
    spansOf(ctx, fromMs, toMs),
    timeRecordsAround(ctx, q.from, q.to),
  ]);
  const activeSeconds = (date?: string) => {
    const bounds = date === undefined ? { startMs: fromMs, endMs: toMs } : localDayBounds(date, zone);
    const idle = mergedIdle(spans.idle, bounds.startMs, bounds.endMs);
    return activeByWindow(spans.activity, idle, bounds.startMs, bounds.endMs).reduce((sum, w) => sum + w.ms, 0) / 1000;
  };
  const intervals = resolveIntervals(records, ctx.nowMs)
    .filter((i) => i.startMs < toMs && i.endMs > fromMs)
    .map(toEffective);
  return repCallsReport({ from: q.from, to: q.to, timeZone: zone, byDay: q.byDay, byAgent: q.byAgent, scope: q.scope, rows, intervals, activeSeconds });
}

/**
 * The Sales view's KPIs: the team's imported opportunities and leads the name mapping gives the rep, and
 * selling time from their synced activity and the calls timed on their devices. Amounts without a currency
 * are in the default currency (the rep's own setting stays on the device).
 */
async function salesReport(ctx: RepViewContext, q: ParsedInput<'report.sales'>, categorizer: Categorizer): Promise<ResponseMap['report.sales']> {
  const zone = q.timeZone ?? ctx.timeZone;
  const range = { from: q.from, to: q.to };
  const fromMs = localDayBounds(q.from, zone).startMs;
  const toMs = localDayBounds(q.to, zone).endMs;
  const currency = DEFAULT_WORK_SETTINGS.currency;
  const [crm, byCategory, calls] = await Promise.all([
    teamCrmRecords(new ImportsStore(ctx.db), ctx.teamIds, range, fromMs, toMs),
    timeUse(ctx, { from: q.from, to: q.to, by: 'category', timeZone: zone }, categorizer),
    syncedCallRows(ctx.db, ctx.userId, fromMs, toMs),
  ]);
  const opportunities = crm.opportunities.filter((o) => o.userId === ctx.userId).map((o) => o.record);
  const leads = crm.leads.filter((l) => l.userId === ctx.userId).map((l) => l.record);
  const hours = q.businessHours && {
    start: q.businessHours.start,
    end: q.businessHours.end,
    zone,
    ...(q.businessHours.days ? { days: q.businessHours.days } : {}),
  };
  const kpis = combineSalesKpis(
    opportunityKpis(opportunityTotals(opportunities, { range, currency }), currency),
    leadResponse({ leads, zone, range, ...(hours ? { businessHours: hours } : {}) }),
    {
      activeSecondsByCategory: Object.fromEntries(byCategory.rows.map((r) => [r.key, r.seconds])),
      timedCallSeconds: coveredSeconds(calls.filter(isTimedHere), fromMs, toMs),
    },
  );
  return { from: q.from, to: q.to, timeZone: zone, currency, ...kpis };
}

/**
 * The Today view's status: today's totals from the synced records, as the device computes them; the
 * session and window from the live status the device last posted (open sessions sync once closed).
 */
async function status(ctx: RepViewContext, categorizer: Categorizer): Promise<Status> {
  const zone = ctx.timeZone;
  const date = localDate(ctx.nowMs, zone);
  const report = await timeUse(ctx, { from: date, to: date, by: 'app', timeZone: zone }, categorizer);
  const live = ctx.live;
  return {
    recorder: { running: false, pid: null, lastSeenMs: live?.receivedMs ?? null, paused: null, inForce: null },
    session: null,
    window: live?.app ? { app: live.app, title: '', sinceMs: live.receivedMs, current: false } : null,
    idleSinceMs: null,
    today: {
      date,
      timeZone: zone,
      trackedSeconds: report.trackedSeconds,
      activeSeconds: report.activeSeconds,
      idleSeconds: report.idleSeconds,
      workSeconds: report.workSeconds,
      timerSeconds: report.workSeconds,
      breakSeconds: report.breakSeconds,
      manualSeconds: report.manualSeconds,
      claimedIdleSeconds: report.claimedIdleSeconds,
      unconfirmedIdleSeconds: report.unconfirmedIdleSeconds,
      topApps: report.rows.slice(0, 5),
    },
  };
}

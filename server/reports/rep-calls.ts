/**
 * A rep's Calls view for their manager, from the calls and reviews their devices synced: counted as the device
 * counts them (shared/calls/counted-calls.ts), measured with shared/calls (digests, metrics, calls per active
 * hour, the list's filter). What only the device knows is left out: the call in progress (the view hides it),
 * wrap-up notes (they never leave the device) and the rep's agent identity in imported logs (an imported call
 * naming an agent is counted as the rep's only on the device).
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CallReviewFilter, CallsReport, StoredCall } from '../../shared/api/results';
import { callDigest, DEFAULT_WRAP_CAP_MS, IDLE, metricsFromDigest, type CallTimes } from '../../shared/calls';
import { isListedCall, workedCallsByDate, withCallsPerActiveHour } from '../../shared/calls/calls-report';
import { isCountedCall, SYNCED_CALL_DATA_SCHEMA, syncedReviews } from '../../shared/calls/counted-calls';
import { localDate } from '../../shared/timesheet/local-time';
import type { ServerDatabase } from '../db/schema';

/** The rest of a synced call's columns (the device's calls table, snake_case) the list shows. */
const CALL_ROW_SCHEMA = SYNCED_CALL_DATA_SCHEMA.extend({
  system: z.string().nullable().optional(),
  external_id: z.string().nullable().optional(),
  detected_by: z.string().nullable().optional(),
  direction: z.enum(['in', 'out']),
  contact: z.string().nullable().optional(),
  agent: z.string().nullable().optional(),
  end_ms: z.number(),
  wrap_end_ms: z.number(),
});
const RECORD_SCHEMA = z.object({ uuid: z.string(), startMs: z.number().optional(), data: z.unknown() }).loose();

/** A synced call as the device lists it, with whether it counts. */
export type SyncedCallRow = StoredCall & { counted: boolean };

/**
 * The rep's synced calls that started in [fromMs, toMs), in start order, with their reviews. A review is
 * written after its call started, so the reviews read are those from `fromMs` on. A call whose columns do not
 * parse (a device of another version) is left out of the list.
 */
export async function syncedCallRows(db: Kysely<ServerDatabase>, userId: number, fromMs: number, toMs: number): Promise<SyncedCallRow[]> {
  const rows = await db
    .selectFrom('records')
    .select(['kind', 'payload'])
    .where('user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb.and([eb('kind', '=', 'call'), eb('start_ms', '>=', fromMs), eb('start_ms', '<', toMs)]),
        eb.and([eb('kind', '=', 'call-review'), eb('start_ms', '>=', fromMs)]),
      ]),
    )
    .orderBy('start_ms')
    .orderBy('uuid')
    .execute();
  const calls: { uuid: string; startMs: number; data: unknown }[] = [];
  const reviews: { data: unknown }[] = [];
  for (const row of rows) {
    const r = RECORD_SCHEMA.safeParse(JSON.parse(row.payload));
    if (!r.success) continue;
    if (row.kind === 'call' && r.data.startMs !== undefined) calls.push({ uuid: r.data.uuid, startMs: r.data.startMs, data: r.data.data });
    else if (row.kind === 'call-review') reviews.push(r.data);
  }
  const reviewed = syncedReviews(reviews);
  const out: SyncedCallRow[] = [];
  for (const call of calls) {
    const parsed = CALL_ROW_SCHEMA.safeParse(call.data);
    if (!parsed.success) continue;
    const d = parsed.data;
    const review = reviewed.get(call.uuid) ?? null;
    const agent = d.agent ?? null;
    out.push({
      uuid: call.uuid,
      source: d.source,
      system: d.system ?? null,
      externalId: d.external_id ?? null,
      detectedBy: d.detected_by ?? null,
      direction: d.direction,
      ...(d.contact ? { contact: d.contact } : {}),
      startMs: call.startMs,
      endMs: d.end_ms,
      wrapEndMs: d.wrap_end_ms,
      answered: d.answered === 1,
      talkMs: d.talk_ms,
      holdMs: d.hold_ms,
      wrapMs: d.wrap_ms,
      review,
      agent,
      mine: d.source !== 'import' || agent === null,
      counted: isCountedCall({ source: d.source, review, duplicateOf: null }),
    });
  }
  return out;
}

/** The Calls view's list: as the device's `calls.list`, without the notes that stay on the device. */
export function listedCalls(rows: readonly SyncedCallRow[], q: { review?: CallReviewFilter; agent?: string }): StoredCall[] {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  const agent = q.agent === undefined ? null : norm(q.agent);
  return rows
    .filter((c) => isListedCall(c, q.review) && (agent === null || (agent === 'me' ? c.mine : c.agent !== null && norm(c.agent) === agent)))
    .map(({ counted: _counted, ...call }) => call);
}

export interface CallsReportInput {
  from: string;
  to: string;
  timeZone: string;
  byDay: boolean;
  byAgent: boolean;
  scope: 'mine' | 'all';
  /** The rep's calls of the range. */
  rows: readonly SyncedCallRow[];
  /** The rep's effective work and breaks over the range, for calls per active hour. */
  intervals: readonly { kind: string; startMs: number; endMs: number }[];
  /** Active seconds over the range, and over one local date of it. */
  activeSeconds: (date?: string) => number;
}

/** The Calls view's report, as the device's `report.calls` (electron/recorder/reports/calls-report.ts). */
export function repCallsReport(q: CallsReportInput): CallsReport {
  const counted = q.rows.filter((c) => c.counted);
  const own = counted.filter((c) => c.mine);
  const inScope = q.scope === 'mine' ? own : counted;
  const worked = workedCallsByDate(own, q.intervals, q.timeZone);
  const total = [...worked.values()].reduce((n, v) => n + v, 0);
  const metrics = (calls: readonly CallTimes[]) => metricsFromDigest(callDigest(calls, DEFAULT_WRAP_CAP_MS));
  const report: CallsReport = {
    from: q.from,
    to: q.to,
    timeZone: q.timeZone,
    scope: q.scope,
    toReview: q.rows.filter((c) => c.source === 'detected' && c.review === null && c.mine).length,
    ...withCallsPerActiveHour(metrics(inScope), total, q.activeSeconds()),
  };
  if (q.byDay) {
    const byDate = groupBy(inScope, (c) => localDate(c.startMs, q.timeZone));
    report.days = [...byDate]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, calls]) => ({ date, ...withCallsPerActiveHour(metrics(calls), worked.get(date) ?? 0, q.activeSeconds(date)) }));
  }
  if (q.byAgent) {
    report.agents = [...groupBy(counted, (c) => (c.mine ? null : c.agent))]
      .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a.localeCompare(b)))
      .map(([agent, calls]) => ({ agent, ...metrics(calls) }));
  }
  return report;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(item);
  }
  return out;
}

/** The call in progress is known on the device only: the server answers none. */
export const NO_LIVE_CALL = { state: IDLE, liveTalkMs: 0, detected: null } as const;

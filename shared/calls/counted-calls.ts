/**
 * Which calls count in a rep's figures, one definition for the device's reports (electron/recorder/store/call-digests.ts)
 * and the server's (server/reports/team-now.ts, team-report.ts): calls timed by hand, imported calls that are not
 * the twin of a call timed here, and detected calls the rep confirmed. A detection waiting for review, dismissed or
 * merged into another call is left out.
 *
 * The server reads calls as the device's outbox sends them (electron/recorder/store/sync-store.ts `serialize`): the
 * calls table's columns in snake_case, `answered` 0 or 1, durations in `talk_ms`, `hold_ms`, `wrap_ms`; a review
 * names its call in `call_uuid`. The schemas below are that shape, so both sides count the same calls the same way.
 */
import { z } from 'zod';
import { CALL_REVIEW_ACTIONS, type CallReviewAction, type CallSource, type CallTimes } from './types';

export interface CountableCall {
  source: CallSource;
  /** The rep's review of a detected call, if any. */
  review: CallReviewAction | null;
  /** An imported call that is a call timed here counts once, as that call: the twin's uuid (null: none). */
  duplicateOf: string | null;
}

export function isCountedCall(c: CountableCall): boolean {
  if (c.duplicateOf !== null) return false;
  return c.source === 'detected' ? c.review === 'confirm' : true;
}

const ms = z.number().min(0);

/** A synced call's data (the part counted): what the device's outbox carries. */
export const SYNCED_CALL_DATA_SCHEMA = z
  .object({ source: z.enum(['manual', 'detected', 'import']), answered: z.union([z.literal(0), z.literal(1)]), talk_ms: ms, hold_ms: ms, wrap_ms: ms })
  .loose();

/** A synced call review's data (the part counted). */
export const SYNCED_CALL_REVIEW_DATA_SCHEMA = z.object({ call_uuid: z.string(), action: z.enum(CALL_REVIEW_ACTIONS) }).loose();

/** A call or review record as synced (shared/sync/contract.ts kinds 'call' and 'call-review'). */
export interface SyncedCall {
  uuid: string;
  startMs: number;
  data: unknown;
}

/** The reviews of synced calls by the uuid of the call they review; a review whose data does not parse is left out. */
export function syncedReviews(reviews: Iterable<{ data: unknown }>): Map<string, CallReviewAction> {
  const out = new Map<string, CallReviewAction>();
  for (const r of reviews) {
    const parsed = SYNCED_CALL_REVIEW_DATA_SCHEMA.safeParse(r.data);
    if (parsed.success) out.set(parsed.data.call_uuid, parsed.data.action);
  }
  return out;
}

/**
 * The counted calls among synced ones, as the metrics read them. A call whose data does not parse (a device of
 * another version) is counted as an unanswered call, so the count of calls still matches.
 */
export function countedSyncedCalls(calls: Iterable<SyncedCall>, reviews: ReadonlyMap<string, CallReviewAction>): CallTimes[] {
  const out: CallTimes[] = [];
  for (const call of calls) {
    const parsed = SYNCED_CALL_DATA_SCHEMA.safeParse(call.data);
    if (!parsed.success) {
      out.push({ startMs: call.startMs, answered: false, talkMs: 0, holdMs: 0, wrapMs: 0 });
      continue;
    }
    const d = parsed.data;
    if (!isCountedCall({ source: d.source, review: reviews.get(call.uuid) ?? null, duplicateOf: null })) continue;
    out.push({ startMs: call.startMs, answered: d.answered === 1, talkMs: d.talk_ms, holdMs: d.hold_ms, wrapMs: d.wrap_ms });
  }
  return out;
}

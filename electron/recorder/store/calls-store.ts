import { isListedCall } from '../../../shared/calls/calls-report';
import type { CallReviewFilter, DetectedCallNow, StoredCall } from '../../../shared/api/results';
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  CALL_DIRECTIONS,
  CallRefusedError,
  callRefusalText,
  callTransition,
  expireWrapUp,
  IDLE,
  type CallAction,
  type CallMachineOptions,
  type CallMachineState,
  type CallRecord,
  type CallReviewAction,
} from '../../../shared/calls';
import type { ImportedCall } from '../../../shared/imports/call-types';
import { canTouchLead, phoneKey } from '../../../shared/sales';
import { duplicateImports, isOwnAgent, SAME_CALL_TOLERANCE_MS, type AgentIdentity } from '../../../shared/calls/same-call';
import { utcOffsetMinutes } from '../../../shared/recording/zone-offset';
import { CodedConflict, CodedRefusal } from '../../../shared/api/refusal';
import type { ConflictError } from '../../../shared/user-error';
import { importedCallUuid } from './imported-uuids';
import { isUniqueViolation } from './unique-violation';

const segment = z.object({
  direction: z.enum(CALL_DIRECTIONS),
  contact: z.string().optional(),
  source: z.enum(['manual', 'detected', 'import']),
  startMs: z.number(),
  talkMs: z.number(),
  holdMs: z.number(),
});
const stateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('idle') }),
  z.object({ status: z.literal('talking'), call: segment.extend({ segmentStartMs: z.number(), held: z.boolean() }) }),
  z.object({ status: z.literal('on-hold'), call: segment.extend({ segmentStartMs: z.number(), held: z.boolean() }) }),
  z.object({ status: z.literal('wrap-up'), call: segment.extend({ endMs: z.number() }) }),
]);

const detectedSchema = z.object({ startMs: z.number(), label: z.string(), ruleId: z.string(), contact: z.string().optional() }).strict();

/**
 * Calls: the one in progress (kept in meta so the CLI, the views and a restarted recorder share it) and
 * the finished ones as immutable records. Every change runs in an immediate transaction, so two
 * processes pressing buttons at once cannot both act on the same state.
 */
export class CallsStore {
  constructor(
    private readonly db: Database.Database,
    private readonly deviceId: string,
    private readonly options: CallMachineOptions = {},
  ) {
    this.stateQuery = db.prepare("SELECT value FROM meta WHERE key = 'call_state'").pluck();
  }

  private readonly stateQuery: Database.Statement;
  private keyInsert: Database.Statement | undefined;

  state(): CallMachineState {
    const raw = this.stateQuery.get() as string | undefined;
    if (raw === undefined) return IDLE;
    // The recorder asks once a sample and the stored state rarely changes: parse and check a new text only.
    if (raw === this.lastState?.raw) return this.lastState.state;
    const parsed = stateSchema.safeParse(JSON.parse(raw));
    const state = parsed.success ? (parsed.data as CallMachineState) : IDLE;
    this.lastState = { raw, state };
    return state;
  }

  private lastState: { raw: string; state: CallMachineState } | null = null;

  private save(state: CallMachineState): void {
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('call_state', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(state));
  }

  /** The call window open now, as the recorder last wrote it (null: none). */
  detectedNow(): DetectedCallNow | null {
    const raw = this.db.prepare("SELECT value FROM meta WHERE key = 'detected_call'").pluck().get() as string | undefined;
    if (raw === undefined) return null;
    const parsed = detectedSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }

  /** Written by the recorder when a call window opens and cleared when it closes, so every process sees a meeting in progress. */
  setDetectedNow(call: DetectedCallNow | null): void {
    if (call === null) this.db.prepare("DELETE FROM meta WHERE key = 'detected_call'").run();
    else
      this.db
        .prepare("INSERT INTO meta (key, value) VALUES ('detected_call', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .run(JSON.stringify(call));
  }

  /** Applies a call action; a wrap-up past its cap is closed first. Invalid actions change nothing. */
  act(action: CallAction, timeZone: string, notes?: string): { state: CallMachineState; completed: CallRecord[] } {
    return this.db
      .transaction(() => {
        const expired = expireWrapUp(this.state(), action.atMs, this.options);
        const withNotes = (call: CallRecord): CallRecord => (notes ? { ...call, notes } : call);
        if (action.type === 'wrap' && expired.completed) {
          // The wrap-up reached its cap while the rep typed: the call closed there, with the notes they wrote.
          const call = withNotes(expired.completed);
          this.insert(call, timeZone, action.atMs);
          this.save(expired.state);
          return { state: expired.state, completed: [call] };
        }
        const transition = callTransition(expired.state, action, this.options);
        if (!transition.ok) throw new CallRefusedError(transition.refusal, callRefusalText(transition.refusal));
        const completed = [expired.completed, transition.completed && action.type === 'wrap' ? withNotes(transition.completed) : transition.completed].filter(
          (c): c is CallRecord => c !== null,
        );
        for (const call of completed) this.insert(call, timeZone, action.atMs);
        this.save(transition.state);
        return { state: transition.state, completed };
      })
      .immediate();
  }

  /**
   * The call state now, after closing a wrap-up that reached its cap; the recorder asks every sample, so
   * the common case is one read of meta.
   */
  current(nowMs: number, timeZone: string): CallMachineState {
    const state = this.state();
    if (state.status !== 'wrap-up' || expireWrapUp(state, nowMs, this.options).completed === null) return state;
    return this.db
      .transaction(() => {
        const expired = expireWrapUp(this.state(), nowMs, this.options);
        if (expired.completed) {
          this.insert(expired.completed, timeZone, nowMs);
          this.save(expired.state);
        }
        return expired.state;
      })
      .immediate();
  }

  insert(call: CallRecord, timeZone: string, nowMs: number, extra: { detectedBy?: string } = {}): string {
    const uuid = randomUUID();
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO calls (uuid, device_id, source, detected_by, direction, contact, start_ms, end_ms, wrap_end_ms, answered, talk_ms, hold_ms, wrap_ms, tz, utc_offset_min, created_ms, notes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        uuid,
        this.deviceId,
        call.source,
        extra.detectedBy ?? null,
        call.direction,
        call.contact ?? null,
        call.startMs,
        call.endMs,
        call.wrapEndMs,
        call.answered ? 1 : 0,
        call.talkMs,
        call.holdMs,
        call.wrapMs,
        timeZone,
        utcOffsetMinutes(call.startMs, timeZone),
        nowMs,
        call.notes ?? null,
      );
    this.keyContact(lastInsertRowid, call);
    return uuid;
  }

  /**
   * Imports a call log all at once; calls already imported from the same system are skipped. Each call's
   * uuid comes from its system and its id there, so the same log imported on two devices is one call on the
   * server. Calls imported before that kept the random uuids they had; re-importing them adds nothing.
   */
  importCalls(calls: readonly ImportedCall[], timeZone: string, nowMs: number): { imported: number; present: number } {
    const insert = this.db.prepare(
      `INSERT INTO calls (uuid, device_id, source, system, external_id, direction, contact, agent, start_ms, end_ms, wrap_end_ms, answered, talk_ms, hold_ms, wrap_ms, tz, utc_offset_min, created_ms)
       VALUES (?, ?, 'import', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(system, external_id) DO NOTHING`,
    );
    return this.db
      .transaction(() => {
        let imported = 0;
        for (const c of calls) {
          const end = c.startMs + c.talkMs + c.holdMs;
          const result = insert.run(
            importedCallUuid(c),
            this.deviceId,
            c.system,
            c.externalId,
            c.direction,
            c.contact ?? null,
            c.agent ?? null,
            c.startMs,
            end,
            end + c.wrapMs,
            c.answered ? 1 : 0,
            c.talkMs,
            c.holdMs,
            c.wrapMs,
            timeZone,
            utcOffsetMinutes(c.startMs, timeZone),
            nowMs,
          );
          if (result.changes === 0) continue;
          imported += 1;
          this.keyContact(result.lastInsertRowid, c);
        }
        return { imported, present: calls.length - imported };
      })
      .immediate();
  }

  /** Indexes the call's contact by phone key, so reports can match it to a lead (migration 7). */
  private keyContact(callId: number | bigint, call: { contact?: string | undefined; startMs: number; direction: 'in' | 'out'; answered: boolean }): void {
    const key = call.contact === undefined ? null : phoneKey(call.contact);
    if (key === null) return;
    this.keyInsert ??= this.db.prepare('INSERT INTO call_phone_keys (call_id, phone_key, start_ms, touch) VALUES (?, ?, ?, ?)');
    this.keyInsert.run(callId, key, call.startMs, canTouchLead(call) ? 1 : 0);
  }

  /**
   * Confirms, dismisses or merges a detected call (into another call, whose record stands). Reviews are
   * final: the check and the write share one immediate transaction, so of two reviews at once one lands.
   */
  review(uuid: string, action: CallReviewAction, mergedInto: string | null, nowMs: number): void {
    this.db
      .transaction(() => {
        const call = this.db.prepare('SELECT source FROM calls WHERE uuid = ?').pluck().get(uuid) as string | undefined;
        if (call === undefined) throw new CodedRefusal('call-review-not-found', `No call ${uuid}. \`stint calls list\` shows calls with their ids.`, { uuid });
        if (call !== 'detected')
          throw new CodedRefusal('call-review-not-detected', `Call ${uuid} was not detected automatically; only detected calls are reviewed.`, { uuid });
        if (action === 'merge') {
          if (mergedInto === null) throw new CodedRefusal('call-review-no-target', 'Say which call to merge into with --into ID.');
          if (mergedInto === uuid) throw new CodedRefusal('call-review-self', 'A call cannot be merged into itself.');
          if (this.db.prepare('SELECT 1 FROM calls WHERE uuid = ?').get(mergedInto) === undefined)
            throw new CodedRefusal('call-review-target-not-found', `No call ${mergedInto} to merge into.`, { into: mergedInto });
        }
        const done = this.reviewed(uuid);
        if (done) throw done;
        try {
          this.db
            .prepare('INSERT INTO call_reviews (uuid, device_id, call_uuid, action, merged_into, created_ms) VALUES (?, ?, ?, ?, ?, ?)')
            .run(randomUUID(), this.deviceId, uuid, action, action === 'merge' ? mergedInto : null, nowMs);
        } catch (error) {
          if (isUniqueViolation(error, 'call_reviews.call_uuid')) {
            throw (
              this.reviewed(uuid) ??
              new CodedConflict('call-review-done', `Call ${uuid} was already reviewed. Reviews are final; \`stint calls list\` shows it as it stands.`, {
                uuid,
              })
            );
          }
          throw error;
        }
      })
      .immediate();
  }

  /** The refusal for a call that already has its review, or null. */
  private reviewed(uuid: string): ConflictError | null {
    const done = this.db.prepare('SELECT action FROM call_reviews WHERE call_uuid = ?').pluck().get(uuid) as string | undefined;
    return done === undefined
      ? null
      : new CodedConflict('call-review-done', `Call ${uuid} was already reviewed (${done}). Reviews are final; \`stint calls list\` shows it as it stands.`, {
          uuid,
        });
  }

  /**
   * Calls that started in [fromMs, toMs), as lists show them: without dismissed or merged detections unless
   * `review` asks for them, and an imported call that is a call timed here (shared/calls/same-call.ts) not as
   * a row of its own but named on that call's row (`sameAs`). `agent: 'me'` keeps the rep's own calls (timed
   * here, in a log without agents, or under their identity); another agent keeps that agent's imported calls.
   */
  list(fromMs: number, toMs: number, identity: AgentIdentity, filter: { review?: CallReviewFilter; agent?: string } = {}): StoredCall[] {
    const rows = ownCallRows(this.db, fromMs, toMs, identity);
    const agent = filter.agent === undefined ? null : normAgent(filter.agent);
    return rows
      .filter((c) => {
        if (c.startMs < fromMs || c.startMs >= toMs || c.duplicateOf !== null) return false;
        const shown = isListedCall(c, filter.review);
        if (!shown) return false;
        if (agent === 'me') return c.mine;
        return agent === null || (c.agent !== null && normAgent(c.agent) === agent);
      })
      .map(({ duplicateOf: _d, ...call }) => call);
  }
}

const normAgent = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

type CallRow = [
  uuid: string,
  source: CallRecord['source'],
  system: string | null,
  externalId: string | null,
  detectedBy: string | null,
  direction: 'in' | 'out',
  contact: string | null,
  startMs: number,
  endMs: number,
  wrapEndMs: number,
  answered: number,
  talkMs: number,
  holdMs: number,
  wrapMs: number,
  review: StoredCall['review'],
  agent: string | null,
  notes: string | null,
];

/**
 * Every call that started in [fromMs, toMs), reviewed-away detections included, each saying whether it is the
 * rep's and, for an imported call that is a call timed here, which (`duplicateOf`). Reads the tolerance around
 * the range too, so a call at midnight pairs with its twin on the other side. `read` says which imported
 * calls to read: 'all', only the rep's own ('mine': a report of the rep's figures need not read a team's log),
 * or 'none' (only calls timed here). Pairing needs only the rep's own, so it is the same in each.
 */
export function ownCallRows(
  db: Database.Database,
  fromMs: number,
  toMs: number,
  identity: AgentIdentity,
  read: 'all' | 'mine' | 'none' = 'all',
): (StoredCall & { duplicateOf: string | null })[] {
  const range = [fromMs - SAME_CALL_TOLERANCE_MS, toMs + SAME_CALL_TOLERANCE_MS] as const;
  let which = '';
  const agents: string[] = [];
  if (read === 'none') which = "AND c.source != 'import'";
  else if (read === 'mine') {
    // The log's agents are few: find the rep's among them, then read only their rows.
    const names = db
      .prepare("SELECT DISTINCT agent FROM calls WHERE source = 'import' AND agent IS NOT NULL AND start_ms >= ? AND start_ms < ?")
      .pluck()
      .all(...range) as string[];
    agents.push(...names.filter((a) => isOwnAgent(a, identity)));
    which = `AND (c.source != 'import' OR c.agent IS NULL${agents.length > 0 ? ` OR c.agent IN (${agents.map(() => '?').join(', ')})` : ''})`;
  }
  const rows = db
    .prepare(
      `SELECT c.uuid, c.source, c.system, c.external_id, c.detected_by, c.direction, c.contact, c.start_ms, c.end_ms, c.wrap_end_ms,
              c.answered, c.talk_ms, c.hold_ms, c.wrap_ms, r.action AS review, c.agent, c.notes
       FROM calls c LEFT JOIN call_reviews r ON r.call_uuid = c.uuid
       WHERE c.start_ms >= ? AND c.start_ms < ? ${which}
       ORDER BY c.start_ms, c.id`,
    )
    .raw()
    .all(...range, ...agents) as CallRow[];
  const calls: (StoredCall & { duplicateOf: string | null })[] = rows.map(
    ([
      uuid,
      source,
      system,
      externalId,
      detectedBy,
      direction,
      contact,
      startMs,
      endMs,
      wrapEndMs,
      answered,
      talkMs,
      holdMs,
      wrapMs,
      review,
      agent,
      notes,
    ]) => ({
      uuid,
      source,
      system,
      externalId,
      detectedBy,
      direction,
      ...(contact === null ? {} : { contact }),
      startMs,
      endMs,
      wrapEndMs,
      answered: answered === 1,
      talkMs,
      holdMs,
      wrapMs,
      review,
      agent,
      ...(notes === null ? {} : { notes }),
      mine: source !== 'import' || agent === null || isOwnAgent(agent, identity),
      duplicateOf: null,
    }),
  );
  // Calls timed here that count (by hand, or detected and confirmed), and the rep's imported calls.
  const local = calls.filter((c) => c.source === 'manual' || (c.source === 'detected' && c.review === 'confirm'));
  const imported = calls.filter((c) => c.source === 'import' && c.agent !== null && c.mine);
  const span = (c: StoredCall) => ({ startMs: c.startMs, endMs: Math.max(c.endMs, c.startMs), phone: c.contact ?? null });
  for (const [i, l] of duplicateImports(local.map(span), imported.map(span))) {
    const twin = imported[i]!;
    const call = local[l]!;
    twin.duplicateOf = call.uuid;
    call.sameAs = { uuid: twin.uuid, system: twin.system ?? '', externalId: twin.externalId ?? '' };
  }
  return calls;
}

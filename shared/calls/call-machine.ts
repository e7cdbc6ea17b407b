/**
 * The call state machine for one rep (DESIGN.md §3 "Calls"): one call at a time.
 *
 * ```
 *            start                 end                 wrap / next start / cap
 *   idle ───────────▶ talking ───────────▶ wrap-up ─────────────────────────▶ idle
 *     ▲               │  ▲   │ hold   ▲
 *     │   cancel      │  │   ▼        │ end
 *     └───────────────┘  └ on-hold ───┘
 *   (only before any hold)   resume
 * ```
 *
 * - Talk time excludes hold: the call alternates talk and hold segments, each counted once.
 * - `cancel` is for a call that never connected (ringing, no answer): allowed from `talking` while the
 *   call has never been on hold, it records the call as unanswered with no talk, hold or wrap-up.
 * - After-call work runs from call end until `wrap`, the next `start` (which closes it at that moment),
 *   or the cap (default 10 minutes), whichever is first. `expireWrapUp` closes an expired wrap-up at
 *   exactly end + cap; `wrap` and `start` arriving after the cap close it there too.
 * - An action that makes no sense in the current state returns `{ ok: false, refusal }`: a code and the
 *   facts behind it (call-refusal.ts), which the CLI and the views put into words; the state is unchanged
 *   (the caller keeps the state object it had).
 * - Actions carry their own time (`atMs`) and must not go back before the call's last event.
 */
import type { CallRefusal, CallRefusalCode } from './call-refusal';
import { DEFAULT_WRAP_CAP_MS, type CallDirection, type CallRecord, type CallSource } from './types';

export const CALL_STATUSES = ['idle', 'talking', 'on-hold', 'wrap-up'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
export const CALL_ACTION_TYPES = ['start', 'hold', 'resume', 'end', 'wrap', 'cancel'] as const;
export type CallActionType = (typeof CALL_ACTION_TYPES)[number];

/** A call that is connected or ringing: talk and hold segments closed so far, and the open one. */
export interface CallInProgress {
  direction: CallDirection;
  contact?: string;
  source: CallSource;
  startMs: number;
  /** Talk in closed talk segments. */
  talkMs: number;
  /** Hold in closed hold segments. */
  holdMs: number;
  /** Start of the open segment (talk while talking, hold while on hold). */
  segmentStartMs: number;
  /** The call has been on hold at least once, so it certainly connected. */
  held: boolean;
}

/** A call that has ended and is in after-call work since `endMs`. */
export interface EndedCall {
  direction: CallDirection;
  contact?: string;
  source: CallSource;
  startMs: number;
  talkMs: number;
  holdMs: number;
  endMs: number;
}

export type CallMachineState =
  { status: 'idle' } | { status: 'talking'; call: CallInProgress } | { status: 'on-hold'; call: CallInProgress } | { status: 'wrap-up'; call: EndedCall };

export type CallAction =
  | { type: 'start'; atMs: number; direction: CallDirection; contact?: string; source?: CallSource }
  | { type: 'hold'; atMs: number }
  | { type: 'resume'; atMs: number }
  | { type: 'end'; atMs: number }
  | { type: 'wrap'; atMs: number }
  | { type: 'cancel'; atMs: number };

export interface CallMachineOptions {
  /** Cap on after-call work in milliseconds; default 10 minutes. */
  wrapCapMs?: number;
}

export type CallTransition = { ok: true; state: CallMachineState; completed: CallRecord | null } | { ok: false; refusal: CallRefusal };

export const IDLE: CallMachineState = Object.freeze({ status: 'idle' });

/** Why each action is refused in each state (the actions a state takes are missing). */
const REFUSALS = {
  idle: { hold: 'no-call', resume: 'not-on-hold', end: 'no-call', wrap: 'no-ended-call', cancel: 'no-call' },
  talking: { start: 'call-in-progress', resume: 'not-on-hold', wrap: 'call-still-going' },
  'on-hold': { start: 'call-in-progress', hold: 'already-on-hold', wrap: 'call-still-going', cancel: 'cancel-connected' },
  'wrap-up': { hold: 'call-ended', resume: 'call-ended', end: 'already-ended', cancel: 'call-ended' },
} as const satisfies { [S in CallStatus]: Partial<Record<CallActionType, CallRefusalCode>> };

function wrapCap(options: CallMachineOptions | undefined): number {
  const cap = options?.wrapCapMs ?? DEFAULT_WRAP_CAP_MS;
  if (!Number.isFinite(cap) || cap < 0) throw new RangeError(`wrapCapMs must be a non-negative number of milliseconds, got ${cap}`);
  return cap;
}

/** The time of the last event of the current call, which a new action may not precede. */
function lastEventMs(state: CallMachineState): number | null {
  switch (state.status) {
    case 'idle':
      return null;
    case 'talking':
    case 'on-hold':
      return state.call.segmentStartMs;
    case 'wrap-up':
      return state.call.endMs;
  }
}

/** Closes after-call work at `atMs`, or at the cap if that came first. */
function finish(call: EndedCall, atMs: number, capMs: number): CallRecord {
  const wrapEndMs = Math.min(atMs, call.endMs + capMs);
  const record: CallRecord = {
    startMs: call.startMs,
    answered: true,
    talkMs: call.talkMs,
    holdMs: call.holdMs,
    wrapMs: wrapEndMs - call.endMs,
    endMs: call.endMs,
    wrapEndMs,
    direction: call.direction,
    source: call.source,
  };
  if (call.contact !== undefined) record.contact = call.contact;
  return record;
}

function open(action: Extract<CallAction, { type: 'start' }>): CallMachineState {
  const call: CallInProgress = {
    direction: action.direction,
    source: action.source ?? 'manual',
    startMs: action.atMs,
    talkMs: 0,
    holdMs: 0,
    segmentStartMs: action.atMs,
    held: false,
  };
  const contact = action.contact?.trim();
  if (contact) call.contact = contact;
  return { status: 'talking', call };
}

function ended(call: CallInProgress, onHold: boolean, atMs: number): EndedCall {
  const segment = atMs - call.segmentStartMs;
  const out: EndedCall = {
    direction: call.direction,
    source: call.source,
    startMs: call.startMs,
    talkMs: call.talkMs + (onHold ? 0 : segment),
    holdMs: call.holdMs + (onHold ? segment : 0),
    endMs: atMs,
  };
  if (call.contact !== undefined) out.contact = call.contact;
  return out;
}

function fail(refusal: CallRefusal): CallTransition {
  return { ok: false, refusal };
}

function refuse(code: Exclude<CallRefusalCode, 'out-of-order'>, action: CallAction, state: CallMachineState): CallTransition {
  return fail({ code, action: action.type, status: state.status });
}

/** Applies one action. Invalid actions return `{ ok: false }` and leave the caller's state as it was. */
export function callTransition(state: CallMachineState, action: CallAction, options?: CallMachineOptions): CallTransition {
  const capMs = wrapCap(options);
  if (!Number.isFinite(action.atMs)) return refuse('invalid-time', action, state);
  const last = lastEventMs(state);
  if (last !== null && action.atMs < last) {
    return fail({ code: 'out-of-order', action: action.type, status: state.status, atMs: action.atMs, lastEventMs: last });
  }
  if (action.type === 'start' && action.direction !== 'in' && action.direction !== 'out') return refuse('invalid-direction', action, state);

  switch (state.status) {
    case 'idle':
      if (action.type === 'start') return { ok: true, state: open(action), completed: null };
      return refuse(REFUSALS.idle[action.type], action, state);

    case 'talking': {
      const call = state.call;
      switch (action.type) {
        case 'hold':
          return {
            ok: true,
            state: {
              status: 'on-hold',
              call: { ...call, talkMs: call.talkMs + (action.atMs - call.segmentStartMs), segmentStartMs: action.atMs, held: true },
            },
            completed: null,
          };
        case 'end':
          return { ok: true, state: { status: 'wrap-up', call: ended(call, false, action.atMs) }, completed: null };
        case 'cancel': {
          if (call.held) return refuse('cancel-connected', action, state);
          const record: CallRecord = {
            startMs: call.startMs,
            answered: false,
            talkMs: 0,
            holdMs: 0,
            wrapMs: 0,
            endMs: action.atMs,
            wrapEndMs: action.atMs,
            direction: call.direction,
            source: call.source,
          };
          if (call.contact !== undefined) record.contact = call.contact;
          return { ok: true, state: IDLE, completed: record };
        }
        case 'start':
        case 'resume':
        case 'wrap':
          return refuse(REFUSALS.talking[action.type], action, state);
      }
      break;
    }

    case 'on-hold': {
      const call = state.call;
      switch (action.type) {
        case 'resume':
          return {
            ok: true,
            state: {
              status: 'talking',
              call: { ...call, holdMs: call.holdMs + (action.atMs - call.segmentStartMs), segmentStartMs: action.atMs },
            },
            completed: null,
          };
        case 'end':
          return { ok: true, state: { status: 'wrap-up', call: ended(call, true, action.atMs) }, completed: null };
        case 'start':
        case 'hold':
        case 'wrap':
        case 'cancel':
          return refuse(REFUSALS['on-hold'][action.type], action, state);
      }
      break;
    }

    case 'wrap-up':
      switch (action.type) {
        case 'wrap':
          return { ok: true, state: IDLE, completed: finish(state.call, action.atMs, capMs) };
        case 'start':
          return { ok: true, state: open(action), completed: finish(state.call, action.atMs, capMs) };
        case 'hold':
        case 'resume':
        case 'end':
        case 'cancel':
          return refuse(REFUSALS['wrap-up'][action.type], action, state);
      }
  }
  // Unreachable with a well-typed action; a malformed one from outside is an error, not a crash.
  return fail({ code: 'unknown-action', action: String((action as { type: unknown }).type), status: state.status });
}

/** When the current after-call work reaches its cap (null when not in wrap-up). */
export function wrapUpDeadlineMs(state: CallMachineState, options?: CallMachineOptions): number | null {
  return state.status === 'wrap-up' ? state.call.endMs + wrapCap(options) : null;
}

/**
 * Closes after-call work that has reached its cap by `nowMs`: the record ends at end + cap, not at
 * `nowMs`. Any other state, or a wrap-up still within its cap, is returned as it is.
 */
export function expireWrapUp(state: CallMachineState, nowMs: number, options?: CallMachineOptions): { state: CallMachineState; completed: CallRecord | null } {
  const deadline = wrapUpDeadlineMs(state, options);
  if (state.status !== 'wrap-up' || deadline === null || nowMs < deadline) return { state, completed: null };
  return { state: IDLE, completed: finish(state.call, deadline, deadline - state.call.endMs) };
}

/** Talk time so far, including the open talk segment (for a live display). */
export function liveTalkMs(state: CallMachineState, nowMs: number): number {
  switch (state.status) {
    case 'idle':
      return 0;
    case 'talking':
      return state.call.talkMs + Math.max(0, nowMs - state.call.segmentStartMs);
    case 'on-hold':
    case 'wrap-up':
      return state.call.talkMs;
  }
}

/** Call domain types (DESIGN.md §3 "Calls"). All instants are UTC milliseconds, all durations milliseconds. */

export const CALL_DIRECTIONS = ['in', 'out'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/** What a rep can say about a detected call: it was a call, it was not, or it is part of another call. */
export const CALL_REVIEW_ACTIONS = ['confirm', 'dismiss', 'merge'] as const;
export type CallReviewAction = (typeof CALL_REVIEW_ACTIONS)[number];

/** How Stint learnt of a call: the rep's own controls, window-based detection, or a dialer's export. */
export type CallSource = 'manual' | 'detected' | 'import';

/**
 * A finished call, after its after-call work. `talkMs` excludes hold; `wrapMs` is after-call work from
 * `endMs` to `wrapEndMs` (already capped by the machine that produced it). An unanswered call (cancelled
 * before it connected) has `answered: false` and zero talk, hold and wrap-up.
 */
export interface CallRecord {
  startMs: number;
  answered: boolean;
  talkMs: number;
  holdMs: number;
  wrapMs: number;
  endMs: number;
  wrapEndMs: number;
  direction: CallDirection;
  contact?: string;
  source: CallSource;
  /** The rep's wrap-up notes, written when they wrapped the call up; kept on this computer. */
  notes?: string;
}

/** The part of a call the metrics need, shared by recorded calls and imported ones. */
export interface CallTimes {
  startMs: number;
  answered: boolean;
  talkMs: number;
  holdMs: number;
  wrapMs: number;
}

/** Default cap on after-call work: 10 minutes. */
export const DEFAULT_WRAP_CAP_MS = 10 * 60_000;

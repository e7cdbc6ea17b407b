import type { CallMetrics, CallRecord, CallReviewAction, DailyCallMetrics } from '../calls';
import type { Rating, Rule } from '../categories';
import type { SalesKpis } from '../sales';
import type { OpportunityKpis } from '../sales/sales-kpis';
import type { SessionKind } from '../recording/records';
import type { PauseReason } from '../recording/session-machine';

export type { EffectiveInterval } from '../timesheet/effective';

/*
 * What the recorder's requests return: the same shapes for the CLI's JSON, the local HTTP API, Electron
 * IPC and the views. Times are UTC milliseconds; durations are seconds.
 */

export const TIME_USE_GROUPINGS = ['app', 'title', 'site', 'category', 'hour'] as const;
export type TimeUseGrouping = (typeof TIME_USE_GROUPINGS)[number];

/**
 * The reserved row key for "nothing there": no window (grouped by app or title) or not a website (by
 * site). Real app names and host names are never empty; the CLI and the views word it.
 */
export const NONE_KEY = '';

export interface TimeUseRow {
  /** The app, title, site, category or hour ("09:00"); NONE_KEY for no window / not a website. */
  key: string;
  seconds: number;
  /** The rating most of this row's time has. */
  rating: Rating;
}

export interface TimeUseReport {
  fromMs: number;
  toMs: number;
  /** active + idle: all time the recorder observed. */
  trackedSeconds: number;
  /** Observed time with input: what the rows add up to, and productive + neutral + unproductive. */
  activeSeconds: number;
  idleSeconds: number;
  /**
   * Work, break, manual and idle-in-work figures come from the one worked-time computation the timesheet
   * uses (shared/timesheet/worked-time.ts). Clocked-in work after corrections minus breaks, overlaps once.
   */
  workSeconds: number;
  breakSeconds: number;
  /** The part of work added or changed by hand, to the second. */
  manualSeconds: number;
  /** The part of work the device saw as idle and the rep said was work. */
  claimedIdleSeconds: number;
  /** The part of work the device saw as idle with no answer yet. */
  unconfirmedIdleSeconds: number;
  productiveSeconds: number;
  neutralSeconds: number;
  unproductiveSeconds: number;
  /** productive ÷ active, 0..1; null when nothing was active. */
  productivity: number | null;
  rows: TimeUseRow[];
}

/** The values a running recorder works with. */
export interface RecorderInForce {
  pollMs: number;
  /** No input for this long is idle. */
  idleThresholdMs: number;
  /** A work session opens with the first activity. */
  autoSession: boolean;
}

export interface Status {
  /** `paused`: the running recorder is not sampling, since when and why (null when it samples or is not running). */
  recorder: {
    running: boolean;
    pid: number | null;
    lastSeenMs: number | null;
    paused: { reason: PauseReason; sinceMs: number } | null;
    /** What the running recorder samples with, as it runs (flags, settings and defaults applied); null when none runs or it did not say. */
    inForce?: RecorderInForce | null;
  };
  session: { kind: SessionKind; startMs: number; seconds: number } | null;
  window: { app: string; title: string; sinceMs: number; current: boolean } | null;
  idleSinceMs: number | null;
  today: {
    date: string;
    timeZone: string;
    trackedSeconds: number;
    activeSeconds: number;
    idleSeconds: number;
    workSeconds: number;
    /** What the big timer shows: workSeconds, stopped where the idle began while the rep is idle in a work session. */
    timerSeconds: number;
    breakSeconds: number;
    manualSeconds: number;
    claimedIdleSeconds: number;
    unconfirmedIdleSeconds: number;
    topApps: TimeUseRow[];
  };
}

export interface StoredRule extends Rule {
  source: 'user' | 'default';
  enabled: boolean;
}

/**
 * A rule that files windows a newly added rule matches under its own category instead: `windows` of the
 * recorded windows (and the rule's own example), one of them `example`.
 */
export interface RuleShadow extends Omit<StoredRule, 'enabled'> {
  windows: number;
  example: { app: string; title: string; url?: string };
}

/** Detected calls by review, for lists: waiting for the rep, confirmed, dismissed (or merged into another). */
export const CALL_REVIEW_FILTERS = ['pending', 'confirmed', 'dismissed'] as const;
export type CallReviewFilter = (typeof CALL_REVIEW_FILTERS)[number];

/** A stored call as lists show it (shared/calls/same-call.ts: one row per call). */
export interface StoredCall extends CallRecord {
  uuid: string;
  system: string | null;
  externalId: string | null;
  detectedBy: string | null;
  /** null: not reviewed (a detected call waiting for the rep, or a call that needs no review). */
  review: CallReviewAction | null;
  /** The agent the imported log names; null for calls timed here and logs without agents. */
  agent: string | null;
  /** The rep's call: timed here, or imported under their identity (or without an agent). */
  mine: boolean;
  /** The imported call that is this same call, counted here and nowhere else. */
  sameAs?: { uuid: string; system: string; externalId: string };
}

/** A call window open now (Zoom, Teams, Meet, a dialer), seen by the running recorder. */
export interface DetectedCallNow {
  startMs: number;
  label: string;
  ruleId: string;
  contact?: string;
}

/** Call metrics of one agent as the call logs name them; `agent: null` is the rep's own (timed here, or under their identity). */
export interface AgentCallMetrics extends CallMetrics {
  agent: string | null;
}

export interface CallsReport extends CallMetrics {
  from: string;
  to: string;
  timeZone: string;
  /** 'mine': the rep's own calls only; 'all': every agent's. */
  scope: 'mine' | 'all';
  /** Detected calls in the range waiting for the rep to confirm or dismiss them (counted nowhere until then). */
  toReview: number;
  days?: DailyCallMetrics[];
  agents?: AgentCallMetrics[];
}

/** One owner's opportunity figures, when a report names several owners; `mine`: the rep's identity. */
export type OwnerSales = OpportunityKpis & { owner: string | null; mine: boolean };

export interface SalesReport extends SalesKpis {
  from: string;
  to: string;
  timeZone: string;
  /** The currency setting: amounts a report gives without a currency are in it. */
  currency: string;
  /** One row per owner when the opportunities have more than one (else absent). */
  owners?: OwnerSales[];
}

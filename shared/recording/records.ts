/** Fields every raw record carries: identity, device, UTC span and the zone in force when it was made. */
export interface RecordBase {
  uuid: string;
  deviceId: string;
  startMs: number;
  endMs: number;
  timeZone: string;
  utcOffsetMin: number;
}

export interface WindowData {
  app: string;
  title: string;
  url?: string;
}

export interface ActivityRecord extends RecordBase, WindowData {}

export type IdleRecord = RecordBase;

export const SESSION_KINDS = ['work', 'break'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** The answers to "you were away: what was it?" (DESIGN.md §2 "Idle"), in the order they are offered. */
export const IDLE_CHOICES = ['work', 'break', 'call', 'discard'] as const;
export type IdleChoice = (typeof IDLE_CHOICES)[number];

export interface SessionRecord extends RecordBase {
  kind: SessionKind;
  startReason: string;
  endReason: string | null;
}

/**
 * Activity and idle spans are cut at this length so range queries can bound their index scans
 * (a span that overlaps [from, to) started after from − MAX_SPAN_MS).
 */
export const MAX_SPAN_MS = 60 * 60 * 1000;

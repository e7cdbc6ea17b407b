/**
 * The device's view of sync, as the API's `sync.*` requests answer it (shared/api/contract.ts): codes, not
 * words. The CLI (`stint sync`) and the views word them.
 */
import type { Policy, SyncRecord } from './contract';

/** A record as it leaves the device, before it takes its place (seq) in a batch. */
export type UnsequencedRecord = SyncRecord extends infer R ? (R extends SyncRecord ? Omit<R, 'seq'> : never) : never;

export const SYNC_ERROR_CODES = [
  /** No answer: the server is down, the network is, or the connection broke. Retried with backoff. */
  'unreachable',
  /** The server failed (5xx). Retried. */
  'server-error',
  'rate-limited',
  /** The server no longer knows this device's token: revoked by a manager, or the rep was removed. */
  'device-revoked',
  /** The server is older than this device and refuses its records' version. */
  'server-too-old',
  /** What answered is not a Stint server (or not one this device understands). */
  'not-a-stint-server',
  'unknown-code',
  'used-code',
  'expired-code',
  'sequence-gap',
  'concurrent-push',
  /** The server holds fewer of this device's records than the device was told it had (a restored backup). */
  'server-behind',
  'refused',
  /** This device's own database could not be read or written. Retried. */
  'device-storage',
  /** The token was sealed by the desktop app (the system keyring) and this process cannot open it: the CLI alone. */
  'token-sealed',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

/** A clock further than this from the server's is reported; records keep the device's times. */
export const CLOCK_SKEW_WARN_MS = 2 * 60_000;

/** The device's live status is posted this often while a recorder runs. */
export const STATUS_INTERVAL_MS = 30_000;

export interface SyncStatus {
  enrolled: boolean;
  server: string | null;
  /** The rep this device is enrolled to. */
  userEmail: string | null;
  deviceId: string | null;
  enrolledMs: number | null;
  lastPushMs: number | null;
  pending: number;
  /** When the oldest record still waiting happened. */
  oldestPendingMs: number | null;
  lastError: { code: string; message: string; atMs: number } | null;
  /** Server time minus this device's, at the last answer; null before any. */
  clockSkewMs: number | null;
  /** The team's policy in force on this device, when one was pulled. */
  policy: { version: number; pulledMs: number; values: Policy } | null;
  /** A recorder runs and pushes (else records wait for the next `stint track`, the app, or `stint sync now`). */
  recorderRunning: boolean;
  /**
   * How this process keeps the token: 'sealed', encrypted with a key the system keyring guards (the desktop app);
   * 'file', a file only the rep's account can read (the CLI, or the app where no keyring was found).
   */
  tokenKept: 'sealed' | 'file';
}

export interface SyncNowResult {
  /** Who pushed: the running recorder, or this process. */
  via: 'recorder' | 'direct';
  pushed: number;
  pending: number;
  error: { code: string; message: string } | null;
}

export interface SyncPreview {
  from: string;
  to: string;
  timeZone: string;
  /** What the serializer the pusher uses makes of each closed record of the period, under the policy in force. */
  records: { record: UnsequencedRecord; state: 'sent' | 'pending' }[];
  upload: { titles: boolean; urls: boolean };
  policySource: 'team' | 'default';
}

/** When a record happened: its start, or when it was made (a removal, a call review). */
export function recordTime(r: UnsequencedRecord): number {
  if (r.kind === 'call-review') return r.createdMs;
  if (r.kind === 'correction') return r.startMs ?? r.createdMs;
  return r.startMs;
}

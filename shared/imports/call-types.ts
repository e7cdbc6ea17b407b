/** Calls imported from a dialer's or help desk's call log (DESIGN.md §5). */
import type { CallDirection } from '../calls/types';
import type { ImportError } from './result';

export type CallSystem = 'zendesk-talk' | 'five9' | 'talkdesk' | 'aircall' | 'generic';
export const CALL_SYSTEMS: readonly CallSystem[] = ['zendesk-talk', 'five9', 'talkdesk', 'aircall', 'generic'];

/**
 * One call as its system logged it. Durations are milliseconds; `talkMs` excludes hold and ringing;
 * `wrapMs` is the system's after-call work, uncapped (metrics apply the cap). Unanswered calls
 * (missed, abandoned, voicemail, no answer) have `answered: false`.
 */
export interface ImportedCall {
  externalId: string;
  startMs: number;
  answered: boolean;
  talkMs: number;
  holdMs: number;
  wrapMs: number;
  direction: CallDirection;
  agent?: string;
  contact?: string;
  system: CallSystem;
}

export type CallImportResult = { ok: true; calls: ImportedCall[] } | { ok: false; errors: ImportError[] };

export interface CallImportOptions {
  /** IANA zone in which timestamps written without an offset are read (the export's zone). */
  zone: string;
}

/**
 * The deduplication key of an imported call: its system and its id there. Importing the same file
 * (or an overlapping export) twice adds nothing the second time when the store keeps these keys.
 */
export function callImportKey(call: Pick<ImportedCall, 'system' | 'externalId'>): string {
  return `${call.system}:${call.externalId}`;
}

/** The calls whose keys are not among `existingKeys`, in file order. */
export function newImportedCalls(calls: readonly ImportedCall[], existingKeys: ReadonlySet<string>): ImportedCall[] {
  return calls.filter((c) => !existingKeys.has(callImportKey(c)));
}

import { UserError } from '../user-error';
import type { CallStatus } from './call-machine';

/**
 * Why the call machine refused an action: a stable code with the facts behind it, never English. The CLI
 * words it (call-refusal-text.ts, also the API's `error` message), the views through their messages in
 * the chosen language, keyed by the code the API returns beside the message.
 */
export const CALL_REFUSAL_CODES = [
  /** hold, end or cancel with no call. */
  'no-call',
  /** resume with no call on hold. */
  'not-on-hold',
  /** wrap with no call ended. */
  'no-ended-call',
  /** start while a call is talking or on hold: one call at a time. */
  'call-in-progress',
  /** wrap while the call is still talking or on hold. */
  'call-still-going',
  /** cancel of a call that has been on hold, so it connected. */
  'cancel-connected',
  /** hold while already on hold. */
  'already-on-hold',
  /** hold, resume or cancel once the call has ended. */
  'call-ended',
  /** end once the call has ended. */
  'already-ended',
  /** an action dated before the call's last event. */
  'out-of-order',
  /** an action whose time is not a finite instant. */
  'invalid-time',
  /** start with a direction other than in or out. */
  'invalid-direction',
  /** an action the machine does not know. */
  'unknown-action',
] as const;
export type CallRefusalCode = (typeof CALL_REFUSAL_CODES)[number];

export type CallRefusal =
  | { code: Exclude<CallRefusalCode, 'out-of-order'>; action: string; status: CallStatus }
  | { code: 'out-of-order'; action: string; status: CallStatus; atMs: number; lastEventMs: number };

/** A refused call action on its way to a person: the refusal for whoever translates, the message (English) for whoever does not. */
export class CallRefusedError extends UserError {
  constructor(
    readonly refusal: CallRefusal,
    message: string,
  ) {
    super(message);
  }
}

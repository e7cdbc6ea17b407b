import type { CallRefusalCode } from '../../../shared/calls/call-refusal';
import type { MessageKey } from '../../i18n/en';

/** Every call refusal's wording; keyed by the code, so a new refusal is a type error here until it has words. */
export const CALL_REFUSAL_MESSAGES: Record<CallRefusalCode, MessageKey> = {
  'no-call': 'callRefusal.no-call',
  'not-on-hold': 'callRefusal.not-on-hold',
  'no-ended-call': 'callRefusal.no-ended-call',
  'call-in-progress': 'callRefusal.call-in-progress',
  'call-still-going': 'callRefusal.call-still-going',
  'cancel-connected': 'callRefusal.cancel-connected',
  'already-on-hold': 'callRefusal.already-on-hold',
  'call-ended': 'callRefusal.call-ended',
  'already-ended': 'callRefusal.already-ended',
  'out-of-order': 'callRefusal.out-of-order',
  'invalid-time': 'callRefusal.invalid-time',
  'invalid-direction': 'callRefusal.invalid-direction',
  'unknown-action': 'callRefusal.unknown-action',
};

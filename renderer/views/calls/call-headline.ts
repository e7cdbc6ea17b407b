import { callDetectionSource } from '../../../shared/calls';
import type { Translate } from '../../app/AppContext';

/** What the call in progress is doing, in words: "On a call with Acme", "On hold", "After-call work: Acme". */
export function callHeadline(status: 'talking' | 'on-hold' | 'wrap-up', contact: string | null | undefined, t: Translate): string {
  if (status === 'on-hold') return t('calls.onHold');
  if (status === 'wrap-up') return contact ? t('calls.wrapUpWith', { contact }) : t('calls.wrapUp');
  return contact ? t('calls.talkingWith', { contact }) : t('calls.talking');
}

/** Where a detected call came from, in words: "Zoom meeting", "Aircall call" ("Zoom 会议"); the stored label for a rule this build does not know. */
export function detectedSourceText(ruleId: string | null, label: string | null, t: Translate): string {
  const source = callDetectionSource(ruleId);
  if (source === null) return label ?? ruleId ?? '?';
  if (source.kind === 'meeting') return t('calls.detectedMeeting', { name: source.name });
  if (source.kind === 'call') return t('calls.detectedCall', { name: source.name });
  return source.name;
}

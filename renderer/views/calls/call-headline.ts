import type { Translate } from '../../app/AppContext';

/** What the call in progress is doing, in words: "On a call with Acme", "On hold", "After-call work: Acme". */
export function callHeadline(status: 'talking' | 'on-hold' | 'wrap-up', contact: string | null | undefined, t: Translate): string {
  if (status === 'on-hold') return t('calls.onHold');
  if (status === 'wrap-up') return contact ? t('calls.wrapUpWith', { contact }) : t('calls.wrapUp');
  return contact ? t('calls.talkingWith', { contact }) : t('calls.talking');
}

import { idleChoiceOfReason } from '../../shared/recording/idle-reasons';
import type { Translate } from '../app/AppContext';

/** A time entry's reason in the reader's language when Stint wrote it (an idle answer); as the person wrote it otherwise. */
export function entryReasonText(reason: string, t: Translate): string {
  const choice = idleChoiceOfReason(reason);
  return choice === null ? reason : t(`idleReason.${choice}`);
}

import { IDLE_CHOICES, type IdleChoice } from './records';

/**
 * The reason stored with the time an idle answer adds or takes away: English data (the CLI prints it, the server
 * keeps it), which the views recognise and word in their language.
 */
export const IDLE_CHOICE_REASONS: Record<IdleChoice, string> = {
  work: 'idle time kept as work',
  break: 'idle time was a break',
  call: 'idle time was a call or meeting',
  discard: 'idle time discarded',
};

/** The idle answer a stored reason was written for, or null for a reason a person wrote. */
export function idleChoiceOfReason(reason: string): IdleChoice | null {
  return IDLE_CHOICES.find((choice) => IDLE_CHOICE_REASONS[choice] === reason) ?? null;
}

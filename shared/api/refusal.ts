import { UserError } from '../user-error';
import type { CodedRefusalCode } from './contract';

/**
 * A refusal the views word themselves: the English message for the CLI and logs, the code and the values
 * the words need (the week, who approved it) for the views' languages.
 */
export class CodedRefusal extends UserError {
  override name = 'CodedRefusal';
  constructor(
    readonly code: CodedRefusalCode,
    message: string,
    readonly params: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Refusals of a change that lost to another one made first (or to the server's state): answered with 409, as a ConflictError is. */
export const CONFLICT_CODES: ReadonlySet<CodedRefusalCode> = new Set(['week-locked', 'week-figures-differ', 'rule-id-taken', 'time-already-replaced']);

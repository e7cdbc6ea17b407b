import { ConflictError, UserError } from '../user-error';
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

/** A ConflictError (a change that lost to one made first: answered with 409) the views word themselves, as a CodedRefusal. */
export class CodedConflict extends ConflictError {
  override name = 'CodedConflict';
  constructor(
    readonly code: CodedRefusalCode,
    message: string,
    readonly params: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Coded refusals that conflict with the server's state (a locked week, figures that differ): answered with 409 too. */
export const CONFLICT_CODES: ReadonlySet<CodedRefusalCode> = new Set(['week-locked', 'week-figures-differ']);

import { UserError } from '../user-error';
import type { ImportRefusalCode, WeekRefusalCode } from './contract';

/**
 * A refusal the views word themselves: the English message for the CLI and logs, the code and the values
 * the words need (the week, who approved it) for the views' languages.
 */
export class CodedRefusal extends UserError {
  override name = 'CodedRefusal';
  constructor(
    readonly code: WeekRefusalCode | ImportRefusalCode,
    message: string,
    readonly params: Record<string, string> = {},
  ) {
    super(message);
  }
}

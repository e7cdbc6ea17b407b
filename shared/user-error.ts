/**
 * An error whose message is written for a person: what was wrong and what to do. Interfaces print its
 * message alone; any other error is a bug and is reported as one.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/**
 * A UserError for a change that lost to another one made first (two edits of the same record, two answers
 * to the same idle prompt): it says what stands now and what to do instead. The API answers it with 409.
 */
export class ConflictError extends UserError {
  override name = 'ConflictError';
}

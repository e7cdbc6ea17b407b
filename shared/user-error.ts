/**
 * An error whose message is written for a person: what was wrong and what to do. Interfaces print its
 * message alone; any other error is a bug and is reported as one.
 */
export class UserError extends Error {
  override name = 'UserError';
}

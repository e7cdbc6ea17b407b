import { DateTime } from 'luxon';
import { instantProblem } from '../../../shared/bounds';
import { UserError } from '../../../shared/user-error';

/**
 * A moment from the command line: ISO 8601 with an offset or Z is exact; without one it is local time in
 * `zone` (so "2026-03-02T09:00" means nine in the morning where the rep is). A time outside 1970–2100 is a
 * typo and is refused here, in the flag's words, as the imports refuse such a cell.
 */
export function parseInstant(value: string, flag: string, zone: string): number {
  const parsed = DateTime.fromISO(value.trim(), { zone, setZone: true });
  if (!parsed.isValid) {
    throw new UserError(`${flag} "${value}" is not a date and time. Use ISO 8601, e.g. 2026-03-02T09:00 or 2026-03-02T09:00:00-05:00.`);
  }
  const problem = instantProblem(parsed.toMillis(), `${flag} "${value}"`);
  if (problem !== null) throw new UserError(problem);
  return parsed.toMillis();
}

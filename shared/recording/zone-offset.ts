import { DateTime } from 'luxon';
import { assertTimeZone } from '../timesheet/local-time';
import { UserError } from '../user-error';

/** Minutes east of UTC in force in the zone at that instant (DST included). */
export function utcOffsetMinutes(ms: number, timeZone: string): number {
  return DateTime.fromMillis(ms, { zone: timeZone }).offset;
}

/** A zone a person typed: returned when it is an IANA name, else an error that says what to give instead. */
export function requireTimeZone(timeZone: string): string {
  try {
    assertTimeZone(timeZone);
  } catch {
    throw new UserError(`Unknown time zone "${timeZone}". Use an IANA name such as Europe/Berlin or America/New_York.`);
  }
  return timeZone;
}

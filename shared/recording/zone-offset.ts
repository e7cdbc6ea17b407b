import { zoneRules } from '../timesheet/host-zone';
import { isTimeZone } from '../timesheet/local-time';
import { UserError } from '../user-error';

/** Minutes east of UTC in force in the zone at that instant (DST included). */
export function utcOffsetMinutes(ms: number, timeZone: string): number {
  return zoneRules(timeZone).offset(ms);
}

/** What to say about a zone that is not one: shared by the CLI's options and the API's schemas. */
export const TIME_ZONE_HINT = 'Use an IANA name such as Europe/Berlin or America/New_York.';

/** A zone a person typed: returned when it is an IANA name, else an error that says what to give instead. */
export function requireTimeZone(timeZone: string): string {
  if (!isTimeZone(timeZone)) throw new UserError(`Unknown time zone "${timeZone}". ${TIME_ZONE_HINT}`);
  return timeZone;
}

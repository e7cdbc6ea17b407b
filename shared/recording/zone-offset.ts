import { DateTime, IANAZone } from 'luxon';
import { UserError } from '../user-error';

/** Minutes east of UTC in force in the zone at that instant (DST included). */
export function utcOffsetMinutes(ms: number, timeZone: string): number {
  return DateTime.fromMillis(ms, { zone: timeZone }).offset;
}

export function assertTimeZone(timeZone: string): string {
  if (!IANAZone.isValidZone(timeZone)) {
    throw new UserError(`Unknown time zone "${timeZone}". Use an IANA name such as Europe/Berlin or America/New_York.`);
  }
  return timeZone;
}

/**
 * Zone rules without Intl for the zone the JavaScript engine's own Date runs in. The first Intl object a
 * process builds loads ICU's locale tables (about 115 M instructions, more than the rest of a short CLI
 * command), while Date's local time reads the same ICU zone rules at no such cost. So once the host says
 * which IANA zone its Date is in, the local-day maths in that zone goes through Date; every other zone
 * still goes through Luxon's Intl-backed IANAZone.
 */
import { FixedOffsetZone, IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';

/** A Luxon zone named `name` whose offsets come from Date's local time: only right while Date runs in that zone. */
class HostDateZone extends Zone<true> {
  constructor(private readonly zoneName: string) {
    super();
  }

  override get type(): string {
    // Luxon formats an 'iana' zone with Intl under its name, as it would the IANAZone of that name.
    return 'iana';
  }

  override get name(): string {
    return this.zoneName;
  }

  override get isUniversal(): false {
    return false;
  }

  override offsetName(ts: number, options: ZoneOffsetOptions): string {
    return IANAZone.create(this.zoneName).offsetName(ts, options) ?? '';
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return FixedOffsetZone.instance(this.offset(ts)).formatOffset(ts, format);
  }

  override offset(ts: number): number {
    const minutes = -new Date(ts).getTimezoneOffset();
    return minutes === 0 ? 0 : minutes; // never -0
  }

  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.zoneName;
  }

  override get isValid(): true {
    return true;
  }
}

let host: HostDateZone | null = null;

/**
 * Declares that Date's local time is the IANA zone `name` (as Intl names it), or that it is not known (null).
 * Only the process that knows its engine's zone calls this; nothing in shared code guesses it.
 */
export function setHostZone(name: string | null): void {
  host = name === null ? null : host?.name === name ? host : new HostDateZone(name);
}

/** The zone declared by setHostZone, if any. */
export function hostZoneName(): string | null {
  return host?.name ?? null;
}

/**
 * The Luxon zone for an IANA name: the Date-backed one for the host's zone, UTC's fixed zone (Luxon's IANAZone
 * checks every name with Intl), else Luxon's (cached) IANAZone.
 */
export function zoneRules(name: string): Zone {
  if (host !== null && name === host.name) return host;
  return name === 'UTC' ? FixedOffsetZone.utcInstance : IANAZone.create(name);
}

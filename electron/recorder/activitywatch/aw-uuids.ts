import { uuidV5 } from '../store/imported-uuids';

/** Namespace of ActivityWatch events' uuids. Never change it: re-importing would add every event again. */
export const AW_EVENT_NAMESPACE = '6f4c3b0e-2d59-4d8e-9a57-0b1f3c6a9e21';
/** Namespace of the activity and idle records derived from them. */
export const AW_RECORD_NAMESPACE = 'b3a1d7c2-58e4-4f0a-8c6b-7e2d91f04a53';

/**
 * An event's uuid from (hostname, bucket, timestamp to the millisecond, data with sorted keys): the same
 * event in a later export, or exported by Stint and imported again, gets the same uuid and is added once.
 */
export function awEventUuid(hostname: string, bucketId: string, startMs: number, canonicalData: string): string {
  return uuidV5(AW_EVENT_NAMESPACE, JSON.stringify([hostname, bucketId, startMs, canonicalData]));
}

/** A record derived from an event: one per piece, named by where the piece starts. */
export function awRecordUuid(eventUuid: string, pieceStartMs: number): string {
  return uuidV5(AW_RECORD_NAMESPACE, `${eventUuid}:${pieceStartMs}`);
}
